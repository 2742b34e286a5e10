import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { cacheKey, codeCacheDir, readStringRecord, sha256, writeCacheFile } from '../basics/cache-file.ts';
import { REPO_ROOT } from '../basics/repo-root.ts';

/** Bumped when the layout of a store or the meaning of its entries changes. */
const CACHE_FORMAT = 1;

/**
 * One store per data root (a hash of its path), each holding the entries of that root's last
 * load; undefined when caching is off (see cache-file.ts for where caches live and why).
 */
function parseCacheDir(root: string): string | undefined {
  const dir = codeCacheDir(root);
  return dir === undefined ? undefined : path.join(dir, 'parsed');
}

/**
 * What a file's data depends on besides its text: the parser (its options, its limits) and the
 * yaml package. The decoded text is the entry's key, so decoding stays out of it.
 */
function codeKey(): string {
  const yaml = (createRequire(import.meta.url)('yaml/package.json') as { version: string }).version;
  const parser = readFileSync(path.join(REPO_ROOT, 'scripts', 'load', 'parse-yaml.ts'), 'utf8');
  return cacheKey([`parsed ${CACHE_FORMAT}`, yaml, parser]);
}

export interface Lookup {
  /** The text's hash, under which its data is stored. */
  hash: string;
  /** The data, as parsing the text gives it; undefined when not stored. */
  data?: unknown;
}

/**
 * The data of the files that parsed without a finding at the last load of a data root, keyed by
 * a hash of each file's text. Parsing YAML is most of a check's work, and most files do not
 * change between two checks; a file with a syntax finding is parsed every time. The store is
 * read once per load and written when the load used other entries than it held: it is always
 * the data of the root as it was last loaded. A store that is missing, damaged or written by
 * other parser code is ignored.
 */
export class ParseCache {
  readonly #file: string;
  readonly #key: string;
  /** The entries read: text hash → data as JSON. */
  readonly #stored: Record<string, string>;
  /** The entries this load used or added. */
  readonly #used = new Map<string, string>();

  private constructor(file: string, key: string, stored: Record<string, string>) {
    this.#file = file;
    this.#key = key;
    this.#stored = stored;
  }

  /** The store of `root`; undefined (no cache) when caching is off or the parser's own source cannot be read. */
  static open(root: string, dir: string | undefined = parseCacheDir(root)): ParseCache | undefined {
    if (dir === undefined) return undefined;
    const file = path.join(dir, `${sha256(path.resolve(root)).slice(0, 16)}.json`);
    let key: string;
    try {
      key = codeKey();
    } catch {
      return undefined;
    }
    return new ParseCache(file, key, readStringRecord(file, key));
  }

  /** The stored data of `text`, fresh objects each time (no two documents share one). */
  lookup(text: string): Lookup {
    const hash = sha256(text);
    const json = Object.hasOwn(this.#stored, hash) ? this.#stored[hash] : undefined;
    return json === undefined ? { hash } : { hash, data: JSON.parse(json) as unknown };
  }

  /** Keeps a stored entry: the load used it. */
  keep(hash: string): void {
    const json = this.#stored[hash];
    if (json !== undefined) this.#used.set(hash, json);
  }

  /**
   * Stores the data a text parsed to, when JSON gives it back exactly (not so for -0, for one).
   * Data with shared parts (from aliases) must not be passed: JSON would give copies.
   */
  put(hash: string, data: unknown): void {
    // Undefined for data JSON cannot hold (undefined itself, a function), whatever the type says.
    const json = JSON.stringify(data) as string | undefined;
    if (json !== undefined && isDeepStrictEqual(JSON.parse(json), data)) this.#used.set(hash, json);
  }

  /** Writes the entries of this load, unless they are the ones read. */
  save(): void {
    const stored = Object.keys(this.#stored);
    if (stored.length === this.#used.size && stored.every((hash) => this.#used.get(hash) === this.#stored[hash])) return;
    writeCacheFile(this.#file, this.#key, JSON.stringify(Object.fromEntries(this.#used)));
  }
}
