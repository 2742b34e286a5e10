/** The layout checks find what they look for: hand-made poppler output with each fault. */
import { describe, expect, it } from 'vitest';
import { headingsAtPageEnd, parseBboxLayout, splitSignature, splitTableRows, wrappedDatesAndAmounts, type LaidOut } from './layout-checks.ts';

/** A page of `pdftotext -bbox-layout` output: one block per line, 20 pt apart from y = 100. */
function page(lines: readonly string[]): string {
  const blocks = lines.map((line, i) => {
    const y = 100 + 20 * i;
    const words = line
      .split(' ')
      .map((w) => `<word xMin="1" yMin="${y}" xMax="2" yMax="${y + 12}">${w.replace(/&/g, '&amp;')}</word>`)
      .join('');
    return `<block xMin="1" yMin="${y}" xMax="2" yMax="${y + 12}"><line xMin="1" yMin="${y}" xMax="2" yMax="${y + 12}">${words}</line></block>`;
  });
  return `<page width="595.28" height="841.89"><flow>${blocks.join('')}</flow></page>`;
}

const laidOut = (markdown: string, pages: readonly (readonly string[])[]): LaidOut => ({
  file: 'doc.pdf',
  markdown,
  ...parseBboxLayout(`<doc>${pages.map(page).join('')}</doc>`),
});

const MARKDOWN = [
  '# Aftale',
  '',
  '## § 1. Frister',
  '',
  '| Dato | Frist |',
  '| - | - |',
  '| 1. april 2026 | Aftalen godkendt af begge parter |',
  '| 1. januar 2027 | Opgaven flyttes |',
  '',
  '## § 2. Underskrifter',
  '',
  '| For regionen | For kommunen |',
  '| - | - |',
  '| Dato: | Dato: |',
  '',
].join('\n');

describe('layout checks', () => {
  it('pass a well laid-out document', () => {
    const doc = laidOut(MARKDOWN, [
      ['Aftale', '§ 1. Frister', 'Dato Frist', '1. april 2026 Aftalen godkendt af', 'begge parter'],
      ['Dato Frist', '1. januar 2027 Opgaven flyttes', '§ 2. Underskrifter', 'For regionen For kommunen', 'Dato: Dato:'],
    ]);
    expect([headingsAtPageEnd(doc), splitSignature(doc), splitTableRows(doc).problems, wrappedDatesAndAmounts(doc)]).toEqual([[], [], [], []]);
    expect(splitTableRows(doc).rows).toBe(3);
  });

  it('find a heading at a page end, a split row or signature clause and a wrapped date', () => {
    const doc = laidOut(MARKDOWN, [
      ['Aftale', '§ 1. Frister', 'Dato Frist', '1. april 2026 Aftalen godkendt af', '§ 2. Underskrifter'],
      ['begge parter', 'Dato Frist', '1. januar', '2027 Opgaven flyttes', 'For regionen For kommunen', 'Dato: Dato:'],
    ]);
    expect(headingsAtPageEnd(doc)).toEqual(['p. 1 ends with »§ 2. Underskrifter«']);
    expect(splitSignature(doc)).toHaveLength(1);
    expect(splitTableRows(doc).problems).toEqual([expect.stringContaining('»parter« not on p. 1')]);
    expect(wrappedDatesAndAmounts(doc)).toEqual(['»1. januar 2027« 1× in the Markdown, 0× on one line']);
  });
});
