/** Unit tests of the mdast → pdfmake conversion (no rendering). */
import type { Root, RootContent } from 'mdast';
import { describe, expect, it } from 'vitest';
import { mdastToPdfmake } from '../../scripts/emit/pdf/mdast-to-pdfmake.ts';
import { columnWidths } from '../../scripts/emit/pdf/table-widths.ts';
import { parseMarkdown } from './fixtures.ts';

/** The converter's output as loose JSON, so assertions don't fight pdfmake's union types. */
type Loose = Record<string, unknown> & { text?: unknown };

function convert(md: string, options?: Parameters<typeof mdastToPdfmake>[1]): Loose[] {
  return mdastToPdfmake(parseMarkdown(md), options) as Loose[];
}

// Vitest types expect.any() as `any`; as `unknown` it goes into the expected objects as it is.
const aColour: unknown = expect.any(String);

describe('headings', () => {
  it('keeps the heading text as written and adds no numbering', () => {
    const [h2, h3] = convert('## § 3. Finansiering\n\n### 3.1 Betaling\n');
    expect(h2).toMatchObject({ text: '§ 3. Finansiering', style: 'h2', headlineLevel: 2 });
    expect(h3).toMatchObject({ text: '3.1 Betaling', style: 'h3', headlineLevel: 3 });
  });

  it('makes depth-2 headings bookmarks; depth 3 only when configured', () => {
    const md = '# Titel\n\n## § 1. A\n\n### 1.1 B\n\n#### 1.1.1 C\n\n## § 2. D\n';
    const [h1, a, b, c, d] = convert(md);
    expect(h1).not.toHaveProperty('outline');
    expect(a).toMatchObject({ id: 'sec-0001', outline: true, outlineText: '§ 1. A' });
    expect(a).not.toHaveProperty('tocItem');
    expect(b).not.toHaveProperty('outline');
    expect(c).not.toHaveProperty('outline');
    expect(d).toMatchObject({ id: 'sec-0002', outline: true });

    const [, a3, b3, c3] = convert(md, { navDepth: 3, tocItems: true });
    expect(a3).toMatchObject({ id: 'sec-0001', tocItem: true, outline: true });
    expect(b3).toMatchObject({ id: 'sec-0002', tocItem: true, outlineParentId: 'sec-0001', tocStyle: 'tocSubEntry' });
    expect(c3).not.toHaveProperty('tocItem');
  });

  it('keeps empty headings out of navigation', () => {
    const [empty] = convert('## \n\nText\n', { tocItems: true });
    expect(empty).toMatchObject({ text: '' });
    expect(empty).not.toHaveProperty('outline');
    expect(empty).not.toHaveProperty('tocItem');
  });

  it('flattens inline markup in headings to plain text', () => {
    const [h] = convert('## § 4. *Særlige* **vilkår** og `kode`\n');
    expect(h).toMatchObject({ text: '§ 4. Særlige vilkår og kode' });
  });
});

describe('inline content', () => {
  it('maps emphasis, strong, delete, inline code, links and breaks', () => {
    const [p] = convert('a *b* **c** ~~d~~ `e` [f](https://example.dk) g  \nh\ni\n');
    expect(p?.text).toEqual([
      { text: 'a ' },
      { text: 'b', italics: true },
      { text: ' ' },
      { text: 'c', bold: true },
      { text: ' ' },
      { text: 'd', decoration: 'lineThrough' },
      { text: ' ' },
      { text: 'e', background: aColour },
      { text: ' ' },
      { text: 'f', link: 'https://example.dk', color: aColour, decoration: 'underline' },
      { text: ' g' },
      { text: '\n' },
      { text: 'h i' }, // soft line break shown as a space
    ]);
  });

  it('only makes http(s) and mailto links clickable', () => {
    const [p] = convert('[a](javascript:alert(1)) [b](relativ/sti) [c](mailto:x@y.dk) [d][ref]\n\n[ref]: https://ref.dk\n');
    const parts = p?.text as Loose[];
    expect(parts[0]).not.toHaveProperty('link');
    expect(parts[2]).not.toHaveProperty('link');
    expect(parts[4]).toMatchObject({ text: 'c', link: 'mailto:x@y.dk' });
    expect(parts[6]).toMatchObject({ text: 'd', link: 'https://ref.dk' });
  });
});

