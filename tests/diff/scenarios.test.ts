/**
 * The acceptance scenarios, run in-process against a scratch git repository: every
 * change must appear exactly (fields and words), and nothing else may be reported.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stripClauseNumber } from '../../scripts/diff/clauses.ts';
import { onlyRenumbered, reportMarkdown } from '../../scripts/diff/report-markdown.ts';
import { runDiff } from '../../scripts/diff/run.ts';
import { changedClauses, type ChangedDocument, type DiffResult } from '../../scripts/diff/types.ts';
import { FILES, ScratchRepo } from './scratch-repo.ts';

const TODAY = '2026-01-15';
const ALL_KOMMUNER = [
  'Holbæk Kommune',
  'Kalundborg Kommune',
  'Lejre Kommune',
  'Næstved Kommune',
  'Odsherred Kommune',
  'Ringsted Kommune',
  'Slagelse Kommune',
  'Sorø Kommune',
];

/** The changed clauses of a document in a form an assertion can state in full. */
const clausesOf = (d: ChangedDocument) =>
  changedClauses(d).map((c) => ({ status: c.status, before: c.before, after: c.after, inserted: c.inserted, deleted: c.deleted }));

const only = (r: DiffResult) => {
  expect(r.added).toEqual([]);
  expect(r.removed).toEqual([]);
  expect(r.changed).toHaveLength(1);
  return r.changed[0]!;
};

