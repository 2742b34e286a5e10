import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { commitStamp, openGit, rangeCommits, workingTreeStamp } from './git.ts';
import { redlineDocx } from './redline-docx.ts';
import type { DiffResult } from './types.ts';

/** File name of a document's Word redline: »hsa-holbaek-akutsygepleje-aendringer.docx«. */
const redlineDocxFile = (id: string) => `${id}-aendringer.docx`;

/**
 * One Word file with tracked changes per changed document into `dir` (created if missing), its
 * changes attributed to the authors of the commits that made them and dated with the newest
 * (commitStamp; workingTreeStamp for the working tree); returns the paths.
 */
export async function writeRedlineDocx(result: DiffResult, root: string, dir: string): Promise<string[]> {
  const git = await openGit(root);
  // One git log for the range; each document then takes the commits that concern it.
  const commits = result.head.sha === null ? [] : await rangeCommits(git, result.base.sha, result.head.sha);
  const workingTree = result.head.sha === null ? await workingTreeStamp(git) : undefined;
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const doc of result.changed) {
    const stamp = workingTree ?? commitStamp(commits, doc.file);
    const file = path.join(dir, redlineDocxFile(doc.id));
    writeFileSync(file, await redlineDocx(doc, result.base, result.head, stamp));
    written.push(file);
  }
  return written;
}
