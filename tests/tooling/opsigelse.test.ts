import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { fristerIcs } from '../../scripts/emit/frister-calendar.ts';
import { deadlineState, documentDeadlines, type DocumentDeadline } from '../../scripts/kinds/index.ts';
import type { Repository } from '../../scripts/model/repository.ts';
import type { SourceDocument } from '../../scripts/model/source-document.ts';
import { renderDocument } from '../../scripts/render/render-document.ts';
import { loadTemplates } from '../../scripts/render/templates.ts';
import { fristerReport } from '../../scripts/tooling/frister-report.ts';
import { statusMarkdown } from '../../scripts/tooling/status-markdown.ts';
import { statusMatrix } from '../../scripts/tooling/status-matrix.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { REPO_ROOT, RepoCopy } from '../helpers/repo.ts';

/**
 * A termination end to end, on a copy of the shipped data (which records none): `npm run new --
 * opsigelse` edits the HSA's file, the check accepts it, and the deadlines, the calendar and the
 * status overview follow from the one end date (notice 15 March 2027 + 9 months = 15 December 2027).
 */
const TODAY = '2026-03-20';
const ID = 'hsa-holbaek-akutsygepleje';
const FILE = 'agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-akutsygepleje.yaml';
const DELING = 'agreements/midt-og-vestsjaelland/holbaek/delingsaftale-holbaek.yaml';
const EPOCH = '1771891200';

const byKey = (list: DocumentDeadline[], key: string) => list.find((d) => d.key === key);

