/**
 * `npm run diff` as a reviewer needs it on a pull request (issue 19): a change that breaks a rule
 * is still rendered and compared, with the new revision's findings above the report and exit 1;
 * each revision's .aftalerrc.json applies; a template change is shown once with the documents it
 * touches.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STACK_TRACE } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { runCliAsync } from './run-cli-async.ts';
import { FILES, ScratchRepo } from './scratch-repo.ts';

interface Json {
  changed: Array<{ id: string; fields: Array<{ path: string }> }>;
  findings: {
    list: Array<{ file: string; line: number; severity: string; rule: string; changed: boolean }>;
    errors: number;
    warnings: number;
    warningsElsewhere: number;
  };
  sameChanges: Array<{ ids: string[] }>;
}

// Fixed, so the overdue warnings (forsinket/…) do not depend on the day the test runs.
const TODAY = '2026-12-03';
const IKRAFT = 'frist/hsa-ikrafttraeden';

describe('npm run diff on a change that breaks a rule', () => {
  let repo: ScratchRepo;
  let outside: string;
  const diff = (...args: string[]) => runInProcess('diff', ['--root', repo.root, '--today', TODAY, ...args]);
  const breakIkrafttraeden = () => repo.replace(FILES.hsaHolbaek, 'ikrafttraeden: 2027-01-01', 'ikrafttraeden: 2027-02-01');

  beforeAll(() => {
    repo = new ScratchRepo();
    outside = mkdtempSync(path.join(tmpdir(), 'aftaler-review-'));
  });
  afterEach(() => {
    repo.git('checkout', '-q', 'main');
    repo.reset();
  });
  afterAll(() => {
    repo.remove();
    rmSync(outside, { recursive: true, force: true });
  });

  it('renders the redline anyway, puts the findings above it and exits 1', async () => {
    breakIkrafttraeden();
    // As users run it: a real process, the report on stdout, the findings on stderr.
    const r = await runCliAsync('diff', ['--root', repo.root, '--today', TODAY, '--pdf', path.join(outside, 'pdf')]);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.code).toBe(1);

    // The report: the finding first, then the change itself.
    const findingAt = r.stdout.indexOf(`\`${FILES.hsaHolbaek}:75:16\` **fejl** \`${IKRAFT}\` Aftalen træder i kraft 1. februar 2027`);
    const changeAt = r.stdout.indexOf('<li><code>ikrafttraeden</code>: <del>2027-01-01</del> → <ins>2027-02-01</ins></li>');
    expect(r.stdout).toContain('### ✖ Den nye revision har 1 fejl');
    expect(findingAt).toBeGreaterThan(0);
    expect(changeAt).toBeGreaterThan(findingAt);
    expect(r.stdout).toContain('den 1. <del>januar</del> <ins>februar</ins> 2027');
    // Warnings in files the change does not touch are counted, not listed.
    expect(r.stdout).toMatch(/\n\d+ advarsler i filer, som ændringen ikke rører, er ikke vist her/);
    const listed = [...r.stdout.matchAll(/^- `([^:`]+):\d+:\d+`/gm)].map((m) => m[1]);
    expect(new Set(listed)).toEqual(new Set([FILES.hsaHolbaek]));

    // stderr: the findings as check prints them, then why the exit code is 1.
    expect(r.stderr).toMatch(new RegExp(`^${FILES.hsaHolbaek}:75:16 +fejl +${IKRAFT} +Aftalen træder i kraft 1\\. februar 2027`, 'm'));
    expect(r.stderr).toContain('diff: arbejdskopien har 1 fejl; rapporten er dannet alligevel.');
    // The redline PDF too: the reviewer reads the change, whatever the rules say.
    expect(readdirSync(path.join(outside, 'pdf'))).toEqual(['hsa-holbaek-akutsygepleje-aendringer.pdf']);
  });

  it('gives the findings to tools in the JSON, marked by whether the change touched their file', async () => {
    breakIkrafttraeden();
    const r = await diff('--format', 'json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.changed.map((d) => d.id)).toEqual(['hsa-holbaek-akutsygepleje']);
    expect(json.findings.errors).toBe(1);
    expect(json.findings.list.find((f) => f.rule === IKRAFT)).toMatchObject({ file: FILES.hsaHolbaek, line: 75, severity: 'error', changed: true });
    // Everything listed concerns the change or is an error; the rest is counted.
    for (const f of json.findings.list) expect(f.changed || f.severity === 'error').toBe(true);
    expect(json.findings.warningsElsewhere).toBe(json.findings.warnings - json.findings.list.filter((f) => f.severity === 'warning').length);
    expect(json.findings.warningsElsewhere).toBeGreaterThan(0);
  });

  it('lists errors in files the change did not touch, as they block the build', async () => {
    // Renaming an HSA's opgave breaks the sag's bilag titles and coverage: errors in another file.
    repo.replace(FILES.hsaHolbaek, 'opgave: akutsygepleje', 'opgave: ukendt-opgave');
    const r = await diff();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`\`${FILES.hsaHolbaek}:21:9\` **fejl** \`ref/ukendt-opgave\``);
    expect(r.stdout).toMatch(new RegExp(`^- \`${FILES.sag}:\\d+:\\d+\` \\*\\*fejl\\*\\* \`daekning/hsa\``, 'm'));
    expect(r.stdout).toContain('<code>hsa-holbaek-akutsygepleje</code>');
  });

  it('applies .aftalerrc.json: of the working tree, and of each committed revision its own', async () => {
    // The working tree's configuration makes the rule a warning: no error, exit 0.
    writeFileSync(repo.path('.aftalerrc.json'), JSON.stringify({ rules: { [IKRAFT]: 'warning' } }));
    breakIkrafttraeden();
    let r = await diff();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`**advarsel** \`${IKRAFT}\``);
    expect(r.stdout).not.toContain('Den nye revision har');

    // Committed on a branch: `diff main HEAD` reads the configuration from HEAD's tree.
    repo.git('checkout', '-q', '-b', 'regel-slaaet-fra');
    writeFileSync(repo.path('.aftalerrc.json'), JSON.stringify({ rules: { [IKRAFT]: 'off' } }));
    repo.commitAll('Ikrafttræden 1. februar, reglen slået fra');
    r = await diff('main', 'HEAD', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.findings.list.map((f) => f.rule)).not.toContain(IKRAFT);
    expect(json.changed.map((d) => d.id)).toEqual(['hsa-holbaek-akutsygepleje']);

    // Without the configuration the same commit has the error.
    repo.git('rm', '-q', '.aftalerrc.json');
    repo.commitAll('Konfigurationen fjernet');
    r = await diff('main', 'HEAD', '--format', 'json');
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as Json).findings.list.map((f) => f.rule)).toContain(IKRAFT);
  });

  it('still refuses, with the errors, a revision that cannot be rendered at all', async () => {
    writeFileSync(repo.path('.aftalerrc.json'), '{"rules": {"frist/hsa-ikrafttraeden": "måske"}}');
    const r = await diff();
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^diff: arbejdskopien kan ikke dannes:\n\n/m); // after any progress lines (a slow machine)
    expect(r.stderr).toContain('måske');
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('npm run diff on a template change', () => {
  let repo: ScratchRepo;
  const diff = (...args: string[]) => runInProcess('diff', ['--root', repo.root, '--today', TODAY, ...args]);

  beforeAll(() => {
    repo = new ScratchRepo();
  });
  afterAll(() => repo.remove());

  it('shows the change once with the documents it touches; a document with its own change stays apart', async () => {
    // A sentence in the HSA template, and one that names the kommune (so each document differs by its name).
    repo.replace(FILES.hsaTemplate, 'driver kommunen opgaven under', 'driver kommunen opgaven på regionens vegne og under');
    repo.replace(FILES.hsaTemplate, '### Kommunens bidrag', '### Kommunens bidrag i {{t kommune.navn}}');
    repo.replace(FILES.hsaLejre, '  aarligt_beloeb_kr: null', '  aarligt_beloeb_kr: 1234567');
    const json = JSON.parse((await diff('--format', 'json')).stdout) as Json;
    const hsas = json.changed.filter((d) => d.id.startsWith('hsa-'));
    expect(hsas.length).toBeGreaterThan(10); // every HSA in the data
    expect(json.sameChanges).toHaveLength(1);
    expect(json.sameChanges[0]!.ids).toEqual(hsas.map((d) => d.id).filter((id) => id !== 'hsa-lejre-akutsygepleje'));

    const r = await diff();
    expect(r.code).toBe(0);
    const group = hsas.length - 1;
    // One section and one table row for the template change, with the list of documents.
    expect(r.stdout.match(/<b>Samme ændring i \d+ dokumenter<\/b>/g)).toEqual([`<b>Samme ændring i ${group} dokumenter</b>`]);
    expect(r.stdout.match(/^\| ændret \| samme ændring i \d+ dokumenter/gm)).toHaveLength(1);
    for (const id of json.sameChanges[0]!.ids)
      expect(r.stdout).toMatch(new RegExp(`<li>Udkast til horisontal samarbejdsaftale [^<]+ · <code>${id}</code></li>`));
    expect(r.stdout.match(/<li>[^<]+ · <code>hsa-[a-z-]+<\/code><\/li>/g)).toHaveLength(group);
    expect(r.stdout.match(/<ins>på regionens vegne og <\/ins>/g)).toHaveLength(2); // the group's example, and Lejre's own section
    // Lejre has its own field change: its own section, with the template change in it too.
    expect(r.stdout).toContain('<b>Ændret:</b> Udkast til horisontal samarbejdsaftale for akutsygepleje Lejre Kommune');
    expect(r.stdout).toContain('<code>finansiering.aarligt_beloeb_kr</code>');
  });
});
