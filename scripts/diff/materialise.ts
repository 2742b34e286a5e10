import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { $ } from 'zx/core';
import type { Git } from './git.ts';
import { SnapshotError } from './snapshot.ts';

/** What the pipeline reads from a revision; code always comes from the current checkout. */
export const INPUT_FOLDERS = ['agreements', 'schemas', 'templates'] as const;
const REQUIRED = ['schemas', 'templates'] as const;

export interface Materialised {
  /** A folder with the revision's agreements/, schemas/ and templates/. */
  root: string;
  dispose(): void;
}

/**
 * Writes a revision's input folders into a new temporary folder with `git archive | tar -x`:
 * git reads the commit from its object store and nothing else. The user's working tree,
 * index, HEAD, branches, stash and worktree list stay exactly as they were.
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
    const archive = path.join(dir, 'revision.tar');
    mkdirSync(root);
    const folders = INPUT_FOLDERS.filter((f) => present.has(f));
    await git.run(['archive', '--format=tar', `--output=${archive}`, tree, '--', ...folders]);
    await $({ quiet: true, verbose: false })`tar -x -f ${archive} -C ${root}`;
    rmSync(archive);
    // A revision from before the first agreement has no agreements/: then it simply has no documents.
    mkdirSync(path.join(root, 'agreements'), { recursive: true });
    return { root, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}
