/** Changed fields as the redline files show them to a reader: as the documents word the values. */
import { describe, expect, it } from 'vitest';
import { formatValue, readableValue } from '../../scripts/diff/values.ts';

describe('readableValue', () => {
  it('words dates, amounts, numbers, yes/no and an unset value as the documents do', () => {
    expect(readableValue('2027-01-01', 'ikrafttraeden')).toBe('1. januar 2027');
    expect(readableValue(1234567, 'finansiering.aarligt_beloeb_kr')).toBe('1.234.567 kr.');
    expect(readableValue(9, 'opsigelse.varsel_maaneder')).toBe('9');
    expect(readableValue(null, 'godkendelser.regionsraad')).toBe('(ikke fastsat)');
    expect(readableValue(true, 'x')).toBe('ja');
  });

  it('leaves text, lists and anything that only looks like a date as formatValue has it', () => {
    expect(readableValue('Regionen og kommunen', 'formaal')).toBe('Regionen og kommunen');
    expect(readableValue(['a', 'b'], 'liste')).toBe(formatValue(['a', 'b']));
    // A day that does not exist is not quietly moved to another (Date makes 30 February 2 March).
    expect(readableValue('2027-02-30', 'dato')).toBe('2027-02-30');
    expect(readableValue('2027-13-01', 'dato')).toBe('2027-13-01');
  });
});
