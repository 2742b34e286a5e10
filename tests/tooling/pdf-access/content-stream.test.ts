import { describe, expect, it } from 'vitest';
import { ContentStreamError, type Operand, operations, tokenize } from '../../../scripts/tooling/pdf-access/content-stream.ts';
import { checkPageMarking } from '../../../scripts/tooling/pdf-access/marked-content.ts';

const bytes = (text: string) => Buffer.from(text, 'latin1');
const ops = (text: string) => [...operations(bytes(text))].map((op) => [op.operator, op.operands] as const);
const strings = (text: string) => [...tokenize(bytes(text))].filter((t) => t.kind === 'string').map((t) => t.value);

describe('content-stream tokenizer', () => {
  it('reads escaped parentheses and backslashes inside a literal string', () => {
    expect(strings(String.raw`(a\)b\(c\\) Tj`)).toEqual(['a)b(c\\']);
    expect(ops(String.raw`(\)) Tj`)).toEqual([['Tj', [{ string: ')' }]]]);
  });

  it('keeps balanced inner parentheses as part of the string', () => {
    expect(strings('(a (b (c)) d) Tj')).toEqual(['a (b (c)) d']);
  });

  it('decodes octal escapes, named escapes and line continuations', () => {
    expect(strings('(\\101\\7\\n\\t\\q) Tj')).toEqual(['A\u0007\n\tq']);
    expect(strings('(ab\\\ncd) Tj')).toEqual(['abcd']);
  });

  it('reads hex strings, with white-space inside and an odd final digit', () => {
    expect(strings('<48 65 6C6C 6F> Tj <41 4> Tj')).toEqual(['Hello', 'A@']);
    expect(ops('[<0001> -250 (x)] TJ')).toEqual([['TJ', [[{ string: '\u0000\u0001' }, -250, { string: 'x' }]]]]);
  });

  it('reads a dictionary operand of BDC, nested dictionaries and arrays included', () => {
    const [[operator, operands]] = ops('/Span << /MCID 3 /ActualText (x) /Sub << /A [1 2] >> >> BDC') as [[string, Operand[]]];
    expect(operator).toBe('BDC');
    expect(operands[0]).toEqual({ name: 'Span' });
    const dict = operands[1] as Map<string, Operand>;
    expect(dict.get('MCID')).toBe(3);
    expect(dict.get('ActualText')).toEqual({ string: 'x' });
    expect((dict.get('Sub') as Map<string, Operand>).get('A')).toEqual([1, 2]);
  });

  it('skips comments, but not a % inside a string', () => {
    expect(ops('% (not a string) Tj\n(50%) Tj % trailing ) comment\nET')).toEqual([
      ['Tj', [{ string: '50%' }]],
      ['ET', []],
    ]);
  });

  it('decodes #xx in names and reads numbers, booleans and null', () => {
    expect(ops('/A#20B -.5 +3 4. true false null gs')).toEqual([['gs', [{ name: 'A B' }, -0.5, 3, 4, true, false, null]]]);
  });

  it('skips an inline image whose data contains »EI« and parentheses', () => {
    const data = 'x) EI( \u00ff\u0000EI\u0001';
    const stream = `BI /W 2 /H 2 /CS /G /BPC 8 ID ${data}\nEI\n(after) Tj`;
    expect(ops(stream).map(([operator]) => operator)).toEqual(['BI', 'Tj']);
    expect(ops(stream)[1]).toEqual(['Tj', [{ string: 'after' }]]);
  });

  it('uses an inline image’s /L to find its end', () => {
    const stream = 'BI /W 1 /H 1 /L 6 ID  EI EI\nEI (z) Tj';
    expect(ops(stream)).toEqual([
      [
        'BI',
        [
          new Map<string, Operand>([
            ['W', 1],
            ['H', 1],
            ['L', 6],
          ]),
        ],
      ],
      ['Tj', [{ string: 'z' }]],
    ]);
  });

  it('refuses an unterminated string, a stray closing bracket and trailing operands', () => {
    expect(() => ops('(abc Tj')).toThrow(ContentStreamError);
    expect(() => ops('1 2 ] re')).toThrow(ContentStreamError);
    expect(() => ops('[1 2 >> TJ')).toThrow(ContentStreamError);
    expect(() => ops('BT 1 2')).toThrow(ContentStreamError);
  });
});

describe('marked content of a page', () => {
  const check = (text: string, known: readonly number[] = [0]) => checkPageMarking([bytes(text)], (mcid) => known.includes(mcid));

  it('accepts text in an MCID the parent tree knows, and text in an artifact at any depth', () => {
    const result = check("/P <</MCID 0>> BDC BT (a) Tj ET EMC /Artifact BMC /Span BMC (b) Tj EMC EMC /Artifact <</Type /Pagination>> BDC (c) ' EMC");
    expect(result).toEqual({ untaggedText: [], unknownMcid: [], unmarkedPainting: [], unbalanced: [], unreadable: undefined });
  });

  it('reports text outside marked content and in marked content without MCID, with places', () => {
    const result = check('BT (a) Tj ET /Span BMC 1 2 (b) " EMC');
    expect(result.untaggedText.map((p) => p.text)).toEqual(['(a) Tj', '1 2 (b) "']);
    expect(result.untaggedText[0]).toMatchObject({ stream: 1, offset: 3 });
  });

  it('reports an MCID the parent tree does not know', () => {
    expect(check('/P <</MCID 7>> BDC (a) Tj EMC').unknownMcid).toMatchObject([{ mcid: 7, text: '(a) Tj' }]);
  });

  it('reports painting outside any marked content, not inside', () => {
    const result = check('0 0 m 1 1 l S /Artifact BMC 0 0 m 1 1 l S EMC /Im0 Do 0 0 1 1 re f*');
    expect(result.unmarkedPainting.map((p) => p.text)).toEqual(['S', '/Im0 Do', 'f*']);
  });

  it('follows marked content across the page’s content streams, and reports unbalanced EMC', () => {
    expect(checkPageMarking([bytes('/P <</MCID 0>> BDC'), bytes('(a) Tj EMC')], () => true).untaggedText).toEqual([]);
    expect(check('EMC /P BMC').unbalanced).toHaveLength(2);
  });

  it('resolves a named property list for the MCID', () => {
    const result = checkPageMarking(
      [bytes('/P /MC0 BDC (a) Tj EMC')],
      (mcid) => mcid === 4,
      (name) => (name === 'MC0' ? new Map([['MCID', 4]]) : undefined),
    );
    expect(result.untaggedText).toEqual([]);
    expect(result.unknownMcid).toEqual([]);
  });

  it('says where a stream cannot be read instead of guessing', () => {
    expect(check('/P <</MCID 0>> BDC (a Tj').unreadable).toMatch(/indholdsstrøm 1, byte 19/);
  });
});
