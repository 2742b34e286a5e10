import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The target exists and `writeNewFileAtomic` will not replace it. */
export class FileExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} findes allerede`);
  }
}

/** A temporary name beside the target: same folder, so the final rename never crosses file systems. */
function temporaryName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/**
 * Writes a file so that readers see either the old or the new content, never half of it:
 * write a temporary file beside it, then rename it over the target.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = temporaryName(file);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/**
 * Like `writeFileAtomic`, but never replaces an existing file: the temporary file is hard-linked
 * to the target name, which fails if the name is taken, even when two processes race for it.
 */
export function writeNewFileAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = temporaryName(file);
  try {
    writeFileSync(tmp, data);
    linkSync(tmp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(file);
    throw error;
  } finally {
    rmSync(tmp, { force: true });
  }
}
