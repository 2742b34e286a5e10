import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based, as a CI matrix counts. */
  index: number;
  count: number;
}

/** Parses »2/3«. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) return undefined;
  const [index, count] = [Number(m[1]), Number(m[2])];
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * Which shard owns a key (a kommune's »kommune:<kode>«, or a document id): by hash, so the split
 * is the same on every machine and adding a document does not move the others.
 */
export function inShard(shard: Shard | undefined, key: string): boolean {
  if (!shard) return true;
  const n = Number.parseInt(createHash('sha256').update(key).digest('hex').slice(0, 8), 16);
  return n % shard.count === shard.index - 1;
}

/**
 * How the publish workflow splits its build (.github/workflows/publish.yml): every part renders
 * at least this many documents, enough rendering to pay for starting one more CI machine (its
 * checkout, `npm ci` and check). So below twice this many documents there is one part. The
 * figure is measured; README.md »Performance at scale« shows how, and how to measure it again.
 */
export const DOCUMENTS_PER_SHARD = 600;

/** No more parts than this: each is one more machine's set-up, and merge downloads them all. */
export const MAX_SHARDS = 8;

/**
 * The `--shard` values for the publish workflow's build jobs: one part per DOCUMENTS_PER_SHARD
 * documents, rounded down (so no part has less than that), 1 to MAX_SHARDS. `count` fixes the
 * number of parts instead (an administrator's choice, or a test's).
 */
export function ciShards(documents: number, count?: number): string[] {
  const n = count ?? Math.min(MAX_SHARDS, Math.max(1, Math.floor(documents / DOCUMENTS_PER_SHARD)));
  return Array.from({ length: n }, (_, i) => `${i + 1}/${n}`);
}
