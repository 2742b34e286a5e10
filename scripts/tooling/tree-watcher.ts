import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/**
 * Watches folder trees for changed files, robust to editors that save by writing a temporary
 * file and renaming it over the original (vim, many IDEs, `sed -i`).
 *
 * Not `fs.watch(dir, { recursive: true })`: on Linux, Node 20 implements it by watching each
 * file's inode, so after the first rename-over save later saves of the same file are never
 * reported (tried on Node 20.20: a second `sed -i` and an append both went unseen). A plain
 * watch on every folder is inotify on the folder, which reports every entry's changes and
 * renames; new folders are picked up as they appear.
 */
export class TreeWatcher {
  readonly #root: string;
  readonly #watchers = new Map<string, FSWatcher>();
  readonly #onChange: (relative: string) => void;
  readonly #onError: (error: Error) => void;
  #closed = false;

  /** `onChange` gets repository-relative paths with forward slashes. */
  constructor(root: string, dirs: readonly string[], onChange: (relative: string) => void, onError: (error: Error) => void) {
    this.#root = root;
    this.#onChange = onChange;
    this.#onError = onError;
    for (const dir of dirs) this.#add(path.join(root, dir));
  }

  /** Number of folders watched (for tests and diagnostics). */
  get folders(): number {
    return this.#watchers.size;
  }

  close(): void {
    this.#closed = true;
    for (const w of this.#watchers.values()) w.close();
    this.#watchers.clear();
  }

  #add(dir: string): void {
    if (this.#closed || this.#watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, name) => {
        if (name) this.#changed(path.join(dir, name));
      });
    } catch {
      return; // gone again before we got to it
    }
    watcher.on('error', (error: NodeJS.ErrnoException) => {
      // A watched folder that is deleted ends its watcher; that is not the user's problem.
      this.#drop(dir);
      if (error.code !== 'ENOENT' && error.code !== 'EPERM') this.#onError(error);
    });
    this.#watchers.set(dir, watcher);
    let entries: string[] = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name);
    } catch {
      // removed meanwhile
    }
    for (const name of entries) this.#add(path.join(dir, name));
  }

  #drop(dir: string): void {
    for (const [d, w] of this.#watchers) {
      if (d === dir || d.startsWith(dir + path.sep)) {
        w.close();
        this.#watchers.delete(d);
      }
    }
  }

  #changed(absolute: string): void {
    if (this.#closed) return;
    let isDir = false;
    try {
      isDir = statSync(absolute).isDirectory();
    } catch {
      if (this.#watchers.has(absolute)) this.#drop(absolute);
    }
    if (isDir) {
      // A new folder (e.g. a new kommune's): watch it, and report files already in it.
      this.#add(absolute);
      for (const name of readdirSync(absolute)) this.#changed(path.join(absolute, name));
      return;
    }
    this.#onChange(path.relative(this.#root, absolute).split(path.sep).join('/'));
  }
}
