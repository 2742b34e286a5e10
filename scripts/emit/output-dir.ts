import { cpSync, existsSync, linkSync, lstatSync, mkdirSync, openSync, closeSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Another build holds the lock, or the output folder cannot be used. */
export class OutputLockedError extends Error {}

/** The checkout this code runs from; a build must never replace it or a folder above it. */
const CODE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Names that mark a folder as sources (a repository, the data), never as a build's output. */
const SOURCE_MARKERS = new Set(['.git', 'package.json', 'agreements', 'schemas', 'templates', 'scripts']);
const SOURCE_FILE = /\.(ya?ml|hbs|ts)$/;
/** Far more than a build writes (about four files per document); a folder with more is not out/. */
const MAX_OUTPUT_ENTRIES = 100_000;

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
 * whole at its end, so a file written into out/ meanwhile would be lost; commands that add files
 * to out/ check this first. A stale lock (dead process) is no build.
 */
export function runningBuild(outDir: string): number | undefined {
  const lock = `${outDir.replace(/[\\/]+$/, '')}.lock`;
  if (!existsSync(lock)) return undefined;
  const pid = Number(readFileSync(lock, 'utf8'));
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : undefined;
}

const isInside = (child: string, parent: string) => {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * The output folder, written atomically: a build writes into a staging folder beside out/
 * and swaps it in at the end, under a lock file, so an interrupted or concurrent build never
 * leaves a half-written out/. Leftovers of a killed build are cleaned up by the next one.
 *
 * The lock file holds the holder's process id and nothing else (runningBuild reads it); it
 * appears with that content in one step, so no reader ever sees it empty.
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
    this.#guard();
    mkdirSync(path.dirname(this.final), { recursive: true });
    this.#takeLock();
    try {
      this.#recover();
      rmSync(this.staging, { recursive: true, force: true });
      if (options.keepExisting && existsSync(this.final)) cpSync(this.final, this.staging, { recursive: true });
      else mkdirSync(this.staging, { recursive: true });
    } catch (error) {
      this.close(); // a lock held by a live process would block every later build
      throw error;
    }
  }

  path(relative: string): string {
    return path.join(this.staging, relative);
  }

  /**
   * Swaps the staging folder in for out/: two renames. A process killed between them leaves
   * out/ missing and out.old-<pid> whole; the next open() puts that back.
   */
  commit(): void {
    const old = `${this.final}.old-${process.pid}`;
    if (existsSync(this.final)) renameSync(this.final, old);
    renameSync(this.staging, this.final);
    try {
      rmSync(old, { recursive: true, force: true });
    } catch {
      // out/ is complete; the leftover is removed by the next build.
    }
  }

  /** Drops the staging folder and the lock; out/ stays as it was. */
  close(): void {
    rmSync(this.staging, { recursive: true, force: true });
    if (this.#locked) rmSync(this.#lock, { force: true });
    this.#locked = false;
  }

  /**
   * commit() replaces the whole folder, and deletes what was there. So the folder must be a
   * build's output: not this checkout or a folder above it (`--out .`, `--out ..`), not the
   * current directory's ancestors, and not a folder with sources in it (`--out agreements`).
   */
  #guard(): void {
    const name = path.basename(this.final) || this.final;
    const refuse = (why: string): never => {
      throw new OutputLockedError(`${name}/ kan ikke bruges som outputmappe: ${why}; en build erstatter hele mappen, så vælg en anden (--out)`);
    };
    if (path.dirname(this.final) === this.final) refuse('det er roden af filsystemet');
    if (isInside(CODE_ROOT, this.final) || isInside(process.cwd(), this.final)) refuse('den indeholder programmet eller den mappe, du står i');
    let stat;
    try {
      stat = lstatSync(this.final);
    } catch {
      return; // does not exist yet
    }
    if (!stat.isDirectory()) refuse('den findes og er ikke en mappe');
    // A walk with early exits: stops at the first source file, a folder it cannot read, or a
    // size no output folder has (e.g. `--out /tmp`).
    const folders = [this.final];
    let seen = 0;
    while (folders.length > 0) {
      const folder = folders.pop()!;
      let entries;
      try {
        entries = readdirSync(folder, { withFileTypes: true });
      } catch {
        return refuse(`mappen ${path.relative(path.dirname(this.final), folder)} i den kan ikke læses`);
      }
      for (const entry of entries) {
        if (++seen > MAX_OUTPUT_ENTRIES) refuse(`den indeholder over ${MAX_OUTPUT_ENTRIES} filer og mapper`);
        const full = path.join(folder, entry.name);
        if ((folder === this.final && SOURCE_MARKERS.has(entry.name)) || SOURCE_FILE.test(entry.name)) {
          refuse(`den indeholder »${path.relative(this.final, full).split(path.sep).join('/')}«, som ikke er output fra en build`);
        }
        if (entry.isDirectory()) folders.push(full);
      }
    }
  }

  #takeLock(): void {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (this.#createLock()) return;
      let holder: string;
      try {
        holder = readFileSync(this.#lock, 'utf8');
      } catch (error) {
        if (code(error) === 'ENOENT') continue; // released meanwhile: try again
        throw error;
      }
      const pid = Number(holder);
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new OutputLockedError(`En anden build (proces ${pid}) skriver allerede til ${path.basename(this.final)}/; vent til den er færdig`);
      }
      this.#breakStale(holder);
    }
    throw new OutputLockedError(`Kunne ikke låse ${path.basename(this.final)}/`);
  }

  /**
   * Creates the lock file with our pid already in it: written beside it, then hard-linked into
   * place, which fails if a lock exists. Where hard links are not supported, an exclusive create.
   */
  #createLock(): boolean {
    const temp = `${this.final}.tmp-lock-${process.pid}`;
    try {
      writeFileSync(temp, String(process.pid));
      linkSync(temp, this.#lock);
      this.#locked = true;
      return true;
    } catch (error) {
      if (code(error) === 'EEXIST') return false;
      // ENOENT: a build cleaning up leftovers removed our temp file; the caller tries again.
      if (code(error) === 'ENOENT') return false;
      if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EXDEV'].includes(code(error) ?? '')) throw error;
    } finally {
      rmSync(temp, { force: true });
    }
    try {
      const fd = openSync(this.#lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      this.#locked = true;
      return true;
    } catch (error) {
      if (code(error) === 'EEXIST') return false;
      throw error;
    }
  }

  /**
   * Removes a lock whose process is gone. It is moved aside first, and put back if what was
   * moved is not the lock judged stale (another build took the lock in between).
   */
  #breakStale(judged: string): void {
    const aside = `${this.final}.tmp-stale-${process.pid}`;
    try {
      renameSync(this.#lock, aside);
    } catch {
      return; // someone else removed it
    }
    try {
      if (readFileSync(aside, 'utf8') !== judged) linkSync(aside, this.#lock);
    } catch {
      // a new lock exists by now; the next attempt will see it
    } finally {
      rmSync(aside, { force: true });
    }
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
