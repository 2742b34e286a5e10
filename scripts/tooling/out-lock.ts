import { existsSync, readFileSync } from 'node:fs';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The process id of a build that is writing `outDir` right now, if any. A build swaps out/ as a
 * whole at its end (see emit/output-dir.ts), so a file written into out/ meanwhile would be
 * lost; commands that add files to out/ check this first. A stale lock (dead process) is no
 * build.
 */
export function runningBuild(outDir: string): number | undefined {
  const lock = `${outDir.replace(/[\\/]+$/, '')}.lock`;
  if (!existsSync(lock)) return undefined;
  const pid = Number(readFileSync(lock, 'utf8'));
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : undefined;
}
