import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { INPUT_FOLDERS } from '../basics/input-folders.ts';
import { CONFIG_FILE } from '../check/config.ts';
import type { Git } from './git.ts';
import { SnapshotError } from './snapshot.ts';

// What the pipeline reads from a revision (INPUT_FOLDERS); code always comes from the current checkout.
const REQUIRED = ['schemas', 'templates'] as const;

export interface Materialised {
  /** A folder with the revision's agreements/, schemas/ and templates/. */
  root: string;
  dispose(): void;
}

/** One entry of `git ls-tree -r -z`. */
interface TreeEntry {
  mode: string;
  oid: string;
  path: string;
}

function parseTree(listing: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of listing.toString('utf8').split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const [mode, , oid] = record.slice(0, tab).split(' ');
    entries.push({ mode: mode!, oid: oid!, path: record.slice(tab + 1) });
  }
  return entries;
}

/**
 * The blobs' bytes from one `git cat-file --batch`: per object a line »<oid> <type> <size>«, the
 * content and a newline.
 */
function parseBatch(output: Buffer, count: number): Buffer[] {
  const blobs: Buffer[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const newline = output.indexOf(10, at);
    const header = output.subarray(at, newline).toString('utf8').split(' ');
    if (header[1] !== 'blob') throw new Error(`git cat-file: ${header.join(' ')}`);
    const size = Number(header[2]);
    blobs.push(output.subarray(newline + 1, newline + 1 + size));
    at = newline + 1 + size + 1;
  }
  return blobs;
}

/**
 * A path from the revision's tree, checked before anything is written: git refuses to check out
 * `..`, `.git` or an empty segment, but a crafted tree object can hold them.
 */
function safePath(root: string, file: string, label: string): string {
  const segments = file.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.toLowerCase() === '.git' || s.includes('\\'))) {
    throw new SnapshotError(label, `Revisionen indeholder stien »${JSON.stringify(file).slice(1, -1)}«, som git ikke ville tjekke ud; den kan ikke dannes.\n`);
  }
  return path.join(root, ...segments);
}

/**
 * Writes a revision's input folders and configuration into a new temporary folder, from the commit's trees and
 * blobs as git stores them (`git ls-tree` and `git cat-file`). Not `git archive`: it obeys the
 * revision's own .gitattributes (`export-ignore` leaves files out, `export-subst` rewrites
 * them), so a pull request could show the reviewer another set of files than the build renders.
 * Symbolic links are written as links, so the loader reports them as it does in a checkout;
 * submodules are left out (a checkout holds an empty folder). The user's working tree, index,
 * HEAD, branches, stash and worktree list stay exactly as they were.
 */
export async function materialise(git: Git, sha: string, label: string): Promise<Materialised> {
  const tree = `${sha}:${git.prefix}`;
  const present = new Set((await git.run(['ls-tree', '--name-only', tree])).split('\n').filter(Boolean));
  const missing = REQUIRED.filter((f) => !present.has(f));
  if (missing.length > 0) {
    throw new SnapshotError(label, `Revisionen har ikke ${missing.map((f) => `${f}/`).join(' og ')}; den kan ikke dannes med den nuværende pipeline.\n`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'aftaler-diff-'));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    const root = path.join(dir, 'tree');
    mkdirSync(root);
    // The revision's own .aftalerrc.json too: its rule settings decide what is an error there.
    const inputs = [...INPUT_FOLDERS, CONFIG_FILE].filter((f) => present.has(f));
    const entries = parseTree(await git.runBytes(['ls-tree', '-r', '-z', tree, '--', ...inputs])).filter((e) => e.mode !== '160000');
    const blobs =
      entries.length === 0 ? [] : parseBatch(await git.runBytes(['cat-file', '--batch'], entries.map((e) => `${e.oid}\n`).join('')), entries.length);
    // Regular files first, links last: a crafted tree holding a link `a` → /elsewhere and a file
    // `a/b` would otherwise have the file written through the link, outside this folder. With
    // the links made last, no folder on a file's way can be one; a name used twice is refused.
    // A link as a folder on another entry's way (`a` → /elsewhere, then `a/b`) is refused
    // outright: whatever the order, something would be made through the link.
    const links = new Set(entries.filter((e) => e.mode === '120000').map((e) => e.path));
    for (const entry of entries) {
      const parts = entry.path.split('/');
      for (let n = 1; n < parts.length; n++) {
        if (links.has(parts.slice(0, n).join('/'))) {
          throw new SnapshotError(
            label,
            `Revisionen indeholder stien »${JSON.stringify(entry.path).slice(1, -1)}« under et symbolsk link; den kan ikke dannes.\n`,
          );
        }
      }
    }
    const order = [...entries.keys()].sort((a, b) => Number(entries[a]!.mode === '120000') - Number(entries[b]!.mode === '120000'));
    for (const i of order) {
      const entry = entries[i]!;
      const file = safePath(root, entry.path, label);
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        if (entry.mode === '120000') symlinkSync(blobs[i]!.toString('utf8'), file);
        else writeFileSync(file, blobs[i]!, { flag: 'wx' });
      } catch {
        throw new SnapshotError(
          label,
          `Revisionen indeholder stien »${JSON.stringify(entry.path).slice(1, -1)}« to gange eller som både fil og mappe; den kan ikke dannes.\n`,
        );
      }
    }
    // A revision from before the first agreement has no agreements/: then it simply has no documents.
    mkdirSync(path.join(root, 'agreements'), { recursive: true });
    return { root, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}
