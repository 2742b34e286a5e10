import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { ManifestEntry } from '../emit/manifest.ts';
import { robotoPaths } from '../emit/pdf/fonts.ts';
import { CODE_ROOT, codeCacheDir, prune, readCacheFile, sha256, writeCacheFile } from '../basics/cache-file.ts';
import { discoverSync } from '../load/discover.ts';

/** Bumped when the cache's shape or the meaning of its keys changes. */
const CACHE_FORMAT = 5;

/** The key every build cache file is stored under (cache-file.ts checks it with the entry's HMAC). */
const ENTRY_KEY = `build ${CACHE_FORMAT}`;

/** Data roots whose build caches are kept; the least recently built go (test runs make many). */
const MAX_ROOTS = 64;

export interface CachedOutputs {
  key: string;
  entries: ManifestEntry[];
  /**
   * A document's render digest (render-output.ts): what its PDF and Markdown are made from. When
   * its inputs changed but this did not, the files are taken over instead of made again.
   */
  render?: string;
}

/** An output file as the build left it: size, modification time and inode, with its hash. */
export type FileStamp = [size: number, mtimeMs: number, ino: number, sha256: string];

/** What the last build made from which inputs, per document and per kommune bundle. */
export interface CacheIndex {
  format: typeof CACHE_FORMAT;
  documents: Record<string, CachedOutputs>;
  bundles: Record<string, CachedOutputs>;
  /** Output path → stamp: a file whose stat still matches need not be read and hashed again. */
  files: Record<string, FileStamp>;
  /** inputStamp() when this index was written: unchanged, the next build is most likely a no-op. */
  inputs?: string;
  /** What the last successful build of everything found and reported (see noop.ts). */
  lastBuild?: LastBuild;
}

/** A build of everything, for the next build's fast path (noop.ts). */
export interface LastBuild {
  /** outcomeKey(): the inputs' stamp and what else decides findings and seal. */
  key: string;
  /** sha256 of out/manifest.json as it wrote it. */
  manifest: string;
  documents: number;
  bundles: number;
  /** The check's findings (warnings only: a build with errors writes nothing). */
  diagnostics: Diagnostic[];
}

function isLastBuild(value: unknown): value is LastBuild {
  const v = value as Unchecked<LastBuild> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.key === 'string' &&
    typeof v.manifest === 'string' &&
    typeof v.documents === 'number' &&
    typeof v.bundles === 'number' &&
    Array.isArray(v.diagnostics) &&
    v.diagnostics.every(
      (d: Unchecked<Diagnostic> | null | undefined) =>
        typeof d?.rule === 'string' && typeof d.file === 'string' && typeof d.message === 'string' && d.severity === 'warning',
    )
  );
}

export function emptyCache(): CacheIndex {
  return { format: CACHE_FORMAT, documents: {}, bundles: {}, files: {} };
}

/**
 * Whether an output file still holds `sha256`. As git's index does, a file whose size, mtime and
 * inode match what the build recorded is taken as unchanged; any other file is read and hashed,
 * so an output edited or replaced by hand is noticed either way.
 */
export function fileHolds(file: string, sha256: string, stamp: FileStamp | undefined): boolean {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return false;
  }
  if (stamp && stamp[0] === stat.size && stamp[1] === stat.mtimeMs && stamp[2] === stat.ino) return stamp[3] === sha256;
  return createHash('sha256').update(readFileSync(file)).digest('hex') === sha256;
}

/**
 * The size and mtime of every file a build reads (data, templates, schemas, the pipeline's code,
 * the lock file), hashed: a cheap guess, before the check, whether this build will render
 * anything. Only a guess — the content keys decide what is rendered.
 */
export function inputStamp(root: string): string {
  const hash = createHash('sha256');
  try {
    const dirs = [...['agreements', 'templates', 'schemas'].map((d) => path.join(root, d)), path.join(CODE_ROOT, 'scripts')];
    for (const file of [...dirs.flatMap((d) => filesUnder(d, '')), path.join(CODE_ROOT, 'package-lock.json')]) {
      const stat = statSync(file, { throwIfNoEntry: false });
      hash.update(`${file} ${stat?.size ?? '-'} ${stat?.mtimeMs ?? '-'}\n`);
    }
  } catch {
    return ''; // a file removed while listing: no guess, as if everything changed
  }
  return hash.digest('hex');
}

/** Stamps of the given output files as they are now (after the build wrote them). */
export function stampFiles(outDir: string, entries: ReadonlyArray<{ path: string; sha256: string }>): Record<string, FileStamp> {
  const files: Record<string, FileStamp> = {};
  for (const e of entries) {
    const stat = statSync(path.join(outDir, e.path));
    files[e.path] = [stat.size, stat.mtimeMs, stat.ino, e.sha256];
  }
  return files;
}

/**
 * One cache file per data root and output folder, in this checkout's cache folder outside the
 * work tree (see cache-file.ts: a committed `.cache/` or `out/` must not decide what is reused);
 * undefined when caching is off, and every build is then a full one.
 */
export function cacheFile(root: string, outDir: string): string | undefined {
  const dir = codeCacheDir(root);
  if (dir === undefined) return undefined;
  return path.join(dir, 'build', sha256(path.resolve(root)).slice(0, 16), `${sha256(path.resolve(outDir)).slice(0, 16)}.json`);
}

