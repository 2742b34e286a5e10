import type { Repository } from '../model/repository.ts';
import { kommuneFolder } from './layout.ts';

/** Where a kommune's bundle goes: out/kommuner/<kode>-<slug>/. */
export function bundleFolder(repo: Repository, code: string): string {
  return `kommuner/${kommuneFolder(repo, code)}`;
}

export interface BundleManifest {
  kommune: { kode: string; navn: string };
  files: Array<{ file: string; sha256: string; document: string; kind: string; version: string | null; signer: string }>;
}

export function bundleManifest(kommune: BundleManifest['kommune'], files: BundleManifest['files']): string {
  const manifest: BundleManifest = { kommune, files: [...files].sort((a, b) => (a.file < b.file ? -1 : 1)) };
  return JSON.stringify(manifest, null, 2) + '\n';
}
