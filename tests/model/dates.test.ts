import { describe, expect, it } from 'vitest';
import { addMonths, terminationDate } from '../../scripts/model/dates.ts';

describe('terminationDate: notice day plus the notice period in calendar months', () => {
  it('keeps the day of the month', () => {
    expect(terminationDate('2027-03-15', 9)).toBe('2027-12-15');
    expect(terminationDate('2027-01-01', 9)).toBe('2027-10-01');
  });

  it('crosses the year', () => {
    expect(terminationDate('2027-06-30', 9)).toBe('2028-03-30');
    expect(terminationDate('2027-12-31', 12)).toBe('2028-12-31');
  });

  it('clamps to the last day of a shorter month, leap years included', () => {
    expect(terminationDate('2027-05-31', 9)).toBe('2028-02-29');
    expect(terminationDate('2028-05-31', 9)).toBe('2029-02-28');
    expect(terminationDate('2027-01-31', 9)).toBe('2027-10-31');
    expect(terminationDate('2027-03-31', 9)).toBe('2027-12-31');
    expect(terminationDate('2027-07-31', 9)).toBe('2028-04-30');
  });

  it('is the notice day itself for a notice period of zero', () => {
    expect(terminationDate('2027-03-15', 0)).toBe('2027-03-15');
  });

  it('never depends on the time zone', () => {
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(terminationDate('2027-03-15', 9)).toBe('2027-12-15');
      process.env.TZ = 'Pacific/Pago_Pago';
      expect(terminationDate('2027-03-15', 9)).toBe('2027-12-15');
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    expect(addMonths('2027-12-15', -9)).toBe('2027-03-15');
  });
});
