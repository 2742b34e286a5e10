/**
 * Document definition → PDF bytes.
 *
 * pdfmake's `getStream()` resolves to the laid-out pdfkit document *before*
 * `end()` (only `getBuffer()`/`write()` end it), which leaves room for a
 * `beforeEnd` hook, e.g. a signing step adding a signature placeholder.
 *
 * Output is deterministic: the definition carries fixed CreationDate/ModDate,
 * pdfkit derives the trailer /ID from the info dictionary, font subset tags
 * from font ids, and nothing reads the wall clock or a random source.
 */
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { cloneDefinition } from './clone-definition.ts';
import { pdfEngine } from './engine.ts';
import type { FieldTagging } from '../../sign/placeholder.ts';
import { hyphenateBody } from './hyphenate.ts';
import { installMeasureOnce } from './measure-once.ts';
import { fixXmpMetadata, linkBookmarksToHeadings } from './pdfkit-fixups.ts';
import { installSoftHyphens } from './soft-hyphens.ts';
import { installTagging } from './tagging/pdfmake-hooks.ts';
import { tagDefinition } from './tagging/tag-definition.ts';
import { reserveFormField, writeStructure } from './tagging/write-structure.ts';
import { installOutlineWatermark } from './watermark.ts';

export interface RenderOptions {
  /**
   * Runs on the finished layout, before the document is ended and serialised. `formField`
   * (absent when the document is not tagged) reserves a `Form` element for a field added there.
   */
  beforeEnd?: (doc: PDFKit.PDFDocument, formField?: (alt: string) => FieldTagging) => void | Promise<void>;
}

/**
 * Every PDF is tagged PDF/UA-1 and PDF/A-2a (issue 17): pdfkit writes the PDF/A identification
 * and the sRGB output intent for the subset, the structure comes from tagging/, and the PDF/UA
 * identification from fixXmpMetadata.
 */
const PDFA_SUBSET = 'PDF/A-2a';

function endAndCollect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.once('end', () => resolve(Buffer.concat(chunks)));
    doc.once('error', reject);
    doc.end();
  });
}

export async function renderPdf(def: TDocumentDefinitions, opts: RenderOptions = {}): Promise<Buffer> {
  const copy = cloneDefinition(def);
  // Danish hyphenation of the body text, where pdfmake can be made to show the hyphens.
  if (installSoftHyphens()) hyphenateBody(copy.content);
  installOutlineWatermark();
  installMeasureOnce();
  const root = installTagging() ? tagDefinition(copy) : undefined;
  if (root) {
    copy.tagged = true;
    copy.subset = PDFA_SUBSET;
  }
  const doc = await pdfEngine().createPdf(copy).getStream();
  linkBookmarksToHeadings(doc);
  fixXmpMetadata(doc, copy.language, root !== undefined);
  await opts.beforeEnd?.(doc, root ? (alt) => reserveFormField(doc, root, alt) : undefined);
  if (root) writeStructure(doc, root);
  return endAndCollect(doc);
}
