/**
 * Font tables are decoded once per process (scripts/emit/pdf/shared-fonts.ts); a PDF must not
 * depend on what was rendered before it. Roboto draws U+03A9 (Greek Omega) and U+2126 (Ohm sign)
 * with one glyph: had the glyph objects been shared too, a document with »Ω« rendered after one
 * with »Ω« would map that glyph back to the wrong character in its text layer.
 */
import { describe, expect, it } from 'vitest';
import { buildDocDefinition } from '../../scripts/emit/pdf/document.ts';
import { renderPdf } from '../../scripts/emit/pdf/render.ts';
import { forgetFontTables } from '../../scripts/emit/pdf/shared-fonts.ts';
import { parseMarkdown, SAMPLE_META } from './fixtures.ts';
import { pdfText, writeTempPdf } from './pdf-tools.ts';

const OMEGA = '\u03A9';
const OHM = '\u2126';

function render(markdown: string): Promise<Buffer> {
  return renderPdf(buildDocDefinition(parseMarkdown(markdown), SAMPLE_META));
}

describe('fonts shared across documents', () => {
  it('gives the same bytes cold and after other documents', async () => {
    const ohmDoc = `# Modstand\n\nEnheden er ${OHM} (ohm), **fed ${OHM}** og *kursiv ${OHM}*.\n`;
    const omegaDoc = `# Græsk\n\nBogstavet er ${OMEGA} (omega), **fed ${OMEGA}** og *kursiv ${OMEGA}*.\n`;

    forgetFontTables();
    const cold = await render(ohmDoc);
    await render(omegaDoc);
    forgetFontTables();
    await render(omegaDoc);
    const warm = await render(ohmDoc);

    expect(warm.equals(cold)).toBe(true);
    const text = pdfText(writeTempPdf(warm, 'ohm.pdf'));
    expect(text).toContain(`Enheden er ${OHM}`);
    expect(text).not.toContain(OMEGA);
  });

  it('replays shaped words only as a fresh layout would make them (same words, other order)', async () => {
    // Shaped words are cached per process; a word whose glyph first came from the other code
    // point must not carry that code point into a document that met it the other way round.
    const first = `# Tegn\n\n${OMEGA} ${OHM} fil ${OMEGA}-fil ${OHM}-fil offentlig.\n`;
    const second = `# Tegn\n\n${OHM} ${OMEGA} fil ${OHM}-fil ${OMEGA}-fil offentlig.\n`;
    forgetFontTables();
    const cold = await render(second);
    forgetFontTables();
    await render(first);
    const warm = await render(second);
    expect(warm.equals(cold)).toBe(true);
    // pdfkit maps a glyph to one character per document, the first it met: here the ohm sign,
    // as this document has it first — not the omega the earlier document met first.
    expect(pdfText(writeTempPdf(warm, 'second.pdf'))).toContain(`${OHM} ${OHM} fil`);
  });

  it('decodes each font file once: later documents use the same table store', async () => {
    const doc = `# Tekst\n\nOrd med æøå, **fed** og *kursiv*.\n`;
    const storesOf = async (): Promise<unknown[]> => {
      let stores: unknown[] = [];
      await renderPdf(buildDocDefinition(parseMarkdown(doc), SAMPLE_META), {
        beforeEnd(pdf) {
          // pdfkit internals: the document's embedded fonts and their fontkit fonts.
          const families = (pdf as unknown as { _fontFamilies: Record<string, { font: { _tables: unknown } }> })._fontFamilies;
          stores = Object.keys(families).sort().map((name) => families[name]!.font._tables);
        },
      });
      return stores;
    };
    forgetFontTables();
    const first = await storesOf();
    const second = await storesOf();
    expect(first.length).toBeGreaterThanOrEqual(3); // regular, bold, italic
    // Identity, not equality: comparing decoded font tables deeply would take seconds.
    expect(second.map((store, i) => store === first[i])).toEqual(first.map(() => true));
    forgetFontTables();
    const fresh = await storesOf();
    expect(fresh.map((store, i) => store === first[i])).toEqual(first.map(() => false));
  });
});
