import { gitSync } from '../load/git-sync.ts';

/**
 * The commit a build reads its data from, as the .docx names it on its first page (short sha),
 * or null outside a git checkout (or without git): the document then says it is not known.
 */
export function sourceCommit(root: string): string | null {
  const sha = gitSync(root, ['rev-parse', '--short=7', 'HEAD'])?.trim();
  return sha !== undefined && /^[0-9a-f]{7,40}$/.test(sha) ? sha : null;
}
