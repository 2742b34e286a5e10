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
 * Which shard owns a document id or kommune code: by hash, so the split is the same on every
 * machine and adding a document does not move the others.
 */
export function inShard(shard: Shard | undefined, key: string): boolean {
  if (!shard) return true;
  const n = Number.parseInt(createHash('sha256').update(key).digest('hex').slice(0, 8), 16);
  return n % shard.count === shard.index - 1;
}
