import { readdirSync, readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import type { Repository } from '../../scripts/model/repository.ts';
import { deadlineState, documentDeadlines, type DocumentDeadline } from '../../scripts/kinds/index.ts';
import { eventUid } from '../../scripts/emit/frister-calendar.ts';
import { runCli, STACK_TRACE } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { RepoCopy } from '../helpers/repo.ts';

const EPOCH = '1771891200'; // 2026-02-24T00:00:00Z

async function repoOf(root: string): Promise<Repository> {
  return (await checkRepository(root, { today: '2026-03-20' })).repo;
}

const byKey = (list: DocumentDeadline[], key: string) => list.find((d) => d.key === key)!;

describe('deadline calendar: which deadlines each document has, from the data', () => {
  const copy = new RepoCopy();
  let deadlines: DocumentDeadline[];
  let repo: Repository;

  beforeAll(async () => {
    repo = await repoOf(copy.root);
    deadlines = documentDeadlines(repo);
  });
  afterAll(() => copy.remove());

  it('gives every HSA approval, entry into force and evaluation; every delingsaftale draft, agreement, Delingsråd and entry into force; the case its meeting', () => {
    const count = (kind: string) => deadlines.filter((d) => d.doc.kind === kind).length;
    expect(count('hsa')).toBe(24 * 3);
    expect(count('delingsaftale')).toBe(8 * 4);
    expect(count('sag')).toBe(1);
    const h = 'hsa-holbaek-akutsygepleje';
    expect(byKey(deadlines, `${h}/hsa-godkendelse`)).toMatchObject({
      dato: '2026-04-01',
      done: null,
      missing: 'regionsrådets og kommunalbestyrelsens godkendelse',
      kommuner: ['316'],
    });
    expect(byKey(deadlines, `${h}/ikrafttraeden`)).toMatchObject({ dato: '2027-01-01', done: undefined });
    expect(byKey(deadlines, `${h}/hsa-evaluering`)).toMatchObject({ dato: '2028-12-31', done: undefined });
    const d = 'delingsaftale-holbaek';
    expect(byKey(deadlines, `${d}/delingsaftale-udkast`)).toMatchObject({ dato: '2026-05-01', done: null });
    expect(byKey(deadlines, `${d}/delingsaftale-indgaaelse`)).toMatchObject({ dato: '2026-07-01', done: null });
    expect(byKey(deadlines, `${d}/delingsraad-afgoerelse`)).toMatchObject({ dato: '2026-10-01', done: null });
    const sag = byKey(deadlines, 'sag-emn-2025-10366/hsa-godkendelse');
    expect(sag.kommuner).toHaveLength(8);
    expect(deadlines.map((x) => x.dato)).toEqual([...deadlines.map((x) => x.dato)].sort());
  });

  it('takes the legal source from the frist calendar', () => {
    const f = repo.frist('hsa-godkendelse')!;
    expect(byKey(deadlines, 'hsa-holbaek-akutsygepleje/hsa-godkendelse').kilde).toEqual(f.kilde);
  });

  it('is overdue from the day after the deadline, until the step is recorded', () => {
    const approval = byKey(deadlines, 'hsa-holbaek-akutsygepleje/hsa-godkendelse');
    expect(deadlineState(approval, '2026-04-01')).toBe('aaben');
    expect(deadlineState(approval, '2026-04-02')).toBe('overskredet');
    expect(deadlineState(byKey(deadlines, 'hsa-holbaek-akutsygepleje/ikrafttraeden'), '2027-01-02')).toBe('passeret');
  });

  it('counts a step as done once the data records it, and drops the Delingsråd once the parties agreed', async () => {
    const other = new RepoCopy();
    try {
      const hsa = 'agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-akutsygepleje.yaml';
      other.replace(hsa, 'regionsraad: null', 'regionsraad: 2026-03-17');
      const deling = 'agreements/midt-og-vestsjaelland/holbaek/delingsaftale-holbaek.yaml';
      other.replace(deling, 'udkast_fremsendt: null', 'udkast_fremsendt: 2026-04-20');
      other.replace(deling, 'aftalt: null', 'aftalt: 2026-06-15');
      let list = documentDeadlines(await repoOf(other.root));
      expect(byKey(list, 'hsa-holbaek-akutsygepleje/hsa-godkendelse')).toMatchObject({ done: null, missing: 'kommunalbestyrelsens godkendelse' });
      expect(byKey(list, 'delingsaftale-holbaek/delingsaftale-indgaaelse').done).toBe('2026-06-15');
      expect(list.find((x) => x.key === 'delingsaftale-holbaek/delingsraad-afgoerelse')).toBeUndefined();
      other.replace(hsa, 'kommunalbestyrelse: null', 'kommunalbestyrelse: 2026-03-26');
      list = documentDeadlines(await repoOf(other.root));
      const approval = byKey(list, 'hsa-holbaek-akutsygepleje/hsa-godkendelse');
      expect(approval.done).toBe('2026-03-26');
      expect(deadlineState(approval, '2026-05-01')).toBe('opfyldt');
      expect(approval.late).toBeUndefined();
    } finally {
      other.remove();
    }
  });

  it('keeps a step done after its frist visible as late, with the begrundelse the data gives (reality over plan)', async () => {
    const other = new RepoCopy();
    try {
      const hsa = 'agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-akutsygepleje.yaml';
      other.replace(hsa, 'regionsraad: null', 'regionsraad: 2026-04-20');
      other.replace(hsa, 'kommunalbestyrelse: null', 'kommunalbestyrelse: 2026-03-26');
      const late = async () => byKey(documentDeadlines(await repoFrom(other.root)), 'hsa-holbaek-akutsygepleje/hsa-godkendelse');
      expect(await late()).toMatchObject({ done: '2026-04-20', late: { begrundelser: [] } });
      other.write(hsa, `${other.read(hsa)}forsinkelser:\n  godkendelser.regionsraad: Mødet blev flyttet.\n`);
      expect(await late()).toMatchObject({ done: '2026-04-20', late: { begrundelser: ['Mødet blev flyttet.'] } });
      const run = await runInProcess('frister', ['--root', other.root, '--today', '2026-05-01'], { SOURCE_DATE_EPOCH: EPOCH });
      expect(run.code, run.stderr).toBe(0);
      const ics = readFileSync(other.path('out/frister.ics'), 'utf8').replace(/\r\n /g, '');
      expect(ics).toContain('SUMMARY:✔ efter fristen: Holbæk – Samarbejdsaftale om akutsygepleje:');
      expect(ics).toContain('Status: Opfyldt 20. april 2026\\, efter fristen (begrundet: Mødet blev flyttet.)');
    } finally {
      other.remove();
    }
  });
});

async function repoFrom(root: string): Promise<Repository> {
  return (await checkRepository(root, { today: '2026-05-01' })).repo;
}

describe('npm run frister', () => {
  const copy = new RepoCopy();
  afterAll(() => copy.remove());
  const ics = () => readFileSync(copy.path('out/frister.ics'), 'utf8');

  it('writes out/frister.ics holding every deadline of every document, which ical.js parses', async () => {
    const r = runCli('frister', ['--root', copy.root, '--today', '2026-04-10'], { SOURCE_DATE_EPOCH: EPOCH }); // as a user runs it; the other runs below are in-process
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const repo = await repoOf(copy.root);
    const expected = documentDeadlines(repo);
    expect(r.stdout).toContain(`Kalender: out/frister.ics (${expected.length} frister)`);

    const calendar = ICAL.Component.fromString(ics());
    const events = calendar.getAllSubcomponents('vevent').map((v) => ({ v, e: new ICAL.Event(v) }));
    expect(events).toHaveLength(expected.length);
    expect(new Set(events.map(({ e }) => e.uid)).size).toBe(events.length);
    const byUid = new Map(events.map((x) => [x.e.uid, x]));
    for (const d of expected) {
      const found = byUid.get(eventUid(d));
      expect(found, d.key).toBeDefined();
      const { v, e } = found!;
      expect(e.startDate.isDate, d.key).toBe(true);
      expect(e.startDate.toString(), d.key).toBe(d.dato);
      expect(e.endDate.toString(), d.key).toBe(new Date(Date.parse(`${d.dato}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10));
      expect(e.description, d.key).toContain(`(${d.doc.data.id})`);
      expect(e.description, d.key).toContain(`Kilde: ${d.kilde.dokument}, ${d.kilde.afsnit}`);
      for (const k of d.kommuner) expect(e.description, d.key).toContain(`${repo.kommune(k)!.navn} (${k})`);
      expect(v.getFirstPropertyValue('dtstamp')!.toString()).toBe('2026-02-24T00:00:00Z');
    }
  });

  it('is valid RFC 5545 text: CRLF line ends, lines of at most 75 octets', () => {
    const text = ics();
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(readdirSync(copy.path('out')).filter((f) => f !== 'frister.ics')).toEqual([]); // no temp files left
  });

  it('gives the same bytes on another day and a stable UID per (document, deadline), so re-import updates', async () => {
    const before = ics();
    await runInProcess('frister', ['--root', copy.root, '--today', '2026-08-01'], { SOURCE_DATE_EPOCH: EPOCH });
    expect(ics()).toBe(before);
    copy.replace('agreements/midt-og-vestsjaelland/holbaek/delingsaftale-holbaek.yaml', 'udkast_fremsendt: null', 'udkast_fremsendt: 2026-04-20');
    await runInProcess('frister', ['--root', copy.root, '--today', '2026-08-01'], { SOURCE_DATE_EPOCH: EPOCH });
    const uids = (t: string) => [...t.matchAll(/^UID:(.+)\r$/gm)].map((m) => m[1]);
    expect(uids(ics())).toEqual(uids(before));
    expect(ics()).toContain('SUMMARY:✔ Holbæk – Delingsaftale: Kommunalbestyrelsen sender udkast');
  });

  it('dates the calendar from the data, never the clock, without SOURCE_DATE_EPOCH', async () => {
    const r = await runInProcess('frister', ['--root', copy.root, '--today', '2026-04-10'], { SOURCE_DATE_EPOCH: '' });
    expect(r.code).toBe(0);
    // The latest date recorded in any document (the case's Regionsråd meeting, 17 March 2026;
    // the udkast recorded above is later).
    expect(ics()).toMatch(/^DTSTAMP:20260420T000000Z\r$/m);
  });

  it('prints, per kommune, the overdue deadlines and the next one of each document', async () => {
    const r = await runInProcess('frister', ['--root', copy.root, '--today', '2026-04-10', '--kommune', 'kalundborg', '--no-calendar']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Frister pr\. 10\. april 2026\n/);
    expect(r.stdout).toContain('Kalundborg Kommune (326)');
    expect(r.stdout).not.toContain('Holbæk Kommune (316)');
    expect(r.stdout).toMatch(/Overskredet:\n\s+1\. april 2026\s+Samarbejdsaftale om akutsygepleje: mangler regionsrådets og kommunalbestyrelsens godkendelse/);
    expect(r.stdout).toMatch(/Næste:\n\s+1\. maj 2026\s+Delingsaftale: Kommunalbestyrelsen sender udkast/);
    expect(r.stdout).toMatch(/⚠ 4 overskredne frister · næste frist 1\. maj 2026\n$/);
    const early = await runInProcess('frister', ['--root', copy.root, '--today', '2026-03-20', '--kommune', '326', '--no-calendar']);
    expect(early.stdout).not.toContain('Overskredet:');
    expect(early.stdout).toMatch(/✔ 0 overskredne frister · næste frist 1\. april 2026/);
  });

  it('shows help, and exits 2 on a kommune it does not know', async () => {
    const help = await runInProcess('frister', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Brug: npm run frister');
    const r = await runInProcess('frister', ['--root', copy.root, '--kommune', 'kalundborgg', '--no-calendar']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Ukendt kommune »kalundborgg« – mente du »326« \(Kalundborg Kommune\)\?/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it('stops with exit 1 and the errors when the data has errors', () => {
    const broken = new RepoCopy();
    try {
      broken.replace('agreements/midt-og-vestsjaelland/lejre/hsa-lejre-akutsygepleje.yaml', 'status: udkast', 'status: kladde');
      const r = runCli('frister', ['--root', broken.root]); // exit 1 from a real process
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/kladde/);
      expect(r.stdout).toContain('Fristerne vises ikke: ret fejlene ovenfor');
    } finally {
      broken.remove();
    }
  });
});
