/**
 * Danish formatting, all through Intl with locale da-DK: no hand-made number or date formats.
 * Dates are ISO calendar days, formatted in UTC so the machine's time zone cannot shift them.
 * Each formatter is built on first use: building one loads locale data, which cost `check`
 * (which imports this module for a few messages, but rarely formats anything) ~10 ms at start.
 */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const dateFormat = lazy(() => new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }));
/**
 * YAML reads `-0` and `-0.0` as negative zero, which the schema's `minimum: 0` lets through and
 * Intl's default sign display prints as »-0«; so would a small negative that rounds to zero.
 * `negative` shows a minus only on a number that is below zero after rounding.
 */
const number = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat('da-DK', { ...options, signDisplay: 'negative' });
const integerFormat = lazy(() => number({ maximumFractionDigits: 0 }));
const decimalFormat = lazy(() => number({ maximumFractionDigits: 2 }));
const billionFormat = lazy(() => number({ minimumFractionDigits: 1, maximumFractionDigits: 3 }));
const plural = lazy(() => new Intl.PluralRules('da-DK'));

/** Shown where a value the document needs is not recorded yet. */
export const NOT_SET = '(ikke fastsat)';

/** 2026-04-01 → »1. april 2026«. */
export function formatDate(iso: string): string {
  return dateFormat().format(new Date(`${iso}T00:00:00Z`));
}

/** 1234567 → »1.234.567 kr.«. */
export function formatKroner(amount: number): string {
  return `${integerFormat().format(amount)} kr.`;
}

/** 4208000000 → »4,208 mia. kr.«; 4200000000 → »4,2 mia. kr.«. */
export function formatBillions(amount: number): string {
  return `${billionFormat().format(amount / 1e9)} mia. kr.`;
}

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? integerFormat().format(n) : decimalFormat().format(n);
}

/** 9, »måned«, »måneder« → »9 måneder«; 1 → »1 måned«. */
export function formatCount(n: number, one: string, other: string): string {
  return `${formatNumber(n)} ${plural().select(n) === 'one' ? one : other}`;
}
