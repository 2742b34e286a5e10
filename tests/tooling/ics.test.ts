import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, serializeCalendar } from '../../scripts/emit/ics.ts';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');

describe('iCalendar writer (RFC 5545)', () => {
  it('escapes backslash, semicolon, comma and newlines in TEXT', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds at 75 octets without splitting a UTF-8 character, and unfolds to the same line', () => {
    const line = `DESCRIPTION:${'æøå'.repeat(60)}`;
    const folded = foldLine(line);
    for (const physical of folded.split('\r\n')) expect(octets(physical)).toBeLessThanOrEqual(75);
    expect(
      folded
        .split('\r\n')
        .slice(1)
        .every((l) => l.startsWith(' ')),
    ).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(folded).not.toContain('\uFFFD');
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  it('writes CRLF only, all-day events with VALUE=DATE, and text that ical.js reads back unchanged', () => {
    const tricky = 'Frist; »godkendelse«, af Holbæk\\Kalundborg\nanden linje';
    const text = serializeCalendar({
      prodId: '-//Test//DA',
      name: 'Test – kalender',
      sequence: 7,
      stamp: new Date('2026-02-24T00:00:00Z'),
      events: [
        {
          uid: 'a.b@aftaler.invalid',
          date: '2026-12-31',
          summary: tricky,
          description: `${tricky}\n${'lang tekst '.repeat(20)}`,
          categories: ['Frist', 'A,B'],
        },
      ],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(text).toContain('DTSTART;VALUE=DATE:20261231\r\n');
    expect(text).toContain('DTEND;VALUE=DATE:20270101\r\n'); // exclusive end, across a year
    expect(text).toContain('DTSTAMP:20260224T000000Z\r\n');

    const calendar = ICAL.Component.fromString(text);
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    const event = new ICAL.Event(vevent);
    expect(event.uid).toBe('a.b@aftaler.invalid');
    expect(event.summary).toBe(tricky);
    expect(event.description.startsWith(tricky)).toBe(true);
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe('2026-12-31');
    expect(vevent.getFirstProperty('categories')!.getValues()).toEqual(['Frist', 'A,B']);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Test – kalender');
  });
});
