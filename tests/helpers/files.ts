import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every file below `dir`, as sorted forward-slash paths relative to it. */
export function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full, base) : [path.relative(base, full).split(path.sep).join('/')];
    });
}

export const sha256Of = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Every file below `dir` with its SHA-256: two folders are byte-identical when these are equal. */
export function hashTree(dir: string): Map<string, string> {
  return new Map(filesUnder(dir).map((f) => [f, sha256Of(path.join(dir, f))]));
}
