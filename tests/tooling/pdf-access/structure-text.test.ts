import { describe, expect, it } from 'vitest';
import { expectedBlocks, structureTextFindings } from '../../../scripts/tooling/pdf-access/structure-text.ts';

describe('expected text of a Markdown document', () => {
  it('gives one block per heading, paragraph, list item paragraph and table cell, in order', () => {
    const markdown = [
      '# Aftale',
      '',
      'Et afsnit med *fremhævet*, `kode` og [et link](https://example.dk).',
      '',
      '- punkt et',
      '- [x] punkt to',
      '',
      '| Opgave | Bemærkning | Beløb |',
      '|---|---|---|',
      '| Akut | | 1.000 kr. |',
      '',
      '> citat',
      '',
      '[ref]: https://example.dk',
    ].join('\n');
    expect(expectedBlocks(markdown)).toEqual([
      'Aftale',
      'Et afsnit med fremhævet, kode og et link.',
      'punkt et',
      '[x] punkt to',
      // »Bemærkning« is empty in every body row: the PDF leaves the column out, header and all.
      'Opgave',
      'Beløb',
      'Akut',
      '1.000 kr.',
      'citat',
    ]);
  });

  it('reads the header (title and »**Label:** value« list) as the title block of the PDF: label, then value', () => {
    const markdown = [
      '# Aftale om akutsygepleje',
      '',
      '- **Parter:** Region Østdanmark og Lejre Kommune',
      '- **DokID:** 12718921',
      '',
      '## § 1. Parter',
      '',
    ].join('\n');
    expect(expectedBlocks(markdown)).toEqual(['Aftale om akutsygepleje', 'Parter', 'Region Østdanmark og Lejre Kommune', 'DokID', '12718921', '§ 1. Parter']);
    // A list that is not all labels is an ordinary list.
    expect(expectedBlocks('# Aftale\n\n- **Parter:** A\n- punkt\n')).toEqual(['Aftale', 'Parter: A', 'punkt']);
  });

  it('keeps every header cell of a table without body rows', () => {
    expect(expectedBlocks('| A | B |\n|---|---|\n')).toEqual(['A', 'B']);
  });
});

describe('structure text against the Markdown', () => {
  const markdown = 'Første afsnit om sundhedsrådet.\n\nAndet afsnit.\n';

  it('passes when the blocks are found in order, with other text between them and white-space anywhere', () => {
    expect(structureTextFindings(markdown, ['Titelblad', 'Første afsnit\nom sundheds-\nrådet.', 'Indhold', 'Andet\u00A0afsnit.'])).toEqual([]);
  });

  it('tolerates a hyphen the PDF put at a line end inside a word', () => {
    expect(structureTextFindings('sundhedsråd og region\n', ['sund-hedsråd og re-', 'gion'])).toEqual([]);
  });

  it('does not skip other characters, nor a hyphen that is not inside a word', () => {
    expect(structureTextFindings('sundhedsråd\n', ['sundxhedsråd'])).toHaveLength(1);
    expect(structureTextFindings('ab\n', ['a-', ' -b'])).toHaveLength(1);
  });

  it('reports the first block out of order, shortened, and how far matching got', () => {
    const findings = structureTextFindings('Andet afsnit.\n\nFørste afsnit om sundhedsrådet.\n', ['Første afsnit om sundhedsrådet.', 'Andet afsnit.']);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.rule).toBe('pdf/structure-text');
    expect(findings[0]?.message).toContain('blok 2 af 2 (»Første afsnit om sundhedsrådet.«) står før den forrige blok (1 blok fundet i rækkefølge)');
  });

  it('says so when the structure tree has no text at all', () => {
    expect(structureTextFindings(markdown, [])[0]?.message).toMatch(/^strukturtræet har ingen tekst \(Markdown-kilden har 2 blokke\)/);
  });

  it('reports a block that is missing', () => {
    const findings = structureTextFindings(`${'Et meget langt afsnit '.repeat(10)}\n`, ['noget andet']);
    expect(findings[0]?.message).toMatch(/blok 1 af 1 \(»Et meget langt afsnit .*…«\) findes ikke \(0 blokke fundet i rækkefølge\)/);
  });
});
