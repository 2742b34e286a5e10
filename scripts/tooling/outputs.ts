import path from 'node:path';
import type { Repository } from '../model/repository.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { documentDeadlines } from './deadlines.ts';
import { fristerFiles } from './frister-calendar.ts';
import { statusMatrix } from './status-matrix.ts';
import { statusMarkdown } from './status-markdown.ts';
import { statusPdf } from './status-pdf.ts';

export const STATUS_MD = 'status.md';
export const STATUS_PDF = 'status.pdf';

export interface StatusFiles {
  [STATUS_MD]: string;
  [STATUS_PDF]: Buffer;
}

/**
 * out/status.md and out/status.pdf as bytes, without writing anything: for `npm run status`,
 * and for a build that wants them in its staging folder (see writeStatusFiles).
 */
export async function statusFiles(repo: Repository, options: { today: string }): Promise<StatusFiles> {
  const matrix = statusMatrix(repo, documentDeadlines(repo), options.today);
  const { markdown, body } = statusMarkdown(repo, matrix, options.today);
  return { [STATUS_MD]: markdown, [STATUS_PDF]: await statusPdf(repo, body, options.today) };
}

/**
 * Writes status.md, status.pdf and frister.ics into `dir`, each atomically. `dir` may be a
 * build's staging folder (OutputDir.path('')) so that they are swapped in with the rest of out/.
 * Returns the file names written, relative to `dir`.
 */
export async function writeOverviewFiles(dir: string, repo: Repository, options: { today: string; env: NodeJS.ProcessEnv }): Promise<string[]> {
  const files: Record<string, string | Buffer> = { ...(await statusFiles(repo, options)), ...fristerFiles(repo, options) };
  for (const [name, bytes] of Object.entries(files)) writeFileAtomic(path.join(dir, name), bytes);
  return Object.keys(files);
}
