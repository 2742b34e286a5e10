/**
 * Shares shaped words across documents. pdfkit shapes each word through fontkit's OpenType
 * layout (GSUB/GPOS lookups), the largest cost of a PDF once fonts are loaded, and caches the
 * result per document only. A shaped run depends on nothing but the font file and the text,
 * and pdfkit treats cached runs as read-only (it copies a position before adjusting it), so
 * one cache per font file serves every document in the process.
 *
 * Only the shaping cache is shared. Sharing the parsed fontkit font object as well was tried
 * and rejected: it carries state between documents, so a PDF's bytes came to depend on what
 * the thread had rendered before (caught by comparing an incremental build with a full one).
 *
 * This reaches into pdfmake/pdfkit internals (pinned versions): `provideFont` and
 * EmbeddedFont's `layoutCache`. Tests assert that incremental, sharded and full builds, made
 * in different orders and threads, give byte-identical files.
 */
// @ts-expect-error pdfmake ships no types for its internal modules; the shape used is declared below.
import PdfmakeDocumentModule from 'pdfmake/js/PDFDocument.js';

/** The slice of pdfkit's EmbeddedFont we rely on. */
interface EmbeddedFont {
  /** Shaped runs by text; absent when the document disabled pdfkit's layout cache. */
  layoutCache?: Record<string, unknown>;
}

/** The slice of pdfmake's PDFDocument (a pdfkit document) we rely on. */
interface PdfmakeDocument {
  fontCache: Record<string, Record<string, EmbeddedFont>>;
  getFontType(bold: boolean, italics: boolean): string;
  getFontFile(family: string, bold: boolean, italics: boolean): unknown;
  provideFont(family: string, bold: boolean, italics: boolean): EmbeddedFont;
}

const shapedWords = new Map<string, Record<string, unknown>>();
let installed = false;

export function installFontCache(): void {
  if (installed) return;
  installed = true;
  // CommonJS module with __esModule: the class is on `default` (under Node's ESM interop too).
  const mod = PdfmakeDocumentModule as unknown as { default?: { prototype: PdfmakeDocument }; prototype?: PdfmakeDocument };
  const proto = (mod.default ?? mod).prototype as PdfmakeDocument;
  const original = proto.provideFont;
  proto.provideFont = function (this: PdfmakeDocument, family: string, bold: boolean, italics: boolean): EmbeddedFont {
    const known = this.fontCache[family]?.[this.getFontType(bold, italics)];
    if (known) return known;
    // Asked before pdfmake swaps the descriptor's file name for the file's bytes.
    const file = this.getFontFile(family, bold, italics);
    const font = original.call(this, family, bold, italics);
    if (typeof file !== 'string' || !font.layoutCache) return font;
    const shared = shapedWords.get(file);
    if (shared) font.layoutCache = shared;
    else shapedWords.set(file, font.layoutCache);
    return font;
  };
}
