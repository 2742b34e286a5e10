import { closeSync, existsSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync, cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** Another build holds the lock. */
export class OutputLockedError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The output folder, written atomically: a build writes into a staging folder beside out/
 * and swaps it in at the end, under a lock file, so an interrupted or concurrent build never
 * leaves a half-written out/. Leftovers of a killed build are cleaned up by the next one.
 */
export class OutputDir {
  readonly final: string;
  readonly staging: string;
  readonly #lock: string;
  #locked = false;

  constructor(final: string) {
    this.final = path.resolve(final);
    this.staging = `${this.final}.tmp-${process.pid}`;
    this.#lock = `${this.final}.lock`;
  }

  /** Takes the lock (or explains who holds it) and prepares an empty or copied staging folder. */
  open(options: { keepExisting: boolean }): void {
    mkdirSync(path.dirname(this.final), { recursive: true });
    this.#takeLock();
    this.#recover();
    rmSync(this.staging, { recursive: true, force: true });
    if (options.keepExisting && existsSync(this.final)) cpSync(this.final, this.staging, { recursive: true });
    else mkdirSync(this.staging, { recursive: true });
  }

  path(relative: string): string {
    return path.join(this.staging, relative);
  }

  /** Swaps the staging folder in for out/. */
  commit(): void {
    const old = `${this.final}.old-${process.pid}`;
    if (existsSync(this.final)) renameSync(this.final, old);
    renameSync(this.staging, this.final);
    rmSync(old, { recursive: true, force: true });
  }

  /** Drops the staging folder and the lock; out/ stays as it was. */
  close(): void {
    rmSync(this.staging, { recursive: true, force: true });
    if (this.#locked) rmSync(this.#lock, { force: true });
    this.#locked = false;
  }

  #takeLock(): void {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.#lock, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        this.#locked = true;
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = Number(readFileSync(this.#lock, 'utf8'));
        if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
          throw new OutputLockedError(`En anden build (proces ${holder}) skriver allerede til ${path.basename(this.final)}/; vent til den er færdig`);
        }
        rmSync(this.#lock, { force: true }); // stale: its process is gone
      }
    }
    throw new OutputLockedError(`Kunne ikke låse ${path.basename(this.final)}/`);
  }

  /** A build killed between the two renames of commit() leaves out/ missing and out.old-* whole. */
  #recover(): void {
    const dir = path.dirname(this.final);
    const base = path.basename(this.final);
    const leftovers = readdirSync(dir).filter((n) => n.startsWith(`${base}.old-`) || n.startsWith(`${base}.tmp-`)).sort();
    for (const name of leftovers) {
      const full = path.join(dir, name);
      if (name.startsWith(`${base}.old-`) && !existsSync(this.final)) renameSync(full, this.final);
      else rmSync(full, { recursive: true, force: true });
    }
  }
}
