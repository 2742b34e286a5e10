import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The gitignored .cache/ of the code, not of a data root: what is cached there depends on the
 * code and on what its key covers, so every data root can share it, and a data folder cannot
 * plant entries in it.
 */
export const CODE_CACHE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '.cache');

/** Files kept per cache folder; the least recently used go. */
export const MAX_CACHE_FILES = 8;

const HEADER = '// aftaler-cache';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A key for the given parts; each is length-prefixed so that no two lists hash alike. */
export function cacheKey(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${Buffer.byteLength(part)}\n${part}`);
  return hash.digest('hex');
}

/**
 * The text stored in `file` under `key`, or undefined when there is none, it was stored under
 * another key, or it is torn or altered: the first line holds the key and a checksum of the rest.
 */
export function readCacheFile(file: string, key: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  const body = text.slice(newline + 1);
  if (text.slice(0, newline) !== `${HEADER} ${key} ${sha256(body)}`) return undefined;
  try {
    // The modification time marks use, so pruning keeps the files in use.
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // A read-only cache still serves.
  }
  return body;
}

/**
 * Stores `body` in `file` under `key`: written beside and renamed into place, so a reader
 * (another process, or a build's worker thread) sees the whole file or none. Then only the
 * MAX_CACHE_FILES most recently used files of the folder are kept. Best effort: a cache that
 * cannot be written costs only time.
 */
export function writeCacheFile(file: string, key: string, body: string): void {
  try {
    const dir = path.dirname(file);
    mkdirSync(dir, { recursive: true });
    const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    writeFileSync(temp, `${HEADER} ${key} ${sha256(body)}\n${body}`);
    renameSync(temp, file);
    prune(dir);
  } catch {
    // Nothing to do: the next run does the work again.
  }
}

/** Removes all but the MAX_CACHE_FILES most recently used files (leftover temp files included). */
function prune(dir: string): void {
  const files = readdirSync(dir).flatMap((name) => {
    try {
      return [{ name, used: statSync(path.join(dir, name)).mtimeMs }];
    } catch {
      return []; // removed meanwhile by another process
    }
  });
  files.sort((a, b) => b.used - a.used);
  for (const { name } of files.slice(MAX_CACHE_FILES)) rmSync(path.join(dir, name), { force: true });
}
