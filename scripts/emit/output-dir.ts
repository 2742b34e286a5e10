import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  closeSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../basics/repo-root.ts';
import { fsProblem } from './fs-problem.ts';
import { isCompleteOutput } from './manifest-paths.ts';
import { removeTree } from './remove-tree.ts';

/**
 * Another build holds the lock, or the output folder cannot be used (also because the machine
 * refuses: a read-only folder, a full disk). The message is one Danish line for staff.
 */
export class OutputLockedError extends Error {}

/**
 * An environment error (see fsProblem) as an OutputLockedError with `message(path, reason)`;
 * anything else is a bug and passes through unchanged.
 */
function environmentError(error: unknown, message: (where: string, reason: string) => string): unknown {
  if (error instanceof OutputLockedError) return error;
  const problem = fsProblem(error);
  return problem ? new OutputLockedError(message(problem.path ?? '', problem.reason)) : error;
}

/** The checkout this code runs from; a build must never replace it or a folder above it. */
const CODE_ROOT = REPO_ROOT;

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

/** A hard link where the file system allows one (same device, links supported), else a copy. */
export function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/**
 * `to` as a tree of hard links to the files of `from`: the staging folder of a build that keeps
 * the rest of out/ (`--only`). Copying out/ (1,400 files on the 46-kommune set) took the main
 * thread of a one-document preview 1.4 s of CPU and as much again in the kernel, and wrote every
 * kept file a second time. A link is safe because outputs are never changed in place: every write
 * into staging removes the name first (build.ts, freshName). Only folders and
 * regular files are carried; a build writes nothing else into out/.
 */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else if (entry.isFile()) linkOrCopy(source, target);
  }
}

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
  /** Recovery put a parked output back in place of a missing or incomplete out/. */
  #restored = false;

  constructor(final: string) {
    this.final = path.resolve(final);
    this.staging = `${this.final}.tmp-${process.pid}`;
    this.#lock = `${this.final}.lock`;
  }

  /** Takes the lock (or explains who holds it) and prepares an empty or copied staging folder. */
  open(options: { keepExisting: boolean }): void {
    this.#guard();
    this.#lockAndRecover();
    try {
      // The caller read out/ before it opened it (which outputs to reuse, the manifest to keep). A
      // parked output put back just now was not there then: a partial build would write a
      // manifest of its own files only. A full build rendered everything anyway, so it may go on.
      if (this.#restored && options.keepExisting) {
        throw new OutputLockedError(`${path.basename(this.final)}/ fra en tidligere, afbrudt build er lagt tilbage; kør kommandoen igen`);
      }
      this.#removeLeftover(this.staging);
      if (options.keepExisting && existsSync(this.final)) linkTree(this.final, this.staging);
      else mkdirSync(this.staging, { recursive: true });
    } catch (error) {
      this.close(); // a lock held by a live process would block every later build
      throw environmentError(
        error,
        (where, reason) =>
          `kan ikke forberede ${path.basename(this.final)}/: ${where}: ${reason}; ret adgangen eller vælg en anden outputmappe med --out, og kør igen`,
      );
    }
  }

  /**
   * Runs `add` with out/ locked, after putting back an output that a killed build left parked: for
   * commands that add a file to out/ in place (status, frister). Without this they would create
   * an out/ holding just their file while the previous output sits in out.old-*, and the next
   * build would take that out/ as current and throw the parked one away. The lock also keeps
   * a build from swapping out/ (and losing the file) while it is written.
   */
  withLock<T>(add: () => T): T {
    // The same folders are refused as for a build: `status --out agreements` would otherwise
    // write into the sources.
    this.#guard('adds');
    this.#lockAndRecover();
    try {
      return add();
    } finally {
      this.close();
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
    const swapFailed = (error: unknown) =>
      environmentError(
        error,
        (where, reason) =>
          `${path.basename(this.final)}/ kan ikke udskiftes med den nye output: ${where}: ${reason}; ret adgangen til ${this.final} og mappen over den, og kør igen`,
      );
    try {
      if (existsSync(this.final)) renameSync(this.final, old);
    } catch (error) {
      throw swapFailed(error); // nothing changed
    }
    try {
      renameSync(this.staging, this.final);
    } catch (error) {
      // Put the previous output back rather than leave it parked (if that fails too, the next
      // build or status run puts it back: see #recover).
      try {
        if (existsSync(old) && !existsSync(this.final)) renameSync(old, this.final);
      } catch {
        // see above
      }
      throw swapFailed(error);
    }
    try {
      rmSync(old, { recursive: true, force: true });
    } catch {
      // out/ is complete; the leftover is removed by the next build (or explained, if it cannot be).
    }
  }

  /**
   * Drops the staging folder and the lock; out/ stays as it was. Best effort: it runs in
   * `finally` blocks, where an error would hide the one that matters, and a staging folder left
   * behind is removed (or explained) by the next build.
   */
  close(): void {
    try {
      rmSync(this.staging, { recursive: true, force: true });
    } catch {
      // see above
    }
    if (this.#locked) rmSync(this.#lock, { force: true });
    this.#locked = false;
  }

  /**
   * commit() replaces the whole folder, and deletes what was there. So the folder must be a
   * build's output: not this checkout or a folder above it (`--out .`, `--out ..`), not the
   * current directory's ancestors, and not a folder with sources in it (`--out agreements`).
   */
  #guard(use: 'replaces' | 'adds' = 'replaces'): void {
    const name = path.basename(this.final) || this.final;
    const refuse = (why: string): never => {
      const consequence = use === 'replaces' ? 'en build erstatter hele mappen' : 'outputmappen er til dannede filer, ikke kilder';
      throw new OutputLockedError(`${name}/ kan ikke bruges som outputmappe: ${why}; ${consequence}, så vælg en anden (--out)`);
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

  /** Creates the parent folder, takes the lock and recovers; a refusal of the machine in one Danish line. */
  #lockAndRecover(): void {
    const parent = path.dirname(this.final);
    const advice = 'giv skriveadgang til mappen, eller vælg en anden outputmappe med --out';
    try {
      mkdirSync(parent, { recursive: true });
    } catch (error) {
      throw environmentError(error, (where, reason) => `mappen ${parent} kan ikke oprettes (${where}: ${reason}); ${advice}`);
    }
    try {
      this.#takeLock(); // the lock file is the first thing written beside out/
    } catch (error) {
      throw environmentError(error, (_where, reason) => `der kan ikke skrives i ${parent} (${reason}); ${advice}`);
    }
    try {
      this.#recover();
    } catch (error) {
      this.close();
      throw environmentError(error, (where, reason) => `${where}: ${reason}; ret adgangen, og kør igen`);
    }
  }

  /**
   * Cleans up after killed builds (the lock is held, so their processes are gone): staging
   * folders (out.tmp-*) are removed, and an output parked by commit() (out.old-*) is put back
   * when out/ is missing or is not a complete output while the parked one is, judged by the
   * manifest. A complete output is never deleted for an incomplete one, e.g. an out/ made by an
   * older `npm run status` while the previous output was parked.
   */
  #recover(): void {
    const dir = path.dirname(this.final);
    const base = path.basename(this.final);
    const names = readdirSync(dir);
    const parked = names.filter((n) => n.startsWith(`${base}.old-`)).sort();
    for (const name of names.filter((n) => n.startsWith(`${base}.tmp-`)).sort()) this.#removeLeftover(path.join(dir, name));
    for (const name of parked) {
      const full = path.join(dir, name);
      if (!existsSync(this.final)) {
        renameSync(full, this.final);
        this.#restored = true;
      } else if (!isCompleteOutput(this.final) && isCompleteOutput(full)) {
        this.#guard(); // out/ is about to be replaced: it must be a build's output folder
        const incomplete = `${this.final}.tmp-${process.pid}-incomplete`;
        renameSync(this.final, incomplete);
        renameSync(full, this.final);
        this.#restored = true;
        this.#removeLeftover(incomplete);
      } else {
        this.#removeLeftover(full);
      }
    }
  }

  /** Deletes a leftover of a killed build; one that cannot be deleted is the user's to remove. */
  #removeLeftover(full: string): void {
    try {
      removeTree(full);
    } catch (error) {
      throw environmentError(
        error,
        (where, reason) =>
          `${full} er tilbage fra en afbrudt build og kan ikke slettes (${where}: ${reason}); slet den selv, efter at have fjernet skrivebeskyttelsen, og kør igen`,
      );
    }
  }
}

/**
 * Puts back an output that a killed build left parked (out.old-*), under the lock: for a command
 * that reads out/ before it opens it, as a build does (which outputs it can reuse, which manifest
 * entries to keep), so that it reads the output it will replace. Without a parked output it
 * takes no lock: an up-to-date build writes nothing and need not wait for one.
 */
export function recoverOutput(final: string): void {
  const resolved = path.resolve(final);
  let names: string[];
  try {
    names = readdirSync(path.dirname(resolved));
  } catch {
    return; // no parent folder yet: nothing parked
  }
  if (names.some((n) => n.startsWith(`${path.basename(resolved)}.old-`))) new OutputDir(resolved).withLock(() => undefined);
}
