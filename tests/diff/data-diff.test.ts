import { describe, expect, it } from 'vitest';
import { diffData, formatPath } from '../../scripts/diff/data-diff.ts';

describe('diffData', () => {
  it('reports a changed value at its YAML path', () => {
    const before = { godkendelser: { regionsraad: null, kommunalbestyrelse: null } };
    const after = { godkendelser: { regionsraad: '2026-03-17', kommunalbestyrelse: null } };
    expect(diffData(before, after)).toEqual([{ path: 'godkendelser.regionsraad', change: 'changed', before: null, after: '2026-03-17' }]);
  });

  it('reports a field inside a list entry with its index', () => {
    const entry = (dokument: string, version = '2026-02-24') => ({ dokument, version });
    const before = { bilag: [entry('a'), entry('b'), entry('c'), entry('d')] };
    const after = { bilag: [entry('a'), entry('b'), entry('c'), entry('d', '2026-03-01')] };
    expect(diffData(before, after)).toEqual([{ path: 'bilag[3].version', change: 'changed', before: '2026-02-24', after: '2026-03-01' }]);
  });

  it('reports a removed list entry once, not every later entry as changed', () => {
    const before = { bilag: ['a', 'b', 'c', 'd'].map((dokument) => ({ dokument })) };
    const after = { bilag: ['a', 'c', 'd'].map((dokument) => ({ dokument })) };
    expect(diffData(before, after)).toEqual([{ path: 'bilag[1]', change: 'removed', before: { dokument: 'b' } }]);
  });

  it('reports added and removed fields', () => {
    expect(diffData({ a: 1, b: 2 }, { a: 1, c: 3 })).toEqual([
      { path: 'b', change: 'removed', before: 2 },
      { path: 'c', change: 'added', after: 3 },
    ]);
  });

  it('reports nothing for equal data', () => {
    expect(diffData({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
  });

  it('takes -0 for 0: the report prints both as 0', () => {
    expect(diffData({ pladser: 0, liste: [0] }, { pladser: -0, liste: [-0] })).toEqual([]);
  });

  it('quotes keys that are not plain words', () => {
    expect(formatPath(['a', 'b c', 2, 'æø'])).toBe('a["b c"][2].æø');
  });
});
