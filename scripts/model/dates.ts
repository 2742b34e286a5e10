/**
 * Calendar arithmetic on ISO days (YYYY-MM-DD). Everything runs in UTC so that the machine's
 * time zone can never shift a deadline by a day.
 */
import type { Vilkaar } from './types.ts';

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y!, m!, d!];
}

const iso = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  const [y, m, d] = parts(day);
  return iso(new Date(Date.UTC(y, m - 1, d + n)));
}

/** Calendar months later, clamped to the month's last day (31 January + 1 month = 28/29 February). */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = parts(day);
  const lastDay = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(y, m - 1 + n, Math.min(d, lastDay))));
}

/**
 * The day a termination takes effect (ophørsdato): the day the notice was given plus the notice
 * period in calendar months, on the same day of the month, clamped to the month's last day.
 * The sources only say »9 måneders varsel« (no »til udgangen af en måned«), so notice given on
 * 15 March 2027 ends the agreement on 15 December 2027, and notice on 31 May 2027 on
 * 29 February 2028. The agreement no longer applies from that day.
 */
export function terminationDate(notice: string, months: number): string {
  return addMonths(notice, months);
}

/** A vilkår's length in whole months (»2 år« = 24). */
export function vilkaarMonths(v: Vilkaar): number {
  return v.enhed === 'aar' ? v.vaerdi * 12 : v.vaerdi;
}

/**
 * The last day of a period that starts on `start` and lasts the vilkår's length: »within the
 * first two years« from 2027-01-01 ends on 2028-12-31, not on 2029-01-01.
 */
export function lastDayOfPeriod(start: string, v: Vilkaar): string {
  return addDays(addMonths(start, vilkaarMonths(v)), -1);
}

/** The latest of some ISO days, ignoring unknown ones. */
export function latestDay(...days: ReadonlyArray<string | null | undefined>): string | undefined {
  return days
    .filter((d): d is string => typeof d === 'string')
    .sort()
    .at(-1);
}
