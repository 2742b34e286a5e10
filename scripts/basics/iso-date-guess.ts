/**
 * The ISO date staff most likely meant by a date written the Danish way: »15.3.2026«,
 * »15-03-2026«, »15/3/2026«, »15. marts 2026« or »2026-3-15« give »2026-03-15«. Undefined for
 * anything else, or a date that does not exist (»30.2.2026«): then no guess is better than a
 * wrong one.
 */
const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

function iso(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** »2027-01-01« and a day that exists: Date would turn »2027-02-30« into 2 March. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

export function isoDateGuess(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  let m = /^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})$/.exec(text);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\.?\s+([a-zæøå]+)\.?\s+(\d{4})$/.exec(text);
  if (m) {
    const word = m[2]!;
    // A month's name, or its first three letters or more (»mar«, »sept«).
    const month = MONTHS.findIndex((name) => name === word || (word.length >= 3 && name.startsWith(word)));
    return month < 0 ? undefined : iso(Number(m[3]), month + 1, Number(m[1]));
  }
  return undefined;
}
