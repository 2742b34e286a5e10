/**
 * Calendars staff import into Outlook (issue 19): each event carries a SEQUENCE that grows with
 * the calendar's stamp, so importing a later file replaces its events instead of adding copies,
 * and open deadlines carry a reminder (VALARM), 14 days before unless .aftalerrc.json says
 * otherwise. Run through `npm run frister` as staff run it, and read back with ical.js.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.ts';
import { RepoCopy } from '../helpers/repo.ts';

const TODAY = '2026-01-15';
const FIRST = String(Date.UTC(2026, 1, 24) / 1000);
const LATER = String(Date.UTC(2026, 2, 17) / 1000);

describe('the deadline calendar as clients import it', () => {
  const repo = new RepoCopy();
  afterAll(() => repo.remove());

  async function calendar(epoch: string) {
    const r = await runInProcess('frister', ['--root', repo.root, '--today', TODAY], { SOURCE_DATE_EPOCH: epoch });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const text = readFileSync(repo.path('out/frister.ics'), 'utf8');
    return new ICAL.Component(ICAL.parse(text) as unknown[]).getAllSubcomponents('vevent');
  }

  it('replaces the events of an earlier import: same UIDs, a higher SEQUENCE', async () => {
    const first = await calendar(FIRST);
    const later = await calendar(LATER);
    // What a client keeps: one event per UID, replaced when the incoming SEQUENCE is higher.
    const store = new Map<string, number>();
    let replaced = 0;
    for (const version of [first, later]) {
      for (const event of version) {
        const uid = String(event.getFirstPropertyValue('uid'));
        const sequence = Number(event.getFirstPropertyValue('sequence'));
        const known = store.get(uid);
        if (known !== undefined && sequence > known) replaced++;
        if (known === undefined || sequence > known) store.set(uid, sequence);
      }
    }
    expect(first.length).toBeGreaterThan(50);
    expect(store.size).toBe(first.length); // no duplicates
    expect(replaced).toBe(first.length); // every event updated
    // The same data and stamp give the same SEQUENCE again.
    const again = await calendar(LATER);
    expect(again.map((e) => e.getFirstPropertyValue('sequence'))).toEqual(later.map((e) => e.getFirstPropertyValue('sequence')));
  });

  it('reminds 14 days before an open deadline, not for one done or cancelled', async () => {
    const events = await calendar(FIRST);
    const open = events.filter((e) => !String(e.getFirstPropertyValue('summary')).startsWith('✔') && e.getFirstPropertyValue('status') !== 'CANCELLED');
    expect(open.length).toBeGreaterThan(10);
    for (const e of open) {
      const alarm = e.getFirstSubcomponent('valarm')!;
      expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
      expect(String(alarm.getFirstPropertyValue('trigger'))).toBe('-P14D');
      expect(String(alarm.getFirstPropertyValue('description'))).toMatch(/^Om 14 dage: /);
    }
    for (const e of events.filter((x) => !open.includes(x))) expect(e.getFirstSubcomponent('valarm')).toBeNull();
  });

  it('takes the reminder from .aftalerrc.json: 7 days, or none', async () => {
    writeFileSync(repo.path('.aftalerrc.json'), '{ "kalender": { "paamindelse_dage": 7 } }\n');
    const seven = await calendar(FIRST);
    const triggers = seven.map((e) => e.getFirstSubcomponent('valarm')?.getFirstPropertyValue('trigger')).filter((t) => t !== undefined && t !== null);
    expect(triggers.length).toBeGreaterThan(10);
    expect(new Set(triggers.map(String))).toEqual(new Set(['-P7D']));
    writeFileSync(repo.path('.aftalerrc.json'), '{ "kalender": { "paamindelse_dage": 0 } }\n');
    expect((await calendar(FIRST)).every((e) => e.getFirstSubcomponent('valarm') === null)).toBe(true);
  });
});
