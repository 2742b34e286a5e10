/**
 * The converter on a sample with every block and inline it knows: a reader sees the Markdown's
 * text, in its order, with Word's own structure under it.
 */
import { describe, expect, it } from 'vitest';
import { tableFrame, twip, writeDocx } from '../../scripts/emit/docx/index.ts';
import { parseMarkdown } from '../../scripts/render/markdown.ts';
import {
  assertWellFormed,
  docxHtml,
  docxParagraphs,
  docxParts,
  htmlHeadings,
  htmlTables,
  markdownHeadings,
  markdownParagraphs,
  normalise,
} from './docx-reader.ts';
import { NESTED_NUMBERED_MD, SAMPLE_DOCX_MD, SAMPLE_DOCX_META } from './sample.ts';

const body = parseMarkdown(SAMPLE_DOCX_MD);
const bytes = await writeDocx(body, SAMPLE_DOCX_META);
const html = await docxHtml(bytes);
const parts = docxParts(bytes);
const documentXml = parts.get('word/document.xml') ?? '';

describe('mdast → .docx', () => {
  it('shows the text of every block, in order', async () => {
    const paragraphs = await docxParagraphs(bytes);
    const body = paragraphs.slice(paragraphs.findIndex((p) => p.startsWith('Forhandlingskopi')) + 1);
    expect(body).toEqual(markdownParagraphs(parseMarkdown(SAMPLE_DOCX_MD)));
    expect(assertWellFormed(parts)).toBeGreaterThan(10);
  });

  it('writes headings in Word’s heading styles', () => {
    expect(htmlHeadings(html)).toEqual([{ depth: 1, text: SAMPLE_DOCX_META.title }, ...markdownHeadings(body)]);
    expect(documentXml).toContain('<w:pStyle w:val="Heading2"/>');
    expect(documentXml).toContain('<w:pStyle w:val="Heading3"/>');
    // The outline level the navigation pane reads, whatever Word calls the style.
    const styles = parts.get('word/styles.xml') ?? '';
    for (const level of [1, 2, 3]) expect(styles).toMatch(new RegExp(`w:styleId="Heading${level}">(?:(?!</w:style>).)*<w:outlineLvl w:val="${level - 1}"/>`));
  });

  it('writes lists as Word numbering: bullets, nested numbers, numbers that start again', () => {
    expect(html).toContain('<ul><li>Første punkt<ol><li>Underpunkt et</li><li>Underpunkt to</li></ol></li>');
    expect(html).toContain('<li>[x] Afkrydset</li>');
    const numbering = parts.get('word/numbering.xml') ?? '';
    expect(numbering).toContain('<w:start w:val="3"/>');
    expect(numbering).toContain('<w:numFmt w:val="bullet"/>');
    // The bullets, the nested numbered list and the list from »3.« (»1. Igen et« goes on with it,
    // as CommonMark reads it), each a list of its own.
    expect(new Set(documentXml.match(/<w:numId w:val="\d+"\/>/g)).size).toBe(3);
  });

  it('starts every nested numbered list again at 1, also under another bullet', async () => {
    const xml = docxParts(await writeDocx(parseMarkdown(NESTED_NUMBERED_MD), SAMPLE_DOCX_META));
    const doc = xml.get('word/document.xml') ?? '';
    const numbering = xml.get('word/numbering.xml') ?? '';
    // Paragraphs at level 1: the two nested lists, two items each.
    const nested = [...doc.matchAll(/<w:ilvl w:val="1"\/><w:numId w:val="(\d+)"\/>/g)].map((m) => m[1] ?? '');
    expect(nested).toHaveLength(4);
    expect(nested[0]).toBe(nested[1]);
    expect(nested[2]).toBe(nested[3]);
    expect(nested[0]).not.toBe(nested[2]);
    // Each of the two restarts level 1 at 1.
    for (const id of new Set(nested))
      expect(numbering).toMatch(
        new RegExp(
          `<w:num w:numId="${id}"><w:abstractNumId w:val="\\d+"/>(?:(?!</w:num>).)*<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride>`,
        ),
      );
  });

  it('writes links as hyperlinks with numbered relationship ids', () => {
    expect(html).toContain('<a href="https://example.org/vejledning">vejledningen</a>');
    expect(html).toContain('<a href="https://example.org/regler">reglerne</a>');
    const rels = parts.get('word/_rels/document.xml.rels') ?? '';
    expect(rels).toContain('Id="rIdLink1"');
    expect(rels).toContain('Id="rIdLink2"');
    expect(documentXml).toContain('r:id="rIdLink1"');
  });

  it('writes tables with a repeated header row, alignment and every column', () => {
    const [, economy] = htmlTables(html);
    expect(economy).toEqual({ header: true, rows: [3, 3, 3] });
    expect(documentXml).toContain('<w:jc w:val="right"/>');
  });

  it('keeps the signature clause together and leaves room to sign', () => {
    const signature = documentXml.slice(documentXml.indexOf('§\u00A03. Underskrifter'));
    const paragraphs = signature.match(/<w:p>.*?<\/w:p>/g) ?? [];
    expect(paragraphs.length).toBeGreaterThan(3);
    for (const p of paragraphs.slice(1)) expect(p).toContain('<w:keepNext/>');
    expect(signature.match(/<w:trHeight [^>]*w:hRule="atLeast"/g)).toHaveLength(2);
    expect(signature.match(/<w:cantSplit\/>/g)?.length).toBe(3);
  });

  it('binds units with non-breaking spaces, as the PDF does', () => {
    expect(documentXml).toContain('1.\u00A0januar\u00A02027');
    expect(documentXml).toContain('1.234.567\u00A0kr.');
    expect(normalise('1.\u00A0januar')).toBe('1. januar');
  });

  it('keeps a column as wide as its longest date or amount, and leaves space after a table', async () => {
    const long = 'Horisontale samarbejdsaftaler godkendt af regionsråd og kommunalbestyrelse '.repeat(3);
    const [date = 0] = tableFrame(
      [
        ['Dato', 'Frist', 'Kilde'],
        ['1. april 2026', long, long],
      ],
      3,
    ).columnWidths;
    // 13 characters that must not break (»1. april 2026«), at the PDF's estimate of a character.
    expect(date).toBeGreaterThanOrEqual(twip(13 * 6.3));
    const xml = docxParts(await writeDocx(parseMarkdown('| a |\n|---|\n| b |\n\nEfter tabellen.\n'), SAMPLE_DOCX_META)).get('word/document.xml') ?? '';
    expect(xml).toMatch(/<w:p><w:pPr><w:spacing w:before="200"\/><\/w:pPr><w:r><w:t xml:space="preserve">Efter tabellen\.<\/w:t>/);
  });
});
