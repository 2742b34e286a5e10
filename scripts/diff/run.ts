import { compareSnapshots } from './compare.ts';
import { defaultBase, GitError, openGit, resolveCommit, shortSha, type Git } from './git.ts';
import { materialise, type Materialised } from './materialise.ts';
import { loadSnapshot } from './snapshot.ts';
import { describeRevision, type DiffResult, type RevisionInfo } from './types.ts';

export interface DiffOptions {
  /** The repository folder: where agreements/, schemas/ and templates/ are. */
  root: string;
  /** Revision to compare from; default: the merge-base with main. */
  base?: string;
  /** Revision to compare to; default: the working tree as it is on disk. */
  head?: string;
  /** »Today« for the check's date rules (overdue steps), YYYY-MM-DD. */
  today: string;
  /** Told when a default had to be replaced (no main branch). */
  onNote?: (message: string) => void;
  /** Told how far the run has come: each revision's check, then the documents compared. */
  onProgress?: (done: number, total: number, label: string) => void;
}

async function commitOf(git: Git, rev: string): Promise<string> {
  const sha = await resolveCommit(git, rev);
  if (!sha) throw new GitError(`ukendt revision »${rev}«`);
  return sha;
}

/** The working-tree label, used in reports and the redline's header. */
export const WORKING_TREE = 'arbejdskopi';

/**
 * git → two folders → check and render both with the current code → compare. Revisions are
 * materialised into temporary folders that are removed again, whatever happens.
 */
export async function runDiff(options: DiffOptions): Promise<DiffResult> {
  const git = await openGit(options.root);
  let baseSha: string;
  let baseDescription: string;
  if (options.base === undefined) {
    const chosen = await defaultBase(git);
    if (chosen.note) options.onNote?.(chosen.note);
    baseSha = chosen.sha;
    baseDescription = chosen.description;
  } else {
    baseSha = await commitOf(git, options.base);
    baseDescription = options.base;
  }
  const base: RevisionInfo = { sha: baseSha, label: await shortSha(git, baseSha), description: baseDescription };
  const head: RevisionInfo = { sha: null, label: WORKING_TREE, description: 'arbejdskopien' };
  if (options.head !== undefined) {
    head.sha = await commitOf(git, options.head);
    head.label = await shortSha(git, head.sha);
    head.description = options.head;
  }

  const folders: Materialised[] = [];
  try {
    const baseTree = await materialise(git, baseSha, base.label);
    folders.push(baseTree);
    let headRoot = options.root; // the working tree is read where it is
    if (head.sha !== null) {
      const headTree = await materialise(git, head.sha, head.label);
      folders.push(headTree);
      headRoot = headTree.root;
    }
    options.onProgress?.(0, 0, `kontrollerer ${describeRevision(base)} …`);
    const baseSnapshot = await loadSnapshot(baseTree.root, base.label, options.today);
    options.onProgress?.(0, 0, `kontrollerer ${describeRevision(head)} …`);
    const headSnapshot = await loadSnapshot(headRoot, head.label, options.today);
    return await compareSnapshots(baseSnapshot, headSnapshot, { base, head }, options.onProgress);
  } finally {
    for (const f of folders) f.dispose();
  }
}
