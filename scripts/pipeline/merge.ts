import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serializeManifest, sha256, type Manifest, type ManifestEntry } from '../emit/manifest.ts';
import { OutputDir } from '../emit/output-dir.ts';
import { MANIFEST } from './build.ts';

/** Shards that cannot be merged: a missing or damaged manifest, a missing file, a conflict. */
export class MergeError extends Error {}

/**
 * Merges the output folders of a sharded build (`build --shard i/n`) into one, checking every
 * file against its shard's manifest. Two shards may both hold a file (a bundle renders members
 * owned by other shards) only if the bytes are the same: builds are deterministic.
 */
export function mergeShards(shardDirs: readonly string[], outDir: string): ManifestEntry[] {
  const byPath = new Map<string, { entry: ManifestEntry; dir: string }>();
  for (const dir of shardDirs) {
    const file = path.join(dir, MANIFEST);
    if (!existsSync(file)) throw new MergeError(`${dir} har ingen ${MANIFEST}; er det en del fra »npm run build -- --shard«?`);
    let manifest: Manifest;
    try {
      manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    } catch {
      throw new MergeError(`${file} er ikke gyldig JSON`);
    }
    for (const entry of manifest.files ?? []) {
      const bytes = existsSync(path.join(dir, entry.path)) ? readFileSync(path.join(dir, entry.path)) : undefined;
      if (!bytes || sha256(bytes) !== entry.sha256) throw new MergeError(`${path.join(dir, entry.path)} mangler eller passer ikke med manifestet`);
      const other = byPath.get(entry.path);
      if (other && other.entry.sha256 !== entry.sha256) {
        throw new MergeError(`${entry.path} er forskellig i ${other.dir} og ${dir}; delene er ikke bygget med samme data, nøgle og tidspunkt`);
      }
      byPath.set(entry.path, { entry, dir });
    }
  }
  const out = new OutputDir(outDir);
  out.open({ keepExisting: false });
  try {
    for (const [relative, { dir }] of byPath) {
      mkdirSync(path.dirname(out.path(relative)), { recursive: true });
      copyFileSync(path.join(dir, relative), out.path(relative));
    }
    const entries = [...byPath.values()].map((v) => v.entry);
    writeFileSync(out.path(MANIFEST), serializeManifest(entries));
    out.commit();
    return entries;
  } finally {
    out.close();
  }
}
