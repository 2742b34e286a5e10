/**
 * Danish hyphenation of the body text (scripts/emit/pdf/hyphenate.ts) and pdfmake's handling of
 * the soft hyphens (scripts/emit/pdf/soft-hyphens.ts): where words may break, what is never
 * broken, and that a PDF shows a hyphen only where a word is broken and never a soft hyphen.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { describe, expect, it } from 'vitest';
import { breakPoints, hyphenateBody, hyphenateText, hyphenateWord, SOFT_HYPHEN } from '../../scripts/emit/pdf/hyphenate.ts';
import { renderPdf } from '../../scripts/emit/pdf/render.ts';
import { installSoftHyphens } from '../../scripts/emit/pdf/soft-hyphens.ts';
import { DEFAULT_STYLE, STYLES } from '../../scripts/emit/pdf/styles.ts';
import { pdfText, runTool, writeTempPdf } from './pdf-tools.ts';

const shown = (text: string): string => text.replaceAll(SOFT_HYPHEN, '-');
const NBSP = '\u00A0';

/**
 * Words of the agreements with their breaks, each read against Danish syllable division
 * (Retskrivningsreglerne: at a syllable or between the parts of a compound). A missing break is
 * allowed (»genop-træning«); a wrong one is not.
 */
const REVIEWED = [
  'sund-heds-råd',
  'sam-ar-bejds-af-tale',
  'kom-mu-nal-be-sty-rel-sen',
  'myn-dig-heds-ansva-ret',
  'fi-nan-sie-rings-ansva-ret',
  'genop-træ-ning',
  'akut-sy-gepleje',
  'om-sorgs-plad-ser',
  'de-lings-af-tale',
  'virk-som-heds-over-dra-gelse',
  'til-lægs-af-ta-ler',
  'op-si-gel-ses-var-sel',
  'sund-heds-rå-dets',
  're-gions-rå-det',
  'kva-li-tets-stan-dar-der',
  're-ha-bi-li-te-ring',
  'pa-tient-ret-tet',
  'fore-byg-gelse',
  'jour-nal-fø-ring',
  'op-ga-ve-løs-nin-gen',
  'be-stem-mel-serne',
  'un-der-skrif-ter',
  'ret-tig-he-der',
  'ikraft-træ-del-sen',
  'over-ens-stem-melse',
  'da-ta-be-hand-ling',
  'kla-ge-ad-gang',
  'vi-si-ta-tion',
  'Øst-dan-mark',
  'Ka-lund-borg',
  'Ods-her-red',
  'kom-pe-ten-ce-ud-vik-ling',
  'til-ba-ge-mel-din-ger',
  'ind-fas-nings-pe-rio-den',
  'Her-ud-over',
  'an-svars-for-de-ling',
  'spe-cia-li-se-ret',
];

/** Words the patterns break wrongly, mended in hyphenate.ts (the wrong break in the comment). */
const MENDED = [
  'akut-funk-tio-ner', // aku-t-funktioner: a lone letter between two breaks
  'ind-ar-bejde', // in-d-arbejde
  'Ring-sted', // Rings-ted
  'Vest-sjæl-land', // Ve-stsjælland
  'Nord-sjæl-land', // Nords-jælland
  'Guld-borg-sund', // Guldborgs-und
  'nær-sund-heds-pla-ner', // nærs-und-hedsplaner
  'døgn-en-he-der', // døg-nenheder
  'ho-spi-tals-en-he-der', // hospital-senheder
  'gen-ind-læg-gelse', // ge-nind-læggelse
  'ni-ko-tin-af-væn-ning', // nikoti-naf-vænning
  'Re-gions-råds-for-man-den', // rå-dsformanden
  'over-head', // over-he-ad
];

