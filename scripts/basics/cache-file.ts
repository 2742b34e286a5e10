import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './repo-root.ts';

/**
 * Caches and trust. Everything a pull request can commit is untrusted input, and that includes a
 * gitignored folder someone force-adds (`git add -f .cache/`). A cache entry is trusted output of
 * this program — the validator cache is even executed — so no cache may live where git can put
 * files, and no entry is used unless this machine wrote it:
 *
 * - caches live in the user's cache folder (AFTALER_CACHE_DIR, else $XDG_CACHE_HOME/aftaler, else
 *   ~/.cache/aftaler), one folder per checkout of the code, never inside the checkout;
 * - every entry carries an HMAC-SHA256 under a random key made on first use in that folder
 *   (mode 0600), checked before the entry is used, so an entry copied from elsewhere, restored
 *   from a shared CI cache or edited by hand is ignored like a torn one.
 *
 * A cache that cannot be set up (no writable home, a cache folder inside the checkout) is simply
 * off: caches only save time.
 */

/** The checkout the pipeline's code lives in (not necessarily the data root). */
export const CODE_ROOT = REPO_ROOT;

/** Files kept per cache folder; the least recently used go. */
export const MAX_CACHE_FILES = 8;

const HEADER = '// aftaler-cache';
const SECRET_FILE = 'key';
const SECRET_BYTES = 32;

export const sha256 = (text: string | Uint8Array) => createHash('sha256').update(text).digest('hex');

/** A key for the given parts; each is length-prefixed so that no two lists hash alike. */
export function cacheKey(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${Buffer.byteLength(part)}\n${part}`);
  return hash.digest('hex');
}

/** Whether `inner` is `outer` or lies below it (both resolved; no file system access). */
function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(path.resolve(outer), path.resolve(inner));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The folder of all of this user's aftaler caches, from the environment; read on every call. */
export function cacheHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AFTALER_CACHE_DIR) return path.resolve(env.AFTALER_CACHE_DIR);
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(homedir(), '.cache');
  return path.join(base, 'aftaler');
}

/**
 * This checkout's cache folder (below cacheHome, named by a hash of the checkout's path), or
 * undefined — caching off — when the cache home lies inside the checkout or inside `dataRoot`,
 * where git could populate it.
 */
export function codeCacheDir(dataRoot?: string): string | undefined {
  const home = cacheHome();
  if (isInside(home, CODE_ROOT) || (dataRoot !== undefined && isInside(home, dataRoot))) return undefined;
  return path.join(home, sha256(CODE_ROOT).slice(0, 16));
}

let secret: { home: string; key: Buffer | undefined } | undefined;

/**
 * This machine's cache key, made on first use: written to a temporary file and hard-linked into
 * place, so two processes starting at once agree on one key. A key file that is not a regular
 * file of the right size (a symlink, say) is not used, and caching is off.
 */
function machineKey(): Buffer | undefined {
  const home = cacheHome();
  if (secret?.home === home) return secret.key;
  let key: Buffer | undefined;
  try {
    const file = path.join(home, SECRET_FILE);
    if (isInside(home, CODE_ROOT)) throw new Error('cache home inside the checkout');
    mkdirSync(home, { recursive: true, mode: 0o700 });
    try {
      lstatSync(file);
    } catch {
      const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
      writeFileSync(temp, randomBytes(SECRET_BYTES), { mode: 0o600, flag: 'wx' });
      try {
        linkSync(temp, file); // fails if another process was first: its key is used
      } catch {
        // EEXIST: fine. Anything else: the lstat below decides.
      }
      rmSync(temp, { force: true });
    }
    const stat = lstatSync(file);
    if (stat.isFile() && stat.size === SECRET_BYTES) key = readFileSync(file);
  } catch {
    key = undefined;
  }
  secret = { home, key };
  return key;
}

function mac(machine: Buffer, key: string, body: string): string {
  return createHmac('sha256', machine)
    .update(`${Buffer.byteLength(key)}\n${key}\n`)
    .update(body)
    .digest('hex');
}

/**
 * The text stored in `file` under `key`, or undefined when there is none, it was stored under
 * another key, it is torn or altered, or it was not written on this machine: the first line
 * holds the key and an HMAC of key and text under the machine's cache key.
 */
export function readCacheFile(file: string, key: string): string | undefined {
  const machine = machineKey();
  if (!machine) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  const body = text.slice(newline + 1);
  const expected = Buffer.from(`${HEADER} ${key} ${mac(machine, key, body)}`);
  const header = Buffer.from(text.slice(0, newline));
  if (header.length !== expected.length || !timingSafeEqual(header, expected)) return undefined;
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
 * `keep` most recently used files of the folder are kept. Best effort: a cache that cannot be
 * written costs only time.
 */
export function writeCacheFile(file: string, key: string, body: string, keep = MAX_CACHE_FILES): void {
  const machine = machineKey();
  if (!machine) return;
  try {
    const dir = path.dirname(file);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    writeFileSync(temp, `${HEADER} ${key} ${mac(machine, key, body)}\n${body}`, { mode: 0o600 });
    renameSync(temp, file);
    prune(dir, keep);
  } catch {
    // Nothing to do: the next run does the work again.
  }
}

/** Removes all but the `keep` most recently used entries of `dir` (leftover temp files included). */
export function prune(dir: string, keep: number): void {
  const entries = readdirSync(dir).flatMap((name) => {
    try {
      return [{ name, used: statSync(path.join(dir, name)).mtimeMs }];
    } catch {
      return []; // removed meanwhile by another process
    }
  });
  entries.sort((a, b) => b.used - a.used);
  for (const { name } of entries.slice(keep)) rmSync(path.join(dir, name), { recursive: true, force: true });
}

/**
 * A cache entry that holds a JSON object of strings (the parse cache, the signed-text store):
 * empty when missing, not this machine's, or of another shape.
 */
export function readStringRecord(file: string, key: string): Record<string, string> {
  const body = readCacheFile(file, key);
  if (body === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && Object.values(parsed).every((v) => typeof v === 'string')) return parsed as Record<string, string>;
  } catch {
    // Written by this code under a checksum, so not expected; ignored like any bad entry.
  }
  return {};
}
