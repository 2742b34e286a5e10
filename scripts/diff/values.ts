import { formatDate, formatKroner, formatNumber, NOT_SET } from '../basics/format.ts';
import { isCalendarDate } from '../basics/iso-date-guess.ts';

/** A data value as it reads in a report: YAML-like scalars, compact JSON for lists and maps. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Long texts are shown as a word diff rather than as two whole paragraphs. */
export const LONG_TEXT = 80;

/**
 * A data value as the redline files show it to a reader (the PDF's and the Word file's »Ændrede
 * felter«): worded as the documents word it where the value says how (a date, an amount in a
 * `…_kr` field, a number, »(ikke fastsat)« for none); otherwise as formatValue. The pull-request
 * comment keeps formatValue's YAML-like form, which is what its reviewers edit.
 */
export function readableValue(value: unknown, path: string): string {
  if (value === null || value === undefined) return NOT_SET;
  if (typeof value === 'string' && isCalendarDate(value)) return formatDate(value);
  if (typeof value === 'number' && Number.isFinite(value)) return /_kr$/.test(path) ? formatKroner(value) : formatNumber(value);
  if (typeof value === 'boolean') return value ? 'ja' : 'nej';
  return formatValue(value);
}