describe('npm run diff: what a change does to the agreements', () => {
  let repo: ScratchRepo;
  const diff = (options: { base?: string; head?: string } = {}) => runDiff({ root: repo.root, today: TODAY, ...options });

  beforeAll(() => {
    repo = new ScratchRepo();
  });
  afterEach(() => {
    repo.git('checkout', '-q', 'main');
    repo.reset();
  });
  afterAll(() => repo.remove());

  it('reports a changed approval date as exactly one field and one replaced phrase', async () => {
    repo.replace(FILES.hsaHolbaek, '  regionsraad: null', '  regionsraad: 2026-03-17');
    const r = await diff();
    expect(r.base.description).toBe('merge-base med main');
    expect(r.head.label).toBe('arbejdskopi');
    const d = only(r);
    expect(d.id).toBe('hsa-holbaek-akutsygepleje');
    expect(d.kommuner).toEqual([{ kode: '316', navn: 'Holbæk Kommune' }]);
    expect(d.fields).toEqual([{ path: 'godkendelser.regionsraad', change: 'changed', before: null, after: '2026-03-17' }]);
    expect(clausesOf(d)).toEqual([
      {
        status: 'changed',
        before: '§ 16. Ikrafttræden og godkendelse',
        after: '§ 16. Ikrafttræden og godkendelse',
        inserted: ['17. marts 2026'],
        deleted: ['(ikke fastsat)'],
      },
    ]);
    expect(r.kommuner).toEqual([{ kode: '316', navn: 'Holbæk Kommune' }]);
    expect(r.templates).toEqual([]);
    expect(r.reference).toEqual([]);

    const report = reportMarkdown(r);
    expect(report).toContain('<li><code>godkendelser.regionsraad</code>: <del>null</del> → <ins>2026-03-17</ins></li>');
    expect(report).toContain('<tr><td>Regionsrådet</td><td><del>(ikke fastsat)</del> <ins>17. marts 2026</ins></td></tr>');
    expect(report.match(/<details>/g)).toHaveLength(1);
    expect(report.match(/<\/details>/g)).toHaveLength(1);
  });

  it('reports a new amount in Danish format, with the sentence around it unchanged', async () => {
    repo.replace(FILES.hsaLejre, '  aarligt_beloeb_kr: null', '  aarligt_beloeb_kr: 1234567');
    const d = only(await diff());
    expect(d.id).toBe('hsa-lejre-akutsygepleje');
    expect(d.fields).toEqual([{ path: 'finansiering.aarligt_beloeb_kr', change: 'changed', before: null, after: 1234567 }]);
    expect(clausesOf(d)).toEqual([
      { status: 'changed', before: '§ 7. Økonomi og afregning', after: '§ 7. Økonomi og afregning', inserted: ['1.234.567 kr.'], deleted: ['(ikke fastsat)'] },
    ]);
    const line = changedClauses(d)[0]!.lines.find((l) => l.status === 'changed')!;
    expect(line.cells[0]!.filter((p) => p.op === 'equal').map((p) => p.text)).toEqual(['Årligt beløb: ']);
  });

  it('shows a clause added to the HSA template in all 24 HSAs, with later clauses renumbered and no changed fields', async () => {
    repo.replace(FILES.hsaTemplate, '{{> frister}}', '## Voldgift\n\nUenighed om aftalen afgøres ved voldgift.\n\n{{> frister}}');
    const r = await diff();
    expect(r.added).toEqual([]);
    expect(r.removed).toEqual([]);
    expect(r.changed).toHaveLength(24);
    expect(r.changed.every((d) => d.kind === 'hsa')).toBe(true);
    expect(r.templates).toEqual(['templates/hsa.md.hbs']);
    expect(r.kommuner.map((k) => k.navn)).toEqual(ALL_KOMMUNER);
    const changes = r.changed.map((d) => {
      expect(d.fields, d.id).toEqual([]);
      const clauses = changedClauses(d);
      // Everything but the new clause is a renumbering: »§ 18. Frister« → »§ 19. Frister«.
      for (const c of clauses.filter(onlyRenumbered)) expect(stripClauseNumber(c.before!)).toBe(stripClauseNumber(c.after!));
      expect(
        clauses.filter(onlyRenumbered).map((c) => stripClauseNumber(c.after!)),
        d.id,
      ).toEqual(['Frister', 'Underskrifter']);
      return clauses
        .filter((c) => !onlyRenumbered(c))
        .map((c) => ({ status: c.status, heading: stripClauseNumber(c.after ?? ''), inserted: c.inserted, deleted: c.deleted }));
    });
    const expected = [{ status: 'inserted', heading: 'Voldgift', inserted: ['Uenighed om aftalen afgøres ved voldgift.'], deleted: [] }];
    for (const c of changes) expect(c).toEqual(expected);
  });

  it('reports a bilag removed from the case as one removed entry and one deleted line', async () => {
    repo.git('checkout', '-q', '-b', 'med-tidsplan');
    repo.append(FILES.sag, '  - eksternt:\n      titel: Tidsplan for indgåelse af delingsaftaler\n      dokid: "12721699"\n');
    repo.commitAll('Bilag 5: tidsplan');
    repo.replace(FILES.sag, '  - eksternt:\n      titel: Tidsplan for indgåelse af delingsaftaler\n      dokid: "12721699"\n', '');
    const r = await diff({ base: 'med-tidsplan' });
    expect(r.base.description).toBe('med-tidsplan');
    const d = only(r);
    expect(d.id).toBe('sag-emn-2025-10366');
    expect(d.fields).toEqual([
      { path: 'bilag[25]', change: 'removed', before: { eksternt: { titel: 'Tidsplan for indgåelse af delingsaftaler', dokid: '12721699' } } },
    ]);
    expect(clausesOf(d)).toEqual([
      {
        status: 'changed',
        before: 'Bilag',
        after: 'Bilag',
        inserted: [],
        deleted: ['Bilag 5_Tidsplan for indgåelse af delingsaftaler (DokID: 12721699 - EMN-2025-10366)'],
      },
    ]);
    expect(r.kommuner.map((k) => k.navn)).toEqual(ALL_KOMMUNER); // a case concerns its sundhedsråd's kommuner
    repo.git('checkout', '-q', '--', '.');
    repo.git('checkout', '-q', 'main');
    repo.git('branch', '-q', '-D', 'med-tidsplan');
  });

  it('matches renumbered bilag lines to themselves when a bilag in the middle of a group is removed', async () => {
    // Generated titles only: a registered title keeps its number (the case registered it so),
    // and one that no longer matches its place is refused by the check.
    repo.git('checkout', '-q', '-b', 'genereret');
    writeFileSync(repo.path(FILES.sag), repo.read(FILES.sag).replace(/^ {4}registreret_titel: .*\n/gm, ''));
    repo.commitAll('Dannede bilagstitler');
    // Base: Holbæk's HSA for sundheds- og omsorgspladser is attached twice (1a and 1b); head: once.
    repo.git('checkout', '-q', '-b', 'dobbelt');
    repo.replace(
      FILES.sag,
      '  - dokument: hsa-holbaek-sundheds-og-omsorgspladser\n',
      '  - dokument: hsa-holbaek-sundheds-og-omsorgspladser\n    version: 2026-02-24\n  - dokument: hsa-holbaek-sundheds-og-omsorgspladser\n',
    );
    repo.commitAll('Dobbelt bilag');
    repo.git('checkout', '-q', 'main');
    const r = await diff({ base: 'dobbelt', head: 'genereret' });
    const d = only(r);
    expect(d.fields).toEqual([{ path: 'bilag[1]', change: 'removed', before: { dokument: 'hsa-holbaek-sundheds-og-omsorgspladser', version: '2026-02-24' } }]);
    const [bilag] = changedClauses(d);
    // 1a stays, the second Holbæk line goes, and every later line of group 1 loses one letter.
    expect(bilag!.deleted[0]).toMatch(/^Bilag 1b_Udkast .* Holbæk Kommune V20260224/);
    expect(bilag!.deleted.slice(1)).toEqual(['1c_Udkast', '1d_Udkast', '1e_Udkast', '1f_Udkast', '1g_Udkast', '1h_Udkast', '1i_Udkast']);
    expect(bilag!.inserted).toEqual(['1b_Udkast', '1c_Udkast', '1d_Udkast', '1e_Udkast', '1f_Udkast', '1g_Udkast', '1h_Udkast']);
    repo.git('branch', '-q', '-D', 'dobbelt', 'genereret');
  });

  it('reports an added and a removed document with the kommune it concerns', async () => {
    // København: no case decides its models yet, so an anmodning is not against a decision
    // (daekning/anden-driftsmodel refuses one for a pair the case gives another model).
    const file = 'agreements/hovedstaden/koebenhavn/anmodning-koebenhavn-specialiseret-rehabilitering.yaml';
    mkdirSync(path.dirname(repo.path(file)), { recursive: true });
    writeFileSync(
      repo.path(file),
      'dokumenttype: anmodning\nid: anmodning-koebenhavn-specialiseret-rehabilitering\nkommune: "101"\nopgave: specialiseret-rehabilitering\nmeddelt: null\nperiode_start: 2027-01-01\nperiode_slut: 2027-12-31\n',
    );
    const summary = {
      id: 'anmodning-koebenhavn-specialiseret-rehabilitering',
      kind: 'anmodning',
      name: 'Anmodning om fortsat kommunal drift af specialiseret rehabilitering og dele af den avancerede genoptræning Københavns Kommune',
      file,
      kommuner: [{ kode: '101', navn: 'Københavns Kommune' }],
    };
    const added = await diff(); // an untracked file is part of the working tree
    expect(added.added).toEqual([summary]);
    expect(added.removed).toEqual([]);
    expect(added.changed).toEqual([]);
    expect(added.kommuner).toEqual([{ kode: '101', navn: 'Københavns Kommune' }]);
    expect(reportMarkdown(added)).toContain(
      '| tilføjet | Anmodning om fortsat kommunal drift af specialiseret rehabilitering og dele af den avancerede genoptræning Københavns Kommune | Københavns Kommune | | |',
    );

    repo.git('checkout', '-q', '-b', 'med-anmodning');
    repo.commitAll('Anmodning');
    const removed = await diff({ base: 'med-anmodning', head: 'main' });
    expect(removed.removed).toEqual([summary]);
    expect(removed.added).toEqual([]);
    expect(removed.changed).toEqual([]);
    repo.git('checkout', '-q', 'main');
    repo.git('branch', '-q', '-D', 'med-anmodning');
  });

  it('compares two commits when both are given, ignoring the working tree', async () => {
    repo.git('checkout', '-q', '-b', 'feature');
    repo.replace(FILES.hsaLejre, '  aarligt_beloeb_kr: null', '  aarligt_beloeb_kr: 1234567');
    const feature = repo.commitAll('Beløb for Lejre');
    repo.replace(FILES.hsaHolbaek, '  regionsraad: null', '  regionsraad: 2026-03-17'); // not committed
    const r = await diff({ base: 'main', head: 'feature' });
    expect(r.head.sha).toBe(feature);
    expect(r.head.label).toBe(feature.slice(0, r.head.label.length));
    expect(r.changed.map((d) => d.id)).toEqual(['hsa-lejre-akutsygepleje']);
    // Without arguments: from the merge-base with main to the working tree, so both changes.
    const both = await diff();
    expect(both.changed.map((d) => d.id)).toEqual(['hsa-holbaek-akutsygepleje', 'hsa-lejre-akutsygepleje']);
    repo.git('checkout', '-q', '--', '.');
    repo.git('checkout', '-q', 'main');
    repo.git('branch', '-q', '-D', 'feature');
  });

  it('reports nothing for a change that does not reach any document (a YAML comment)', async () => {
    repo.replace(FILES.hsaHolbaek, '# Ikke oplyst i kilderne.', '# Endnu ikke oplyst i kilderne.');
    const r = await diff();
    expect(r.changed).toEqual([]);
    expect(reportMarkdown(r)).toContain('Ingen dokumenter er ændret.');
  });

  it('keeps data text from breaking the report', async () => {
    // Mid-sentence: raw HTML at the start of a Markdown field trips the renderer (see the report).
    repo.replace(
      FILES.hsaHolbaek,
      '  Regionen og Holbæk Kommune har det fælles mål',
      '  Regionen og Holbæk Kommune </details> <script>alert(1)</script> | x | **fed** har det fælles mål',
    );
    const report = reportMarkdown(await diff());
    expect(report).not.toContain('<script>');
    // The field as written (Markdown source), and the text as rendered (**fed** is bold, i.e. »fed«).
    expect(report).toContain(
      '<li><code>formaal</code>: Regionen og Holbæk Kommune <ins>&lt;/details&gt; &lt;script&gt;alert(1)&lt;/script&gt; | x | **fed** </ins>har det fælles mål',
    );
    expect(report).toContain('<p>Regionen og Holbæk Kommune <ins>&lt;/details&gt; &lt;script&gt;alert(1)&lt;/script&gt; | x | fed </ins>har det fælles mål');
    expect(report.match(/<details>/g)).toHaveLength(1);
    expect(report.match(/<\/details>/g)).toHaveLength(1);
    // Inside the HTML block a blank line would hand the rest back to Markdown: there is none.
    const section = report.slice(report.indexOf('<details>'), report.indexOf('</details>'));
    expect(section).not.toMatch(/\n\s*\n/);
  });
});

