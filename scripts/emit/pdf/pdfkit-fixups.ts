/**
 * Corrections applied to the pdfkit document after pdfmake has laid it out and
 * before it is ended. They touch pdfkit internals (typed narrowly below) that
 * @types/pdfkit does not describe.
 */
import { NAV_ID_PATTERN } from './nav-ids.ts';

interface OutlineItem {
  outlineData: Record<string, unknown>;
  children: OutlineItem[];
}

interface PdfKitInternals {
  outline: OutlineItem;
  info: Record<string, unknown>;
  _root: { data: { Names: { data: { Dests: { _items: Record<string, unknown> } } } } };
  _addInfo?: () => void;
  endMetadata?: () => void;
  appendXML?: (xml: string, newline?: boolean) => void;
  ref: (this: PdfKitInternals, data?: Record<string, unknown>) => unknown;
}

function internals(doc: PDFKit.PDFDocument): PdfKitInternals {
  return doc as unknown as PdfKitInternals;
}

function preOrder(items: readonly OutlineItem[], out: OutlineItem[] = []): OutlineItem[] {
  for (const item of items) {
    out.push(item);
    preOrder(item.children, out);
  }
  return out;
}

/**
 * pdfkit points bookmarks at their page with an XYZ destination whose left
 * coordinate is the page width, i.e. off the page. pdfmake also creates a named
 * destination at every heading with an id; bookmarks are re-pointed there.
 * Both are created while rendering, in document order, so the n-th bookmark
 * (pre-order) belongs to the n-th navigation destination.
 */
export function linkBookmarksToHeadings(doc: PDFKit.PDFDocument): void {
  const pdf = internals(doc);
  const items = preOrder(pdf.outline.children);
  if (items.length === 0) return;
  const names = Object.keys(pdf._root.data.Names.data.Dests._items).filter((name) => NAV_ID_PATTERN.test(name));
  items.forEach((item, i) => {
    const name = names[i];
    if (items.length === names.length && name !== undefined) {
      item.outlineData.Dest = new String(name); // String object: pdfkit writes a PDF string, not a name
    } else {
      // Unexpected structure: fall back to showing the whole target page.
      const dest = item.outlineData.Dest;
      if (Array.isArray(dest)) item.outlineData.Dest = [dest[0], 'Fit'];
    }
  });
}

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/**
 * The XMP packet pdfkit writes, put right in one pass over its two hooks:
 * - pdfkit interpolates Title/Author/Subject/Keywords without escaping, so »Aftale om A & B«
 *   would produce malformed XML: the info values are swapped for escaped copies only while the
 *   packet is written; the Info dictionary (written earlier in end()) keeps the literal values.
 * - It leaves out what PDF/A expects beside the Info dictionary (issue 17): the modification date
 *   (Info has ModDate; the XMP must say the same) and the language as dc:language. They are
 *   appended after pdfkit's own descriptions; the values are the document's, never the clock's.
 * - pdfkit 0.19 gives the metadata stream a stray lowercase `/length` beside the real `/Length`,
 *   counting characters, not bytes, so it is wrong as soon as the XMP holds »æøå« (1737 against
 *   1744 for a Holbæk HSA). Readers ignore the unknown key; a PDF/A validator may not. The real
 *   `/Length` is written when the stream ends, so the key is left out of the dictionary the
 *   stream is created with.
 */
export function fixXmpMetadata(doc: PDFKit.PDFDocument, language: string | undefined, accessible = false): void {
  const pdf = internals(doc);
  const writeXmpInfo = pdf._addInfo;
  if (typeof writeXmpInfo === 'function') {
    pdf._addInfo = function (this: PdfKitInternals): void {
      const literal = this.info;
      const escaped: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(literal)) escaped[key] = typeof value === 'string' ? escapeXml(value) : value;
      this.info = escaped;
      try {
        writeXmpInfo.call(this);
      } finally {
        this.info = literal;
      }
      if (language !== undefined) this.appendXML?.(missingXmp(literal.ModDate, language));
      // pdfkit writes one subset's identification; a tagged document is PDF/UA-1 as well.
      if (accessible) this.appendXML?.(PDFUA_ID);
    };
  }
  const endMetadata = pdf.endMetadata;
  if (typeof endMetadata === 'function') {
    pdf.endMetadata = function (this: PdfKitInternals): void {
      const ref = this.ref;
      this.ref = function (this: PdfKitInternals, data?: Record<string, unknown>) {
        if (data?.Type === 'Metadata') delete data.length;
        return ref.call(this, data);
      };
      try {
        endMetadata.call(this);
      } finally {
        // Back to the prototype's method.
        delete (this as Partial<PdfKitInternals>).ref;
      }
    };
  }
}

/** PDF/UA-1 identification (ISO 14289-1 5), as pdfkit's own PDF/UA subset writes it. */
const PDFUA_ID = `
        <rdf:Description xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" rdf:about="">
            <pdfuaid:part>1</pdfuaid:part>
        </rdf:Description>
        `;

/** xmp:ModifyDate (as pdfkit writes CreateDate) and dc:language, in a description of their own. */
function missingXmp(modified: unknown, language: string): string {
  const date = modified instanceof Date ? `${modified.toISOString().split('.')[0] ?? ''}Z` : undefined;
  return `
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">${
          date ? `\n            <xmp:ModifyDate>${date}</xmp:ModifyDate>` : ''
        }
            <dc:language><rdf:Bag><rdf:li>${escapeXml(language)}</rdf:li></rdf:Bag></dc:language>
        </rdf:Description>
        `;
}
