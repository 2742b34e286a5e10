/**
 * Keeps parsed fonts across documents. pdfkit parses every TrueType font anew for each document
 * (fontkit's table decoding and the garbage it leaves were most of a one-page PDF's cost), and
 * pdfmake caches fonts per document only. A parsed fontkit font is read-only once decoded, so
 * one per font file can serve every document in the process, and so can its cache of shaped
 * words; what is per document — the subset, widths and font id — stays in a fresh pdfkit
 * EmbeddedFont, exactly as pdfkit makes it.
 *
 * This reaches into pdfkit/pdfmake internals (pinned versions): `provideFont`, `_fontCount`,
 * `_fontFamilies` and the EmbeddedFont constructor. A test asserts that output is byte-identical
 * with and without the cache.
 */
// @ts-expect-error pdfmake ships no types for its internal modules; the shape used is declared below.
import PdfmakeDocumentModule from 'pdfmake/js/PDFDocument.js';

/** The slice of pdfkit's EmbeddedFont we rely on. */
interface EmbeddedFont {
  font: unknown;
  name?: string;
  id: string;
  /** Shaped runs by text; read-only once made (pdfkit copies before it adjusts a position). */
  layoutCache?: Record<string, unknown>;
}

type EmbeddedFontClass = new (document: PdfmakeDocument, font: unknown, id: string) => EmbeddedFont;

/** The slice of pdfmake's PDFDocument (a pdfkit document) we rely on. */
interface PdfmakeDocument {
  fontCache: Record<string, Record<string, EmbeddedFont>>;
  _fontCount: number;
  _fontFamilies: Record<string, EmbeddedFont>;
  getFontType(bold: boolean, italics: boolean): string;
  getFontFile(family: string, bold: boolean, italics: boolean): unknown;
  provideFont(family: string, bold: boolean, italics: boolean): EmbeddedFont;
}

const parsed = new Map<string, { font: unknown; EmbeddedFont: EmbeddedFontClass; layoutCache?: Record<string, unknown> }>();
let installed = false;

export function installFontCache(): void {
  if (installed) return;
  installed = true;
  // CommonJS module with __esModule: the class is on `default` (under Node's ESM interop too).
  const mod = PdfmakeDocumentModule as unknown as { default?: { prototype: PdfmakeDocument }; prototype?: PdfmakeDocument };
  const proto = (mod.default ?? mod).prototype as PdfmakeDocument;
  const original = proto.provideFont;
  proto.provideFont = function (this: PdfmakeDocument, family: string, bold: boolean, italics: boolean): EmbeddedFont {
    const type = this.getFontType(bold, italics);
    const known = this.fontCache[family]?.[type];
    if (known) return known;
    const file = this.getFontFile(family, bold, italics);
    const hit = typeof file === 'string' ? parsed.get(file) : undefined;
    if (!hit) {
      const font = original.call(this, family, bold, italics);
      if (typeof file === 'string') parsed.set(file, { font: font.font, EmbeddedFont: font.constructor as EmbeddedFontClass, layoutCache: font.layoutCache });
      return font;
    }
    // As pdfkit's font() does for a font given as bytes: next id, registered under its name.
    const font = new hit.EmbeddedFont(this, hit.font, `F${++this._fontCount}`);
    // Shaping a word depends only on the font and the text: share the runs too.
    if (hit.layoutCache && font.layoutCache) font.layoutCache = hit.layoutCache;
    if (font.name && !this._fontFamilies[font.name]) this._fontFamilies[font.name] = font;
    else this._fontFamilies[font.id] = font;
    (this.fontCache[family] ??= {})[type] = font;
    return font;
  };
}