describe('npm run diff without a main branch', () => {
  let origin: ScratchRepo;
  let clone: ScratchRepo;
  beforeAll(() => {
    origin = new ScratchRepo();
    clone = origin.clone();
    clone.git('checkout', '-q', '-b', 'trunk');
    clone.git('branch', '-q', '-D', 'main');
    clone.replace(FILES.hsaHolbaek, '  regionsraad: null', '  regionsraad: 2026-03-17');
  });
  afterAll(() => {
    origin.remove();
    clone.remove();
  });

  it('uses origin/main and says so, then HEAD when there is no origin/main either', async () => {
    const notes: string[] = [];
    const r = await runDiff({ root: clone.root, today: TODAY, onNote: (n) => notes.push(n) });
    expect(notes).toEqual(['der er ingen lokal gren »main«; bruger origin/main']);
    expect(r.base.description).toBe('merge-base med origin/main');
    expect(r.changed.map((d) => d.id)).toEqual(['hsa-holbaek-akutsygepleje']);

    clone.git('update-ref', '-d', 'refs/remotes/origin/main');
    notes.length = 0;
    const again = await runDiff({ root: clone.root, today: TODAY, onNote: (n) => notes.push(n) });
    expect(notes).toEqual(['der er ingen gren »main« (heller ikke origin/main); sammenligner med HEAD, så kun ændringer, der ikke er committet, vises']);
    expect(again.base.description).toBe('HEAD');
    expect(again.changed.map((d) => d.id)).toEqual(['hsa-holbaek-akutsygepleje']);
  });
});
