import { documentName } from '../model/names.ts';
import type { Repository } from '../model/repository.ts';
import type { RenderedDocument } from '../render/render-document.ts';
import { combinedDefinition } from './combined.ts';
import { kommuneFolder } from './layout.ts';
import { sha256 } from './manifest.ts';
import { withSealLine, writePdfDefinition, type PdfFile, type Seal } from './pdf-file.ts';
import type { PdfMeta } from './pdf/index.ts';

/** Where a kommune's bundle goes: out/kommuner/<kode>-<slug>/. */
export function bundleFolder(repo: Repository, code: string): string {
  return `kommuner/${kommuneFolder(repo, code)}`;
}

export interface BundleMember {
  rendered: RenderedDocument;
  /** The sealed single PDF, copied into the bundle as is. */
  pdf: Buffer;
  pages: number | null;
  file: string;
}

export interface BundleManifest {
  kommune: { kode: string; navn: string };
  files: Array<{ file: string; sha256: string; document: string; kind: string; version: string | null; signer: string }>;
}

/** The combined, sealed PDF of a kommune's documents, with a table of contents. */
export async function combinedPdf(repo: Repository, code: string, members: readonly BundleMember[], meta: Pick<PdfMeta, 'author' | 'date'>, seal: Seal): Promise<PdfFile> {
  const navn = repo.kommune(code)?.navn ?? code;
  const pdfMeta: PdfMeta = {
    title: `Aftaler og sager for ${navn}`,
    titleBlock: [
      { label: 'Kommune', value: `${navn} (${code})` },
      { label: 'Dokumenter', value: String(members.length) },
    ],
    runningHeader: `Samlede dokumenter · ${navn}`,
    draft: members.some((m) => m.rendered.meta.draft),
    toc: true,
    subject: `Horisontale samarbejdsaftaler, delingsaftaler og sager for ${navn}`,
    keywords: ['opgaveflyt 2027', navn],
    author: meta.author,
    date: meta.date,
  };
  const parts = members.map((m) => ({ name: documentName(repo, m.rendered.doc), rendered: m.rendered }));
  return writePdfDefinition(combinedDefinition(parts, withSealLine(pdfMeta, seal)), seal);
}

export function bundleManifest(repo: Repository, code: string, files: BundleManifest['files']): string {
  const manifest: BundleManifest = { kommune: { kode: code, navn: repo.kommune(code)?.navn ?? code }, files: [...files].sort((a, b) => (a.file < b.file ? -1 : 1)) };
  return JSON.stringify(manifest, null, 2) + '\n';
}

