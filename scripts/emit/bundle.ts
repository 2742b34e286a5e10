import type { Repository } from '../model/repository.ts';
import { combinedDefinition, type CombinedPart } from './combined.ts';
import { kommuneFolder } from './layout.ts';
import { withSealLine, writePdfDefinition, type PdfFile, type Seal } from './pdf-file.ts';
import type { PdfMeta } from './pdf/index.ts';

/** Where a kommune's bundle goes: out/kommuner/<kode>-<slug>/. */
export function bundleFolder(repo: Repository, code: string): string {
  return `kommuner/${kommuneFolder(repo, code)}`;
}

export interface BundleManifest {
  kommune: { kode: string; navn: string };
  files: Array<{ file: string; sha256: string; document: string; kind: string; version: string | null; signer: string }>;
}

/** A kommune's bundle before rendering: plain data, so it can cross to a worker thread. */
export interface CombinedJob {
  kommune: { kode: string; navn: string };
  parts: CombinedPart[];
  draft: boolean;
  author: string;
  /** The latest of the members' own dates, ISO. */
  date: string;
}

/** The combined, sealed PDF of a kommune's documents, with a table of contents. */
export async function combinedPdf(job: CombinedJob, seal: Seal): Promise<PdfFile> {
  const { kode, navn } = job.kommune;
  const pdfMeta: PdfMeta = {
    title: `Aftaler og sager for ${navn}`,
    titleBlock: [
      { label: 'Kommune', value: `${navn} (${kode})` },
      { label: 'Dokumenter', value: String(job.parts.length) },
    ],
    runningHeader: `Samlede dokumenter · ${navn}`,
    draft: job.draft,
    toc: true,
    subject: `Horisontale samarbejdsaftaler, delingsaftaler og sager for ${navn}`,
    keywords: ['opgaveflyt 2027', navn],
    author: job.author,
    date: new Date(`${job.date}T00:00:00Z`),
  };
  return writePdfDefinition(combinedDefinition(job.parts, withSealLine(pdfMeta, seal)), seal);
}

export function bundleManifest(kommune: BundleManifest['kommune'], files: BundleManifest['files']): string {
  const manifest: BundleManifest = { kommune, files: [...files].sort((a, b) => (a.file < b.file ? -1 : 1)) };
  return JSON.stringify(manifest, null, 2) + '\n';
}
