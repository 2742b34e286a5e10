/**
 * The redline files keep dates, amounts and »§ n« on one line, as the documents do, although the
 * word diff splits such a unit over pieces of different kinds.
 */
import { describe, expect, it } from 'vitest';
import { bindPieces } from '../../scripts/diff/no-break.ts';
import type { Piece } from '../../scripts/diff/types.ts';

const NB = '\u00A0';
const equal = (text: string): Piece => ({ op: 'equal', text });
const insert = (text: string): Piece => ({ op: 'insert', text });
const del = (text: string): Piece => ({ op: 'delete', text });

describe('bindPieces', () => {
  it('binds a date whose month changed, across the equal, deleted and inserted pieces', () => {
    expect(bindPieces([equal('træder i kraft den 1. '), del('januar'), insert('februar'), equal(' 2027.')])).toEqual([
      equal(`træder i kraft den 1.${NB}`),
      del('januar'),
      insert('februar'),
      equal(`${NB}2027.`),
    ]);
  });

  it('binds an inserted amount by the new line, a deleted date by the old one', () => {
    expect(bindPieces([equal('Beløb: '), del('(ikke fastsat)'), insert('1.234.567 kr.')])).toEqual([
      equal('Beløb: '),
      del('(ikke fastsat)'),
      insert(`1.234.567${NB}kr.`),
    ]);
    expect(bindPieces([equal('senest den '), del('1. april 2027'), insert('snarest')])).toEqual([
      equal('senest den '),
      del(`1.${NB}april${NB}2027`),
      insert('snarest'),
    ]);
  });

  it('binds »§ n« when only the number changed', () => {
    expect(bindPieces([equal('jf. § '), del('3'), insert('4')])).toEqual([equal(`jf. §${NB}`), del('3'), insert('4')]);
  });

  it('leaves text without a unit, and every piece’s kind and length, as it was', () => {
    const plain = [equal('Parterne '), del('kan'), insert('skal'), equal(' aftale')];
    expect(bindPieces(plain)).toEqual(plain);
    const mixed = [equal('den 1. '), del('maj'), insert('juni'), equal(' 2027 og '), insert('2 kr.')];
    const bound = bindPieces(mixed);
    expect(bound.map((p) => [p.op, p.text.length])).toEqual(mixed.map((p) => [p.op, p.text.length]));
    expect(bound.map((p) => p.text.replaceAll(NB, ' '))).toEqual(mixed.map((p) => p.text));
  });
});
