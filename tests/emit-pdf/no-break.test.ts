import { describe, expect, it } from 'vitest';
import { bindUnits } from '../../scripts/emit/pdf/no-break.ts';

const shown = (s: string): string => bindUnits(s).replace(/\u00A0/g, '_');

describe('non-breaking spaces in the PDF text', () => {
  it('joins dates, amounts, § and stk.', () => {
    expect(shown('fra 1. april 2026 til 31. december')).toBe('fra 1._april_2026 til 31._december');
    expect(shown('i alt 1.234.567 kr. og 4,2 mia. kr.')).toBe('i alt 1.234.567_kr. og 4,2_mia._kr.');
    expect(shown('jf. § 12, stk. 2 og §§ 3-5')).toBe('jf. §_12, stk._2 og §§_3-5');
  });

  it('leaves other text alone', () => {
    expect(shown('punkt 1. Maj er en måned')).toBe('punkt 1. Maj er en måned');
    expect(shown('Parterne mødes')).toBe('Parterne mødes');
  });
});