/** Parsed JSON before the guards have looked at it: any field may be missing or of another type. */
type Unchecked<T> = { [K in keyof T]?: unknown };

function isOutputs(value: unknown): value is CachedOutputs {
  const v = value as Unchecked<CachedOutputs> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.key === 'string' &&
    (v.render === undefined || typeof v.render === 'string') &&
    Array.isArray(v.entries) &&
    v.entries.every((e: Unchecked<ManifestEntry> | null | undefined) => typeof e?.path === 'string' && typeof e.sha256 === 'string')
  );
}

function isStamp(value: unknown): value is FileStamp {
  return Array.isArray(value) && value.length === 4 && value.slice(0, 3).every((n) => typeof n === 'number') && typeof value[3] === 'string';
}

/**
 * Reads the cache; anything missing, unreadable, not written on this machine (its HMAC) or of
 * another shape is ignored (a full build follows).
 */
export function readCache(file: string | undefined): CacheIndex {
  const text = file === undefined ? undefined : readCacheFile(file, ENTRY_KEY);
  if (text === undefined) return emptyCache();
  try {
    const data = JSON.parse(text) as Unchecked<CacheIndex>;
    const groups = [data.documents, data.bundles];
    if (data.format !== CACHE_FORMAT || groups.some((g) => typeof g !== 'object' || g === null || !Object.values(g).every(isOutputs))) return emptyCache();
    // Stamps only save work: if they are damaged, every output is hashed instead.
    const stampsOk = typeof data.files === 'object' && data.files !== null && Object.values(data.files).every(isStamp);
    const inputsOk = typeof data.inputs === 'string' || data.inputs === undefined;
    const read = (stampsOk ? data : { ...data, files: {} }) as CacheIndex;
    // Without good stamps there is no fast path either (noop.ts relies on them).
    const fast = stampsOk && inputsOk && isLastBuild(data.lastBuild) ? read : { ...read, lastBuild: undefined };
    return inputsOk ? fast : { ...fast, inputs: undefined };
  } catch {
    return emptyCache();
  }
}

/**
 * Written beside and renamed into place (cache-file.ts), so a killed build never leaves a torn
 * cache; best effort, like every cache. The data roots' folders are pruned to the most recent.
 */
export function writeCache(file: string | undefined, index: CacheIndex): void {
  if (file === undefined) return;
  writeCacheFile(file, ENTRY_KEY, JSON.stringify(index));
  const roots = path.dirname(path.dirname(file));
  if (path.basename(roots) !== 'build') return; // a test's own file: nothing of ours to prune
  try {
    prune(roots, MAX_ROOTS);
  } catch {
    // Pruning only saves space.
  }
}

/**
 * The regular files below `dir` whose names end in `suffix`, sorted by path. Symbolic links are
 * not followed — a link to a parent folder would make the walk endless — nor listed: `check`
 * reports them under agreements/, and nothing else a build reads is a link.
 */
function filesUnder(dir: string, suffix: string): string[] {
  if (!lstatSync(dir, { throwIfNoEntry: false })?.isDirectory()) return []; // missing, or itself a link
  return discoverSync(dir, '')
    .filter((f) => !f.symlink && f.file.endsWith(suffix))
    .map((f) => f.absolute)
    .sort();
}

/** Hashes files by name and content; a file gone between listing and reading counts by name. */
function hashFiles(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${path.relative(CODE_ROOT, file)}\n`);
    try {
      hash.update(readFileSync(file));
    } catch {
      // deleted meanwhile: a change, and its name alone records it
    }
  }
  return hash.digest('hex');
}

/** The pipeline's own code and installed packages (scripts/ and the lock file). */
export function codeFingerprint(): string {
  // The launcher too: it holds the options the commands' JavaScript is compiled with.
  return hashFiles([
    ...filesUnder(path.join(CODE_ROOT, 'scripts'), '.ts'),
    path.join(CODE_ROOT, 'scripts', 'launch.mjs'),
    path.join(CODE_ROOT, 'package-lock.json'),
  ]);
}

/**
 * Everything that shapes every output besides the data: the pipeline's code, the schemas, the
 * installed packages (lock file), the fonts, and the seal (certificate and time).
 */
export function pipelineFingerprint(root: string, seal: { certificate: Uint8Array; time: Date; development: boolean; timestampUrl?: string }): string {
  const inputs = hashFiles([...filesUnder(path.join(root, 'schemas'), '.json'), ...Object.values(robotoPaths()).sort()]);
  return (
    createHash('sha256')
      .update(`format ${CACHE_FORMAT}\n${codeFingerprint()}\n${inputs}\n`)
      .update(seal.certificate)
      .update(`${seal.time.getTime()} ${String(seal.development)}`)
      // Only when set, so a build without a TSA keeps the keys it had: outputs sealed B-B are not
      // taken for B-T ones (or the other way round) when the setting changes.
      .update(seal.timestampUrl === undefined ? '' : `\ntimestamp ${seal.timestampUrl}`)
      .digest('hex')
  );
}

/** A content hash over the fingerprint and the bytes of the given repository files. */
export function contentKey(root: string, fingerprint: string, files: readonly string[], read: (file: string) => Buffer): string {
  const hash = createHash('sha256').update(fingerprint);
  for (const file of files) hash.update(`\n${file}\n`).update(read(path.join(root, file)));
  return hash.digest('hex');
}
