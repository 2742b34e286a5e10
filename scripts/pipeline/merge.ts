import { constants, copyFileSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fsProblem } from '../emit/fs-problem.ts';
import { serializeManifest, sha256, type ManifestEntry } from '../emit/manifest.ts';
import { OUTPUT_MANIFEST, showPath, unsafeManifestPath } from '../emit/manifest-paths.ts';
import { OutputDir } from '../emit/output-dir.ts';
import { plainPath } from '../basics/regular-file.ts';

/** Shards that cannot be merged: a missing or damaged manifest, a missing file, a conflict. */
export class MergeError extends Error {}

/** 1-based line and column of the first occurrence of `needle` in `text` (1:1 when absent). */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const at = needle === '' ? -1 : text.indexOf(needle);
  if (at < 0) return { line: 1, column: 1 };
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/**
 * A shard's files are read through plain folders only: every name below the shard folder must be
 * a real folder or, at the end, a regular file. A symbolic link could point anywhere (an artifact
 * is made by whoever ran that CI job), and would make merge copy a file from outside the shard.
 */
function shardFile(dir: string, relative: string): { file: string; problem?: string } {
  const walked = plainPath(dir, relative);
  return walked.problem === undefined ? walked : { file: walked.file, problem: SHARD_PROBLEMS[walked.problem] };
}

const SHARD_PROBLEMS = {
  missing: 'mangler',
  link: 'er et symbolsk link; en del fra en build indeholder kun almindelige filer',
  'not-file': 'er ikke en almindelig fil',
  'not-folder': 'er ikke en mappe',
} as const;

/** A shard's entry, checked only as far as merge relies on it: the path, the hash. */
function isEntry(value: unknown): value is ManifestEntry {
  const e = value as { sha256?: unknown } | null;
  return typeof e === 'object' && e !== null && !Array.isArray(e) && typeof e.sha256 === 'string' && /^[0-9a-f]{64}$/.test(e.sha256);
}

/**
 * Merges the output folders of a sharded build (`build --shard i/n`) into one, checking every
 * file against its shard's manifest. Two shards may both hold a file (a bundle renders members
 * owned by other shards) only if the bytes are the same: builds are deterministic.
 *
 * Shard folders are CI artifacts, so their manifests are input like any other: every path is
 * checked on its text (relative, plain names: see unsafeManifestPath) and read through no
 * symbolic link, before anything is written. The output folder is then written below its
 * staging folder only, and swapped in whole.
 */
export function mergeShards(shardDirs: readonly string[], outDir: string): ManifestEntry[] {
  const byPath = new Map<string, { entry: ManifestEntry; dir: string; file: string }>();
  for (const given of shardDirs) {
    const manifestFile = path.join(given, OUTPUT_MANIFEST);
    let dir: string;
    let text: string;
    try {
      // The folder named on the command line may itself be a link (the user chose it); below it, none.
      dir = realpathSync(given);
      const at = shardFile(dir, OUTPUT_MANIFEST);
      if (at.problem === 'mangler') throw new MergeError(`${given} har ingen ${OUTPUT_MANIFEST}; er det en del fra »npm run build -- --shard«?`);
      if (at.problem) throw new MergeError(`${manifestFile} ${at.problem}`);
      text = readFileSync(at.file, 'utf8');
    } catch (error) {
      if (error instanceof MergeError) throw error;
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new MergeError(`${given} findes ikke; angiv mapper fra »npm run build -- --shard«`);
      const problem = fsProblem(error);
      if (!problem) throw error;
      throw new MergeError(`${given} kan ikke læses (${problem.path ?? given}: ${problem.reason}); ret adgangen, og kør igen`);
    }
    let files: unknown;
    try {
      files = (JSON.parse(text) as { files?: unknown }).files;
    } catch {
      throw new MergeError(`${manifestFile} er ikke gyldig JSON`);
    }
    if (!Array.isArray(files)) throw new MergeError(`${manifestFile}: »files« skal være en liste; er det et manifest fra en build?`);
    for (const entry of files as unknown[]) {
      const relative = (entry as { path?: unknown } | null)?.path;
      const where = (p: unknown) => {
        const { line, column } = positionOf(text, typeof p === 'string' ? JSON.stringify(p) : '"path"');
        return `${manifestFile}:${line}:${column}`;
      };
      if (!isEntry(entry)) throw new MergeError(`${where(relative)}: en post i »files« mangler en gyldig »sha256«`);
      const unsafe = unsafeManifestPath(relative);
      if (unsafe)
        throw new MergeError(
          `${where(relative)}: stien »${showPath(relative)}« kan ikke bruges: ${unsafe}; en del fra en build har kun stier inde i sin mappe`,
        );
      if (entry.path === OUTPUT_MANIFEST) throw new MergeError(`${where(relative)}: stien »${OUTPUT_MANIFEST}« er forbeholdt det samlede manifest`);
      const at = shardFile(dir, entry.path);
      let bytes: Buffer | undefined;
      if (!at.problem) {
        try {
          bytes = readFileSync(at.file);
        } catch (error) {
          const problem = fsProblem(error);
          if (!problem) throw error;
          throw new MergeError(`${at.file} kan ikke læses (${problem.reason})`);
        }
      }
      if (at.problem && at.problem !== 'mangler') throw new MergeError(`${where(relative)}: ${at.file} ${at.problem}`);
      if (!bytes || sha256(bytes) !== entry.sha256) throw new MergeError(`${path.join(given, entry.path)} mangler eller passer ikke med manifestet`);
      const other = byPath.get(entry.path);
      if (other && other.entry.sha256 !== entry.sha256) {
        throw new MergeError(`${entry.path} er forskellig i ${other.dir} og ${given}; delene er ikke bygget med samme data, nøgle og tidspunkt`);
      }
      byPath.set(entry.path, { entry, dir: given, file: at.file });
    }
  }
  // One path may not be both a file and a folder (»a« and »a/b«): the output could not hold both.
  const folders = new Set(
    [...byPath.keys()].flatMap((p) =>
      p
        .split('/')
        .slice(0, -1)
        .map((_, i, all) => all.slice(0, i + 1).join('/')),
    ),
  );
  for (const [relative, { dir }] of byPath) {
    if (folders.has(relative)) throw new MergeError(`${relative} i ${dir} er en fil, men en anden post bruger den som mappe`);
  }

  const out = new OutputDir(outDir);
  out.open({ keepExisting: false });
  try {
    for (const [relative, { file }] of byPath) {
      mkdirSync(path.dirname(out.path(relative)), { recursive: true });
      // From the regular file checked above, into the fresh staging folder (never over a file).
      copyFileSync(file, out.path(relative), constants.COPYFILE_EXCL);
    }
    const entries = [...byPath.values()].map((v) => v.entry);
    writeFileSync(out.path(OUTPUT_MANIFEST), serializeManifest(entries));
    out.commit();
    return entries;
  } finally {
    out.close();
  }
}
