import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { redlinePdf } from './redline-pdf.ts';
import type { DiffResult } from './types.ts';

/** File name of a document's redline: »hsa-holbaek-akutsygepleje-aendringer.pdf«. */
export const redlineFile = (id: string) => `${id}-aendringer.pdf`;

/** One redline PDF per changed document into `dir` (created if missing); returns the paths. */
export async function writeRedlines(result: DiffResult, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const doc of result.changed) {
    const file = path.join(dir, redlineFile(doc.id));
    writeFileSync(file, await redlinePdf(doc, result.base, result.head));
    written.push(file);
  }
  return written;
}