describe('lists', () => {
  it('builds nested lists and respects the ordered-list start', () => {
    const [ol] = convert('3. tre\n4. fire\n   - under\n     1. dybt\n');
    expect(ol).toMatchObject({ start: 3 });
    const items = ol?.ol as Loose[];
    // A one-paragraph item never splits across pages.
    expect(items[0]).toMatchObject({ stack: [{ text: [{ text: 'tre' }], style: 'listParagraph' }], unbreakable: true });
    const second = items[1]?.stack as Loose[];
    expect(second[0]).toMatchObject({ text: [{ text: 'fire' }] });
    const nested = second[1] as Loose;
    expect((nested.ul as Loose[])[0]).toMatchObject({
      stack: [{ text: [{ text: 'under' }] }, { ol: [{ stack: [{ text: [{ text: 'dybt' }] }], unbreakable: true }], start: 1 }],
    });
  });

  it('shows task-list state as text', () => {
    const [ul] = convert('- [x] færdig\n- [ ] mangler\n');
    const items = ul?.ul as Loose[];
    expect(items[0]).toMatchObject({ stack: [{ text: [{ text: '[x] ' }, { text: 'færdig' }] }] });
    expect(items[1]).toMatchObject({ stack: [{ text: [{ text: '[ ] ' }, { text: 'mangler' }] }] });
  });
});

