import type { Root } from 'mdast';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { addSignaturePlaceholder, SIGNATURE_FIELD_DESCRIPTION } from '../sign/placeholder.ts';
import { formatSealLine } from '../sign/seal-line.ts';
import { signPdf } from '../sign/sign.ts';
import type { SigningIdentity } from '../sign/keys.ts';
import type { TimestampOptions } from '../sign/timestamp.ts';
import { buildDocDefinition, renderPdf, type PdfMeta } from './pdf/index.ts';

/** Who seals and when; absent, the PDF is left unsealed (e.g. for previews). */
export interface Seal {
  identity: SigningIdentity;
  time: Date;
  reason: string;
  location: string;
  /** The TSA each seal is timestamped by (PAdES B-T); absent: none (B-B, and byte-identical output). */
  timestamp?: TimestampOptions;
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

/**
 * A document gets a table of contents only from this many pages: below it the reader sees every
 * clause heading by turning a page or two, and the list would only push the text down.
 */
const TOC_FROM_PAGES = 6;

/**
 * As writePdf, with a table of contents when the document without one has TOC_FROM_PAGES
 * pages or more. Deterministic (the decision depends only on the layout) and cheap for short
 * documents, which are rendered once; a long one is rendered a second time, with the contents.
 */
export async function writePdfWithContents(body: Root, meta: PdfMeta, seal?: Seal): Promise<PdfFile> {
  const laidOut = { long: false };
  const plain = await writePdfDefinition(buildDocDefinition(body, withSealLine({ ...meta, toc: false }, seal)), seal, (pages) => {
    laidOut.long = pages >= TOC_FROM_PAGES;
    return !laidOut.long; // a long document's first rendering is thrown away: do not seal it
  });
  if (!laidOut.long) return plain;
  return writePdf(body, { ...meta, toc: true }, seal);
}

/** The visible seal line, as the document's last lines. */
export function withSealLine(meta: PdfMeta, seal: Seal | undefined): PdfMeta {
  if (!seal) return meta;
  const line = { text: formatSealLine(seal.identity.subjectCN, seal.time), style: 'sealLine', margin: [0, 24, 0, 0] } as Content;
  return { ...meta, closing: [...(meta.closing ?? []), line] };
}

/** @param keep told the page count once laid out; returning false skips sealing (the result is discarded). */
export async function writePdfDefinition(definition: TDocumentDefinitions, seal?: Seal, keep?: (pages: number) => boolean): Promise<PdfFile> {
  let pages = 0;
  let sealed = seal;
  const unsigned = await renderPdf(definition, {
    beforeEnd(doc, formField) {
      // Without buffered pages pdfkit flushes them; start + count is still the total.
      const range = doc.bufferedPageRange();
      pages = range.start + range.count;
      if (keep && !keep(pages)) sealed = undefined;
      if (sealed) {
        const info = {
          reason: sealed.reason,
          name: sealed.identity.subjectCN,
          location: sealed.location,
          signingTime: sealed.time,
          timestamped: sealed.timestamp !== undefined,
        };
        addSignaturePlaceholder(doc, info, formField?.(SIGNATURE_FIELD_DESCRIPTION));
      }
    },
  });
  const bytes = sealed ? await signPdf(unsigned, sealed.identity, sealed.time, sealed.timestamp) : unsigned;
  return { bytes, pages };
}
