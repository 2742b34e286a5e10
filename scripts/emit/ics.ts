/**
 * A minimal iCalendar (RFC 5545) writer for all-day events: CRLF line ends, lines folded at 75
 * octets without splitting a UTF-8 character, TEXT values escaped. Nothing here reads the clock:
 * the caller passes DTSTAMP, so the same data gives the same bytes.
 */

export interface IcsEvent {
  /** Globally unique and stable: a calendar that imports the file again updates the event. */
  uid: string;
  /** All-day event on this ISO day. */
  date: string;
  summary: string;
  description: string;
  categories?: readonly string[];
  /** RFC 5545 STATUS for VEVENT. */
  status?: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
  /** A reminder this many days before (VALARM, shown at the start of that day); none when absent. */
  alarmDays?: number;
}

export interface IcsCalendar {
  /** PRODID, e.g. »-//Region Østdanmark//aftaler//DA«. */
  prodId: string;
  /** Shown as the calendar's name by most clients (X-WR-CALNAME). */
  name: string;
  /** DTSTAMP of every event. */
  stamp: Date;
  /**
   * SEQUENCE of every event: a later version of the calendar must have a higher one, so a client
   * that imports it again replaces its events instead of keeping the old ones (RFC 5545 §3.8.7.4).
   */
  sequence: number;
  events: readonly IcsEvent[];
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds one content line (RFC 5545 §3.1): at most 75 octets per physical line, continuation
 * lines start with one space (which counts towards their 75). Breaks fall between characters,
 * never inside a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > MAX_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join(CRLF);
}

/** 2026-04-01 → 20260401. */
const dateValue = (iso: string) => iso.replaceAll('-', '');

/** UTC date-time in the basic format: 20260224T000000Z. */
function dateTimeValue(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

function eventLines(e: IcsEvent, stamp: string, sequence: number): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${stamp}`,
    `SEQUENCE:${sequence}`,
    `DTSTART;VALUE=DATE:${dateValue(e.date)}`,
    // DTEND is exclusive: a one-day event ends the next day.
    `DTEND;VALUE=DATE:${dateValue(nextDay(e.date))}`,
    `SUMMARY:${escapeText(e.summary)}`,
    `DESCRIPTION:${escapeText(e.description)}`,
  ];
  if (e.categories && e.categories.length > 0) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`);
  if (e.status) lines.push(`STATUS:${e.status}`);
  // A deadline is a reminder, not a meeting: it should not block anyone's time.
  lines.push('TRANSP:TRANSPARENT');
  if (e.alarmDays !== undefined && e.alarmDays > 0) {
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeText(`Om ${e.alarmDays} dage: ${e.summary}`)}`,
      `TRIGGER:-P${e.alarmDays}D`,
      'END:VALARM',
    );
  }
  lines.push('END:VEVENT');
  return lines;
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function serializeCalendar(calendar: IcsCalendar): string {
  const stamp = dateTimeValue(calendar.stamp);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${calendar.prodId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    ...calendar.events.flatMap((e) => eventLines(e, stamp, calendar.sequence)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
