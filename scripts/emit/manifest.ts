import { createHash } from 'node:crypto';
import type { NotSealed } from './unsealed.ts';

export interface ManifestEntry {
  /** Path under out/, forward slashes. */
  path: string;
  kind: string;
  id: string;
  kommuner: string[];
  opgave: string | null;
  version: string | null;
  status: string | null;
  /** Data files and templates the output was made from. */
  sources: string[];
  sha256: string;
  bytes: number;
  /** Pages of a PDF; null for Markdown and JSON. */
  pages: number | null;
  /** »Udestår« notes in a document's text (a combined PDF: in its members'); absent when none. */
  draftingNotes?: number;
  /** Certificate subject that sealed a PDF, and whether it is the development certificate. */
  signer?: string;
  developmentSigned?: boolean;
  /** A PDF the build left unsealed (no signer then), and why: see emit/unsealed.ts. Absent on a sealed PDF. */
  sealed?: false;
  notSealedReason?: NotSealed['reason'];
}

export interface Manifest {
  generator: 'aftaler';
  files: ManifestEntry[];
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Stable JSON: entries sorted by path, so the manifest is byte-identical for the same outputs. */
export function serializeManifest(entries: readonly ManifestEntry[]): string {
  const files = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest: Manifest = { generator: 'aftaler', files };
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** What an output belongs to: the fields every entry of one document (or bundle file) shares. */
export type EntryOwner = Pick<ManifestEntry, 'kind' | 'id' | 'kommuner' | 'opgave' | 'version' | 'status' | 'sources'>;

/**
 * One manifest entry for an output's content. The one place entries are made, so every entry
 * has its fields in the same order (the manifest is compared byte for byte).
 */
export function manifestEntry(
  path: string,
  owner: EntryOwner,
  content: Uint8Array | string,
  extra: { pages?: number; seal?: { signer: string; developmentSigned: boolean }; draftingNotes?: number; notSealed?: NotSealed | null } = {},
): ManifestEntry {
  const { kind, id, kommuner, opgave, version, status, sources } = owner;
  const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  const notes = extra.draftingNotes ? { draftingNotes: extra.draftingNotes } : {};
  // An unsealed PDF names no signer: nobody sealed it.
  const seal = extra.notSealed ? { sealed: false as const, notSealedReason: extra.notSealed.reason } : extra.seal;
  return { path, kind, id, kommuner, opgave, version, status, sources, sha256: sha256(content), bytes, pages: extra.pages ?? null, ...notes, ...seal };
}
