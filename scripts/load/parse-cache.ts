import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { cacheKey, codeCacheDir, readStringRecord, sha256, writeCacheFile } from '../basics/cache-file.ts';
import { REPO_ROOT } from '../basics/repo-root.ts';
import type { DataPath, Target } from '../basics/locate.ts';
import type { Span } from '../diagnostics/diagnostic.ts';

/** Bumped when the layout of a store or the meaning of its entries changes. */
const CACHE_FORMAT = 2;

/**
 * One store per data root (a hash of its path), each holding the entries of that root's last
 * load; undefined when caching is off (see cache-file.ts for where caches live and why).
 */
function parseCacheDir(root: string): string | undefined {
  const dir = codeCacheDir(root);
  return dir === undefined ? undefined : path.join(dir, 'parsed');
}

/**
 * What a file's data and spans depend on besides its text: the parser (its options, its limits),
 * the code that finds a path's span, and the yaml package. The decoded text is the entry's key,
 * so decoding stays out of it.
 */
function codeKey(): string {
  const yaml = (createRequire(import.meta.url)('yaml/package.json') as { version: string }).version;
  const source = (...parts: string[]) => readFileSync(path.join(REPO_ROOT, 'scripts', ...parts), 'utf8');
  return cacheKey([`parsed ${CACHE_FORMAT}`, yaml, source('load', 'parse-yaml.ts'), source('basics', 'locate.ts')]);
}

/** Where this store keeps the spans of a text (beside its data, under the text's hash). */
const spansEntry = (hash: string) => `spans ${hash}`;

/**
 * The spans findings pointed at in one text, as locate() gave them: `path target` → span (null
 * for none). A finding usually recurs at the next check — an overdue step stays overdue — and
 * its position was the one reason to parse a cached file's syntax tree again, which cost a check
 * of the shipped data a third of its time. locate() is a function of the text, the path and the
 * target only, so a span found once holds for the same text.
 */
export class SpanMemo {
  readonly #spans: Map<string, Span | null>;
  #added = false;

  constructor(entries: ReadonlyArray<[string, Span | null]> = []) {
    this.#spans = new Map(entries);
  }

  /** The span of `path` from the memo, or computed by `locate` and kept. */
  span(path: DataPath, target: Target, locate: () => Span | undefined): Span | undefined {
    const key = `${JSON.stringify(path)} ${target}`;
    if (this.#spans.has(key)) return this.#spans.get(key) ?? undefined;
    const span = locate();
    this.#spans.set(key, span ?? null);
    this.#added = true;
    return span;
  }

  get added(): boolean {
    return this.#added;
  }

  toJSON(): Array<[string, Span | null]> {
    return [...this.#spans];
  }
}

function isSpanEntries(value: unknown): value is Array<[string, Span | null]> {
  return (
    Array.isArray(value) &&
    value.every(
      (e) =>
        Array.isArray(e) &&
        e.length === 2 &&
        typeof e[0] === 'string' &&
        (e[1] === null || (typeof e[1] === 'object' && Number.isInteger((e[1] as Span).start) && Number.isInteger((e[1] as Span).end))),
    )
  );
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
  /** The span memos handed out, by text hash: saved with the entries. */
  readonly #spans = new Map<string, SpanMemo>();
  /** What the last save() wrote, so a second save with nothing new writes nothing. */
  #written: string | undefined;

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

  /**
   * The spans found in the text with this hash, for a file whose data this store holds or will
   * hold: stored ones, and those found from now on (saved by the next save()).
   */
  spansOf(hash: string): SpanMemo {
    let memo = this.#spans.get(hash);
    if (memo === undefined) {
      let entries: unknown;
      try {
        entries = JSON.parse(this.#stored[spansEntry(hash)] ?? '[]');
      } catch {
        entries = [];
      }
      memo = new SpanMemo(isSpanEntries(entries) ? entries : []);
      this.#spans.set(hash, memo);
    }
    return memo;
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

  /**
   * Writes the entries of this load, unless they are the ones read. Called after loading and
   * again after the checks (which locate findings): the second call writes only when a finding
   * was located anew.
   */
  save(): void {
    for (const [hash, memo] of this.#spans) {
      if (this.#used.has(hash) && (memo.added || Object.hasOwn(this.#stored, spansEntry(hash)))) this.#used.set(spansEntry(hash), JSON.stringify(memo));
    }
    const stored = Object.keys(this.#stored);
    if (stored.length === this.#used.size && stored.every((hash) => this.#used.get(hash) === this.#stored[hash])) return;
    const body = JSON.stringify(Object.fromEntries(this.#used));
    if (body === this.#written) return;
    writeCacheFile(this.#file, this.#key, body);
    this.#written = body;
  }
}