describe('Danish break points', () => {
  it.each(REVIEWED)('%s', (expected) => {
    expect(shown(hyphenateWord(expected.replaceAll('-', '')))).toBe(expected);
  });

  it.each(MENDED)('%s (the patterns alone break it wrongly)', (expected) => {
    expect(shown(hyphenateWord(expected.replaceAll('-', '')))).toBe(expected);
  });

  it('leaves at least two letters before a break and three after it', () => {
    for (const word of [...REVIEWED, ...MENDED].map((w) => w.replaceAll('-', ''))) {
      for (const at of breakPoints(word)) {
        expect(at, word).toBeGreaterThanOrEqual(2);
        expect(word.length - at, word).toBeGreaterThanOrEqual(3);
      }
    }
    expect(shown(hyphenateWord('aftale'))).toBe('aftale');
    expect(shown(hyphenateWord('akutsygeplejen'))).toBe('akut-sy-geplejen'); // not »…geplej-en«
  });

  it('never breaks a word of fewer than seven letters', () => {
    for (const word of ['aftale', 'parter', 'region', 'opgave', 'ansvar']) expect(hyphenateWord(word)).toBe(word);
  });
});

describe('what is hyphenated in a text', () => {
  it('marks ordinary words, with punctuation and quotes around them', () => {
    expect(shown(hyphenateText('Kommunalbestyrelsen godkender »samarbejdsaftalen«, jf. sundhedsloven.'))).toBe(
      'Kom-mu-nal-be-sty-rel-sen god-ken-der »sam-ar-bejds-af-ta-len«, jf. sund-heds-lo-ven.',
    );
  });

  it('leaves dates, amounts and legal references whole, bound or not', () => {
    for (const text of [
      `senest den 1.${NBSP}september${NBSP}2026`,
      'senest den 1. september 2026',
      `i alt 1.234.567${NBSP}kr. og 4,2${NBSP}mia.${NBSP}kr.`,
      'i 12 kalendermåneder',
      `jf. §${NBSP}12, stk.${NBSP}2`,
    ]) {
      expect(hyphenateText(text), text).toBe(text);
    }
  });

  it('leaves identifiers, addresses, numbers and abbreviations whole', () => {
    for (const text of [
      'DokID: 12718881',
      'sag EMN-2025-10366',
      'se https://www.sundhedsstyrelsen.dk/vejledninger',
      'skriv til sundhedsraad@regionsjaelland.dk',
      'V20260224',
      'SUNDHEDSRÅDET',
      'bl.a. f.eks. vedr.',
      'sundheds- og',
      'opgave-/sundhedsområdet',
      'DokIDerne',
    ]) {
      expect(hyphenateText(text), text).toBe(text);
    }
  });

  it('leaves a word alone that runs on into the neighbouring text', () => {
    expect(shown(hyphenateText('sundhedsrådet og regionsrådet', { keepFirst: true }))).toBe('sundhedsrådet og re-gions-rå-det');
    expect(shown(hyphenateText('sundhedsrådet og regionsrådet', { keepLast: true }))).toBe('sund-heds-rå-det og regionsrådet');
    expect(shown(hyphenateText('sundhedsrådet og regionsrådet ', { keepLast: true }))).toBe('sund-heds-rå-det og regionsrådet ');
  });
});

describe('what is hyphenated in a document definition', () => {
  it('body paragraphs and list items only, never their last word, code or fragments of a word', () => {
    const content: Content[] = [
      { text: 'Kommunalbestyrelsen', style: 'h2' },
      {
        text: [{ text: 'Kommunalbestyrelsen og regionsrådet ' }, { text: 'kommunalbestyrelsen', background: '#eee' }, { text: ' godkender samarbejdsaftalen' }],
        style: 'paragraph',
      },
      { ul: [{ stack: [{ text: 'Sundhedsrådet og kommunalbestyrelsen', style: 'listParagraph' }], unbreakable: true }] },
      { table: { widths: ['*'], body: [[{ text: 'Kommunalbestyrelsen og regionsrådet', style: 'tableCell' }]] } },
      { text: [{ text: 'Sundheds' }, { text: 'rådet', color: '#1b3a5c' }, { text: ' og kommunalbestyrelsen' }], style: 'paragraph' },
      { text: 'Kommunalbestyrelsen og regionsrådet', style: 'closing' },
    ];
    hyphenateBody(content);
    expect(JSON.parse(shown(JSON.stringify(content)))).toEqual([
      { text: 'Kommunalbestyrelsen', style: 'h2' },
      {
        text: [
          { text: 'Kom-mu-nal-be-sty-rel-sen og re-gions-rå-det ' },
          { text: 'kommunalbestyrelsen', background: '#eee' },
          { text: ' god-ken-der samarbejdsaftalen' },
        ],
        style: 'paragraph',
      },
      { ul: [{ stack: [{ text: 'Sund-heds-rå-det og kommunalbestyrelsen', style: 'listParagraph' }], unbreakable: true }] },
      { table: { widths: ['*'], body: [[{ text: 'Kommunalbestyrelsen og regionsrådet', style: 'tableCell' }]] } },
      { text: [{ text: 'Sundheds' }, { text: 'rådet', color: '#1b3a5c' }, { text: ' og kommunalbestyrelsen' }], style: 'paragraph' },
      { text: 'Kommunalbestyrelsen og regionsrådet', style: 'closing' },
    ]);
  });
});

