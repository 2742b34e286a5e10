import type { Root } from 'mdast';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { addSignaturePlaceholder } from '../sign/placeholder.ts';
import { formatSealLine } from '../sign/seal-line.ts';
import { signPdf } from '../sign/sign.ts';
import type { SigningIdentity } from '../sign/keys.ts';
import { buildDocDefinition, renderPdf, type PdfMeta } from './pdf/index.ts';

/** Who seals and when; absent, the PDF is left unsealed (e.g. for previews). */
export interface Seal {
  identity: SigningIdentity;
  time: Date;
  reason: string;
  location: string;
}

export interface PdfFile {
  bytes: Buffer;
  pages: number;
}

/**
 * mdast body + metadata → PDF bytes, sealed when a seal is given: the visible seal line is
 * part of the content, the signature placeholder is added while pdfkit's document is still
 * open, and the CMS fills it afterwards, so the file needs no incremental update.
 */
export async function writePdf(body: Root, meta: PdfMeta, seal?: Seal): Promise<PdfFile> {
  return writePdfDefinition(buildDocDefinition(body, withSealLine(meta, seal)), seal);
}

/** The visible seal line, as the document's last lines. */
export function withSealLine(meta: PdfMeta, seal: Seal | undefined): PdfMeta {
  if (!seal) return meta;
  const line = { text: formatSealLine(seal.identity.subjectCN, seal.time), style: 'sealLine', margin: [0, 24, 0, 0] } as Content;
  return { ...meta, closing: [...(meta.closing ?? []), line] };
}

export async function writePdfDefinition(definition: TDocumentDefinitions, seal?: Seal): Promise<PdfFile> {
  let pages = 0;
  const unsigned = await renderPdf(definition, {
    beforeEnd(doc) {
      // Without buffered pages pdfkit flushes them; start + count is still the total.
      const range = doc.bufferedPageRange();
      pages = range.start + range.count;
      if (seal) addSignaturePlaceholder(doc, { reason: seal.reason, name: seal.identity.subjectCN, location: seal.location, signingTime: seal.time });
    },
  });
  const bytes = seal ? await signPdf(unsigned, seal.identity, seal.time) : unsigned;
  return { bytes, pages };
}
