/**
 * Parses a PDF date string (ISO 32000 7.9.4), e.g. "D:20270115103000Z" or
 * "D:20270115113000+01'00'". Only the year is mandatory; missing parts default
 * to the start of the period, a missing offset to UTC.
 */
const PDF_DATE = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(?:(\d{2})'?)?)?$/;

export function parsePdfDate(text: string): Date | null {
  const match = PDF_DATE.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second, , sign, offsetHours, offsetMinutes] = match;
  const number = (value: string | undefined, fallback: number): number => (value === undefined ? fallback : Number(value));
  const utc = Date.UTC(number(year, 0), number(month, 1) - 1, number(day, 1), number(hour, 0), number(minute, 0), number(second, 0));
  const offset = (number(offsetHours, 0) * 60 + number(offsetMinutes, 0)) * 60_000;
  return new Date(sign === '-' ? utc + offset : sign === '+' ? utc - offset : utc);
}