describe('soft hyphens in the PDF', () => {
  it('pdfmake has the members soft-hyphens.ts wraps (else hyphenation is off)', () => {
    expect(installSoftHyphens()).toBe(true);
  });

  const WORDS = 'Aftalen om kommunalbestyrelsen og myndighedsansvaret for genoptræning i Vestsjælland den 1. september 2026 (EMN-2025-10366).';
  // A narrow column: most lines would gape without breaking a word.
  const COLUMN = 150;
  const date = new Date('2026-03-01T00:00:00Z');
  const def: TDocumentDefinitions = {
    info: { creationDate: date, modDate: date },
    pageMargins: [100, 72, 100, 64],
    defaultStyle: DEFAULT_STYLE,
    styles: STYLES,
    content: [
      {
        columns: [
          { width: COLUMN, stack: [{ text: [{ text: `${WORDS} ${WORDS}` }], style: 'paragraph' }] },
          { width: '*', text: '' },
        ],
      },
    ],
  };

  it('breaks a long word with a visible hyphen, at one of its break points, within the column', async () => {
    const file = writeTempPdf(await renderPdf(def));
    const layout = pdfText(file, '-layout');
    const lines = layout
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    const broken = lines.filter((line) => /\p{L}-$/u.test(line));
    expect(broken.length).toBeGreaterThan(0);
    for (const [i, line] of lines.entries()) {
      if (!/\p{L}-$/u.test(line)) continue;
      const head = line.split(' ').at(-1)!.slice(0, -1);
      const tail = lines[i + 1]!.split(' ')[0]!.replace(/[.,)]+$/, '');
      const word = head + tail;
      expect(WORDS, `${head}-${tail}`).toContain(word);
      expect(breakPoints(word), `${head}-${tail}`).toContain(head.length);
    }
    // Joined again, the lines are the text: no letter lost, none added, the date and ids whole.
    expect(
      lines
        .join('\n')
        .replace(/(\p{L})-\n/gu, '$1')
        .replace(/\n/g, ' '),
    ).toBe(`${WORDS} ${WORDS}`);

    // Every line, hyphen included, ends inside the column (left margin 100 pt).
    const bbox = runTool('pdftotext', ['-bbox', file, '-']).stdout;
    const right = Math.max(...[...bbox.matchAll(/<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"/g)].map((m) => Number(m[1])));
    expect(right).toBeLessThanOrEqual(100 + COLUMN + 0.01);
  });

  it('writes no soft hyphen into the PDF, and unbroken words extract whole', async () => {
    // One line of the full body width: every word has soft hyphens, none is broken.
    const line = 'Kommunalbestyrelsen har myndighedsansvaret i Vestsjælland.';
    const file = writeTempPdf(await renderPdf({ ...def, content: [{ text: [{ text: line }], style: 'paragraph' }] }));
    for (const mode of [[], ['-layout'], ['-raw']]) {
      const text = pdfText(file, ...mode);
      expect(text).not.toContain(SOFT_HYPHEN);
      expect(text.replace(/\s+/g, ' ').trim()).toBe(line);
    }
    // The soft hyphens were there: pdfmake laid the words out in pieces, drawn edge to edge.
    expect(shown(hyphenateText(line, { keepLast: true }))).toBe('Kom-mu-nal-be-sty-rel-sen har myn-dig-heds-ansva-ret i Vestsjælland.');
  });

  it('renders the same bytes twice', async () => {
    expect((await renderPdf(def)).equals(await renderPdf(def))).toBe(true);
  });
});