describe('opsigelse: recording a termination and what follows from it', () => {
  const copy = new RepoCopy();
  let before: string;
  let repo: Repository;
  const run = (...args: string[]) => runInProcess('new', ['--root', copy.root, '--today', TODAY, 'opsigelse', ...args]);

  beforeAll(async () => {
    before = copy.read(FILE);
    const r = await run('--dokument', ID, '--dato', '2027-03-15', '--part', 'kommune');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Opsagt af kommunen den 15. marts 2027 med ophør den 15. december 2027');
    expect(r.stdout).toContain('Aftalen gælder til og med 14. december 2027');
    repo = (await checkRepository(copy.root, { today: TODAY })).repo;
  });
  afterAll(() => copy.remove());

  it('sets status opsagt and adds opsigelse.meddelt, keeping the rest of the file byte for byte', () => {
    const expected = before
      .replace('\nstatus: udkast\n', '\nstatus: opsagt\n')
      .replace('opsigelse:\n  varsel_maaneder: 9\n', 'opsigelse:\n  varsel_maaneder: 9\n  meddelt:\n    dato: 2027-03-15\n    part: kommune\n');
    expect(expected).not.toBe(before);
    expect(copy.read(FILE)).toBe(expected);
  });

  it('leaves a file the check accepts: no error, and a warning that the delingsaftale must take over the drift', async () => {
    const { diagnostics } = await checkRepository(copy.root, { today: TODAY });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const mine = diagnostics.filter((d) => d.file === FILE);
    expect(mine.map((d) => `${d.severity} ${d.rule}`)).toEqual(['warning daekning/efter-opsigelse']);
    // From the end date on it is an error.
    const later = await checkRepository(copy.root, { today: '2027-12-15' });
    expect(later.diagnostics.filter((d) => d.file === FILE && d.rule === 'daekning/efter-opsigelse').map((d) => d.severity)).toEqual(['error']);
  });

  it('refuses a second termination, an unknown id (with a suggestion), a bad date and a bad party, in Danish, leaving the file alone', async () => {
    const edited = copy.read(FILE);
    const again = await run('--dokument', ID, '--dato', '2027-04-01', '--part', 'region');
    expect(again.code).toBe(1);
    expect(again.stdout).toContain(`Ikke opsagt: ${ID} er allerede opsagt af kommunen den 15. marts 2027 med ophør den 15. december 2027`);
    const typo = await run('--dokument', 'hsa-holbaek-akutsygeplje', '--dato', '2027-04-01', '--part', 'region');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(`Ukendt dokument »hsa-holbaek-akutsygeplje« – mente du »${ID}«?`);
    const date = await run('--dokument', 'hsa-lejre-akutsygepleje', '--dato', '2027-02-30', '--part', 'region');
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('--dato skal være en dato på formen ÅÅÅÅ-MM-DD, ikke »2027-02-30«');
    const party = await run('--dokument', 'hsa-lejre-akutsygepleje', '--dato', '2027-02-03', '--part', 'begge');
    expect(party.code).toBe(2);
    expect(party.stderr).toContain('--part skal være region eller kommune');
    const kind = await run('--dokument', 'delingsaftale-lejre', '--dato', '2027-02-03', '--part', 'region');
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('»delingsaftale-lejre« kan ikke opsiges med denne kommando');
    expect(copy.read(FILE)).toBe(edited);
    expect(copy.read('agreements/midt-og-vestsjaelland/lejre/hsa-lejre-akutsygepleje.yaml')).not.toContain('opsagt');
  });

  it('says so in the agreement: its status in the title block and a line in the Opsigelse clause', () => {
    const { markdown } = renderDocument(repo, loadTemplates(REPO_ROOT), repo.byId(ID) as SourceDocument<'hsa'>);
    expect(markdown).toContain('**Status:** Opsagt af kommunen den 15. marts 2027 med ophør den 15. december 2027');
    const clause = markdown.slice(markdown.indexOf('Opsigelse\n'), markdown.indexOf('Mislighold\n'));
    expect(clause).toContain('Aftalen er opsagt af kommunen den 15. marts 2027 med ophør den 15. december 2027.');
  });

  it('gives the agreement an end on the end date, cancels the steps after the notice and keeps the earlier ones', () => {
    const deadlines = documentDeadlines(repo);
    expect(byKey(deadlines, `${ID}/ophoer`)).toMatchObject({ dato: '2027-12-15', label: 'ophør', done: undefined });
    expect(byKey(deadlines, `${ID}/ophoer`)!.cancelled).toBeUndefined();
    expect(byKey(deadlines, `${ID}/hsa-evaluering`)).toMatchObject({ dato: '2028-12-31', cancelled: true });
    expect(deadlineState(byKey(deadlines, `${ID}/hsa-evaluering`)!, TODAY)).toBe('aflyst');
    expect(byKey(deadlines, `${ID}/hsa-godkendelse`)!.cancelled).toBeUndefined();
    expect(byKey(deadlines, `${ID}/ikrafttraeden`)!.cancelled).toBeUndefined();
    // Another kommune's agreement is untouched.
    expect(byKey(deadlines, 'hsa-lejre-akutsygepleje/hsa-evaluering')!.cancelled).toBeUndefined();
  });

  it('puts the end in the calendar and marks the later events STATUS:CANCELLED, the same file whatever the day', () => {
    const text = fristerIcs(repo, { env: { SOURCE_DATE_EPOCH: EPOCH } });
    expect(fristerIcs(repo, { env: { SOURCE_DATE_EPOCH: EPOCH } })).toBe(text);
    const events = ICAL.Component.fromString(text)
      .getAllSubcomponents('vevent')
      .map((v) => ({ uid: String(v.getFirstPropertyValue('uid')), status: v.getFirstPropertyValue('status'), e: new ICAL.Event(v) }));
    const of = (source: string) => events.find((x) => x.uid === `${ID}.${source}@aftaler.invalid`)!;
    const end = of('ophoer');
    expect(end.e.startDate.toString()).toBe('2027-12-15');
    expect(end.e.summary).toBe('Holbæk – Samarbejdsaftale om akutsygepleje: ophører (opsagt af kommunen den 15. marts 2027)');
    expect(end.status).toBeNull();
    expect(of('hsa-evaluering').status).toBe('CANCELLED');
    expect(of('hsa-evaluering').e.description).toContain('Status: Aflyst: aftalen er opsagt af kommunen den 15. marts 2027');
    expect(of('hsa-godkendelse').status).toBeNull();
    expect(of('ikrafttraeden').status).toBeNull();
    expect(events.filter((x) => x.status === 'CANCELLED').map((x) => x.uid)).toEqual([`${ID}.hsa-evaluering@aftaler.invalid`]);
  });

  it('lists the end as the agreement’s next deadline in npm run frister, and the cancelled ones as aflyst only with --all', () => {
    const deadlines = documentDeadlines(repo);
    const report = fristerReport(repo, deadlines, { today: '2027-06-01', kommune: '316' });
    expect(report).toContain('15. december 2027  Samarbejdsaftale om akutsygepleje: ophører (opsagt af kommunen den 15. marts 2027)');
    expect(report).not.toMatch(/31\. december 2028 +Samarbejdsaftale om akutsygepleje/);
    const all = fristerReport(repo, deadlines, { today: '2027-06-01', kommune: '316', all: true });
    expect(all).toMatch(/31\. december 2028 +aflyst +Samarbejdsaftale om akutsygepleje: /);
  });

  describe('status overview', () => {
    const cellOf = (r: Repository, today: string) => {
      const mvs = statusMatrix(r, documentDeadlines(r), today).find((x) => x.raad?.id === 'midt-og-vestsjaelland')!;
      const row = mvs.rows.find((x) => x.kommune.kode === '316')!;
      const md = statusMarkdown(r, [mvs], today).markdown;
      return { cell: row.cells.find((c) => c.opgave.id === 'akutsygepleje')!, row: md.split('\n').find((l) => l.startsWith('| Holbæk (316)'))! };
    };

    it('shows »opsagt pr. …« until the end date', () => {
      const { cell, row } = cellOf(repo, TODAY);
      expect(cell.termination).toMatchObject({ ophoer: '2027-12-15', ended: false, follows: 'regional', covered: false });
      expect(cell.next).toBeUndefined();
      // The decided model as every cell shows it (»(indstillet)« while the regionsråd has not decided), then the termination.
      expect(row).toMatch(
        /\*\*Kommunal drift\*\*( \(indstillet\))? · Samarbejdsaftale: Opsagt, V20260224 · \*\*opsagt pr\. 15\. december 2027\*\* · derefter regional drift \(\*\*Delingsaftale dækker ikke opgaven\*\*\)/,
      );
    });

    it('shows regional drift from the end date on, and whether the delingsaftale covers it', async () => {
      const { cell, row } = cellOf(repo, '2027-12-15');
      expect(cell.termination).toMatchObject({ ended: true, covered: false });
      expect(row).toContain('**Regional drift** efter opsigelse · Samarbejdsaftale opsagt pr. 15. december 2027 · **Delingsaftale dækker ikke opgaven**');
      const other = new RepoCopy();
      try {
        other.write(FILE, copy.read(FILE));
        other.replace(DELING, '  - opgave: akutsygepleje\n    overdragelse: myndighedsansvar\n', '  - opgave: akutsygepleje\n    overdragelse: drift\n');
        const covered = cellOf((await checkRepository(other.root, { today: TODAY })).repo, '2027-12-15');
        expect(covered.cell.termination).toMatchObject({ ended: true, covered: true });
        expect(covered.row).toContain('**Regional drift** efter opsigelse · Samarbejdsaftale opsagt pr. 15. december 2027 · Delingsaftale dækker opgaven');
      } finally {
        other.remove();
      }
    });
  });
});
