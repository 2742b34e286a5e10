import { describe, expect, it } from 'vitest';
import { align } from '../../scripts/diff/align.ts';
import { segments } from '../../scripts/diff/segment.ts';
import type { Piece } from '../../scripts/diff/types.ts';
import { sideText, wordDiff } from '../../scripts/diff/word-diff.ts';

/** »=same -old +new« notation, easy to read in a failing assertion. */
const show = (pieces: readonly Piece[]) => pieces.map((p) => `${p.op === 'equal' ? '=' : p.op === 'insert' ? '+' : '-'}${p.text}`);

describe('Danish word segmentation', () => {
  it('keeps amounts, version labels and bilag numbers whole and splits off the full stop of »kr.«', () => {
    const words = segments('Årligt beløb: 1.234.567 kr. V20260224 1a_Udkast')
      .filter((s) => s.isWord)
      .map((s) => s.text);
    expect(words).toEqual(['Årligt', 'beløb', '1.234.567', 'kr', 'V20260224', '1a_Udkast']);
  });
});

describe('wordDiff', () => {
  it('marks an amount replacing »(ikke fastsat)« as one deletion and one insertion', () => {
    expect(show(wordDiff('Årligt beløb: (ikke fastsat).', 'Årligt beløb: 1.234.567 kr..'))).toEqual([
      '=Årligt beløb: ',
      '-(ikke fastsat)',
      '+1.234.567 kr.',
      '=.',
    ]);
  });

  it('marks a date', () => {
    expect(show(wordDiff('(ikke fastsat)', '17. marts 2026'))).toEqual(['-(ikke fastsat)', '+17. marts 2026']);
  });

  it('marks only the number of a renumbered clause', () => {
    expect(show(wordDiff('§ 12. Frister', '§ 13. Frister'))).toEqual(['=§ ', '-12', '+13', '=. Frister']);
  });

  it('marks inserted and replaced words inside a sentence and leaves the rest alone', () => {
    expect(show(wordDiff('Aftalen kan opsiges med 9 måneders varsel.', 'Aftalen kan opsiges af begge parter med 6 måneders skriftligt varsel.'))).toEqual([
      '=Aftalen kan opsiges ',
      '+af begge parter ',
      '=med ',
      '-9',
      '+6',
      '= måneders ',
      '+skriftligt ',
      '=varsel.',
    ]);
  });

  it('gives back each side exactly', () => {
    const before = 'Regionen finansierer kommunens drift af opgaven fra 1. januar 2027.';
    const after = 'Regionen finansierer fuldt ud kommunens drift fra 1. februar 2027.';
    const pieces = wordDiff(before, after);
    expect(sideText(pieces, 'before')).toBe(before);
    expect(sideText(pieces, 'after')).toBe(after);
  });

  it('treats identical and empty texts as no change', () => {
    expect(wordDiff('Samme tekst.', 'Samme tekst.')).toEqual([{ op: 'equal', text: 'Samme tekst.' }]);
    expect(wordDiff('', '')).toEqual([]);
    expect(show(wordDiff('', 'Ny.'))).toEqual(['+Ny.']);
  });
});

describe('align', () => {
  const bilag = (n: string, kommune: string) =>
    `Bilag ${n}_Udkast til horisontal samarbejdsaftale for sundheds- og omsorgspladser ${kommune} Kommune V20260224`;
  const exact = (a: string, b: string) => a === b;
  const numberless = (a: string, b: string) => a.replace(/\S*\d\S*/g, '') === b.replace(/\S*\d\S*/g, '');

  it('pairs a renumbered line with itself, not with its neighbour, when a line is removed', () => {
    const before = [bilag('1a', 'Holbæk'), bilag('1b', 'Lejre'), bilag('1c', 'Næstved'), bilag('1d', 'Sorø')];
    const after = [bilag('1a', 'Holbæk'), bilag('1b', 'Næstved'), bilag('1c', 'Sorø')];
    expect(align(before, after, [exact, numberless])).toEqual([{ a: 0, b: 0 }, { a: 1 }, { a: 2, b: 1 }, { a: 3, b: 2 }]);
  });

  it('pairs a one-for-one replacement in order only when the fallback accepts it', () => {
    expect(align(['a'], ['b'], [exact], () => true)).toEqual([{ a: 0, b: 0 }]);
    expect(align(['a'], ['b'], [exact], () => false)).toEqual([{ a: 0 }, { b: 0 }]);
    expect(align(['a', 'x'], ['b'], [exact], () => true)).toEqual([{ a: 0 }, { a: 1 }, { b: 0 }]);
  });
});
