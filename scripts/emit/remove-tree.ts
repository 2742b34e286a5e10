import { lstatSync, readdirSync, rmdirSync, unlinkSync } from 'node:fs';
import path from 'node:path';

/**
 * Deletes a file or folder tree, like `rmSync(target, { recursive: true, force: true })`, but
 * when something cannot be deleted the error names that entry with the system's own reason
 * (EPERM on the read-only file). rmSync retries a failed unlink as a folder and reports ENOTDIR
 * on the file instead, which would send staff looking for the wrong problem. Links are deleted,
 * never followed.
 */
export function removeTree(target: string): void {
  let stat;
  try {
    stat = lstatSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (!stat.isDirectory()) {
    unlinkSync(target);
    return;
  }
  for (const name of readdirSync(target)) removeTree(path.join(target, name));
  rmdirSync(target);
}
