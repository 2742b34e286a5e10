import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openGit, revisionStamp } from './git.ts';
import { redlineDocx } from './redline-docx.ts';
import type { DiffResult } from './types.ts';

/** File name of a document's Word redline: »hsa-holbaek-akutsygepleje-aendringer.docx«. */
const redlineDocxFile = (id: string) => `${id}-aendringer.docx`;

/**
 * One Word file with tracked changes per changed document into `dir` (created if missing), every
 * change attributed to the new revision's author and time (revisionStamp); returns the paths.
 */
export async function writeRedlineDocx(result: DiffResult, root: string, dir: string): Promise<string[]> {
  const stamp = await revisionStamp(await openGit(root), result.head.sha);
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const doc of result.changed) {
    const file = path.join(dir, redlineDocxFile(doc.id));
    writeFileSync(file, await redlineDocx(doc, result.base, result.head, stamp));
    written.push(file);
  }
  return written;
}
