import path from 'node:path';
import { fsProblem } from '../emit/fs-problem.ts';
import { OutputDir, OutputLockedError } from '../emit/output-dir.ts';
import type { Repository } from '../model/repository.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { documentDeadlines } from '../kinds/index.ts';
import { statusMatrix } from './status-matrix.ts';
import { statusMarkdown } from './status-markdown.ts';
import { statusPdf } from './status-pdf.ts';

import { STATUS_MD, STATUS_PDF } from '../emit/manifest-paths.ts';

// A type, not an interface: it is passed where any file map is taken (writeIntoOutput).
export type StatusFiles = {
  [STATUS_MD]: string;
  [STATUS_PDF]: Buffer;
};

/**
 * out/status.md and out/status.pdf as bytes, without writing anything: `npm run status` writes
 * them with writeIntoOutput. A build does not make them: they are judged as of a day.
 */
export async function statusFiles(repo: Repository, options: { today: string }): Promise<StatusFiles> {
  const matrix = statusMatrix(repo, documentDeadlines(repo), options.today);
  const { markdown, body } = statusMarkdown(repo, matrix, options.today);
  return { [STATUS_MD]: markdown, [STATUS_PDF]: await statusPdf(repo, body, options.today) };
}

/**
 * Adds files to an existing or new out/ in place, each atomically (`npm run status`, `npm run
 * frister`). Under the build lock, after recovery: a previous output that a killed build left
 * parked in out.old-* is put back first, so the files land in it instead of in a new out/ that
 * the next build would take for the current output (and delete the parked one). Recovering,
 * rather than refusing or writing elsewhere, is what the user asked for: the file in out/, next
 * to the documents. A build holding the lock, or a folder the machine will not let us write,
 * is an OutputLockedError with one Danish line.
 */
export function writeIntoOutput(outDir: string, files: Readonly<Record<string, string | Uint8Array>>): void {
  new OutputDir(outDir).withLock(() => {
    for (const [name, bytes] of Object.entries(files)) {
      const file = path.join(outDir, name);
      try {
        writeFileAtomic(file, bytes);
      } catch (error) {
        const problem = fsProblem(error);
        if (!problem) throw error;
        throw new OutputLockedError(
          `${file} kan ikke skrives (${problem.path ?? file}: ${problem.reason}); ret adgangen til mappen, eller vælg en anden med --out`,
        );
      }
    }
  });
}