describe('tables', () => {
  it('builds a header row that repeats, with alignment and proportional widths', () => {
    const [t] = convert('| Ydelse | Takst |\n|:--|--:|\n| Akut sygeplejebesøg i hjemmet | 1.250 |\n| Kort | 7 |\n');
    const table = t?.table as { headerRows: number; widths: string[]; body: Loose[][] };
    expect(table.headerRows).toBe(1);
    expect(table.body).toHaveLength(3);
    expect(table.body[0]?.[0]).toMatchObject({ style: 'tableHeader', alignment: 'left' });
    expect(table.body[1]?.[1]).toMatchObject({ text: [{ text: '1.250' }], style: 'tableCell', alignment: 'right' });
    const [wide, narrow] = table.widths.map((w) => parseFloat(w));
    expect(wide).toBeGreaterThan(narrow ?? Infinity);
  });

  it('pads ragged rows', () => {
    const tree: Root = {
      type: 'root',
      children: [
        {
          type: 'table',
          children: [
            {
              type: 'tableRow',
              children: [
                { type: 'tableCell', children: [{ type: 'text', value: 'a' }] },
                { type: 'tableCell', children: [] },
              ],
            },
            { type: 'tableRow', children: [{ type: 'tableCell', children: [{ type: 'text', value: 'b' }] }] },
            {
              type: 'tableRow',
              children: [
                { type: 'tableCell', children: [{ type: 'text', value: 'c' }] },
                { type: 'tableCell', children: [{ type: 'text', value: 'd' }] },
              ],
            },
          ],
        },
      ],
    };
    const [t] = mdastToPdfmake(tree) as Loose[];
    const body = (t?.table as { body: Loose[][] }).body;
    expect(body[1]).toHaveLength(2);
    expect(body[1]?.[1]).toMatchObject({ text: '' });
  });

  it('leaves out a column that is empty in every body row', () => {
    const [t] = convert('| Ydelse | Ansvarlig | Bemærkning |\n|---|---|---|\n| Drift | Kommunen | |\n| Tilsyn | Regionen | |\n');
    const table = t?.table as { body: Loose[][]; widths: string[]; dontBreakRows: boolean };
    expect(table.body.map((row) => row.length)).toEqual([2, 2, 2]);
    expect(table.widths).toHaveLength(2);
    expect(table.dontBreakRows).toBe(true);
  });

  it('makes the signature clause one unbreakable unit with room to sign', () => {
    const md =
      '## § 1. Formål\n\nTekst.\n\n## § 2. Underskrifter\n\n| For A | For B |\n| --- | --- |\n| Dato: | Dato: |\n| Underskrift: | Underskrift: |\n\nSeglet bekræfter.\n';
    const blocks = mdastToPdfmake(parseMarkdown(md), { signatureCaption: 'Aftale · DokID 1 · Version V1' }) as Loose[];
    const block = blocks.at(-1) as { stack: Loose[]; unbreakable: boolean };
    expect(block.unbreakable).toBe(true);
    expect(block.stack[0]).toMatchObject({ text: 'Aftale · DokID 1 · Version V1', style: 'signatureCaption' });
    expect(block.stack[1]).toMatchObject({ text: '§ 2. Underskrifter' });
    const table = (block.stack[2] as { table: { heights: (row: number) => number | string } }).table;
    expect(table.heights(2)).toBeGreaterThanOrEqual(30);
    expect(table.heights(1)).toBe('auto');
    expect(block.stack[3]).toMatchObject({ text: [{ text: 'Seglet bekræfter.' }] });
  });

  it('computes widths that never exceed 100 % and respect a floor', () => {
    const widths = columnWidths(
      [
        ['Nr', 'Beskrivelse'],
        ['1', 'x'.repeat(300)],
      ],
      2,
    ).map((w) => parseFloat(w));
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(100);
    expect(widths[0]).toBeGreaterThanOrEqual(8);
    expect(columnWidths([], 0)).toEqual([]);
  });

  it('keeps short columns whole when not every column’s longest word fits: the long words give way', () => {
    // A delingsaftale's item table: the floors of all five columns need more than the 395 pt.
    const rows = [
      ['Opgave', 'Beskrivelse', 'Antal', 'Værdi', 'Note'],
      ['Specialiseret rehabilitering', 'Træningsudstyr og hjælpemidler', '17', '350.000\u00a0kr.', ''],
      ['Specialiseret rehabilitering', 'Biler (leasede)', '3', '(ikke fastsat)', 'Leasingaftalerne overdrages, se passiver.'],
    ];
    const width = 395;
    const pt = columnWidths(rows, 5, width).map((w) => (parseFloat(w) / 100) * width);
    // The floor (6.3 pt a character, 10 pt padding) less the 1 pt kept for rounding the shares down.
    const floor = (word: string) => word.length * 6.3 + 10;
    expect(pt[2]).toBeGreaterThanOrEqual(floor('Antal'));
    expect(pt[3]).toBeGreaterThanOrEqual(floor('350.000 kr.'));
    expect(pt.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(width);
  });
});

describe('other blocks and robustness', () => {
  it('converts blockquote, code, rule, html and footnotes without losing text', () => {
    const out = convert('> citat\n\n```\nkode  linje\n```\n\n---\n\n<div>rå html</div>\n\nFodnote[^1].\n\n[^1]: Forklaring.\n');
    const json = JSON.stringify(out);
    for (const text of ['citat', 'kode  linje', 'rå html', 'Forklaring.']) expect(json).toContain(text);
    expect(out.some((node) => Array.isArray(node.canvas))).toBe(true);
  });

  it('renders unknown node types as their text and never throws', () => {
    const weird = [
      { type: 'sealLine', children: [{ type: 'text', value: 'segl' }] },
      { type: 'yaml', value: 'titel: x' },
      { type: 'mystery' },
      {
        type: 'paragraph',
        children: [
          { type: 'sparkle', value: 'gnist' },
          { type: 'image', url: 'https://x', alt: 'logo' },
        ],
      },
    ] as unknown as RootContent[];
    const out = mdastToPdfmake({ type: 'root', children: weird });
    const json = JSON.stringify(out);
    for (const text of ['segl', 'titel: x', 'gnist', 'logo']) expect(json).toContain(text);
    expect(json).not.toContain('https://x'); // images are never fetched or linked
  });
});
