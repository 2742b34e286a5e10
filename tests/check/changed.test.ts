/**
 * `check --format github --changed-since REF --summary FILE` on a pull request (issue: the
 * annotations drown the change). GitHub shows 10 warning and 10 error annotations per step, so
 * only the findings that concern the files the pull request changes are annotated, plus errors
 * anywhere (they block); one notice counts the rest, and the job summary lists everything,
 * grouped by file and rule, the changed files first.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, STACK_TRACE } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { RepoCopy } from '../helpers/repo.ts';
import { ScratchRepo } from '../diff/scratch-repo.ts';

const LEJRE = 'agreements/midt-og-vestsjaelland/lejre/hsa-lejre-akutsygepleje.yaml';
const KALUNDBORG = 'agreements/midt-og-vestsjaelland/kalundborg/hsa-kalundborg-sundheds-og-omsorgspladser.yaml';
const HOLBAEK = 'agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-sundheds-og-omsorgspladser.yaml';
const SOROE = 'agreements/midt-og-vestsjaelland/soroe/delingsaftale-soroe.yaml';
// Late enough that every undecided agreement is overdue: forsinket/… warnings in every file.
const TODAY = '2027-06-01';

interface Finding {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  rule: string;
}

describe('check --changed-since on a pull request', () => {
  let repo: ScratchRepo;
  let all: Finding[];

  beforeAll(async () => {
    repo = new ScratchRepo();
    // Already on main: an error in a file the pull request does not touch.
    repo.replace(SOROE, 'vederlagsfri: true', 'vederlagsfri: false');
    repo.commitAll('Fejl på main');
    repo.git('checkout', '-q', '-b', 'aendring');
    // The pull request: an error in one file, a harmless comment in another (whose overdue
    // warning is then the pull request's business, and so is the warning in Holbæk's file
    // about the pladser that points at it).
    repo.replace(LEJRE, 'status: udkast', 'status: kladde');
    repo.append(KALUNDBORG, '# bemærkning\n');
    repo.commitAll('Ændring');
    const json = await runInProcess('check', ['--root', repo.root, '--today', TODAY, '--format', 'json']);
    all = JSON.parse(json.stdout) as Finding[];
  });
  afterAll(() => repo.remove());

  it('annotates the changed files’ findings first, then errors elsewhere; one notice counts the warnings left out', async () => {
    const summary = repo.path('summary.md');
    const r = await runInProcess('check', ['--root', repo.root, '--today', TODAY, '--format', 'github', '--changed-since', 'main', '--summary', summary], {
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(r.code).toBe(1); // the errors still fail the run
    const lines = r.stdout.trimEnd().split('\n');
    const annotations = lines.filter((l) => /^::(error|warning) /.test(l)).map((l) => l.replace(/^::(\w+) file=([^,]+),.*,title=([^:]+)::.*$/, '$1 $2 $3'));
    expect(annotations).toEqual([
      `warning ${HOLBAEK} kapacitet/ukendt`, // in an untouched file, but it points at Kalundborg's
      `warning ${KALUNDBORG} forsinket/hsa-godkendelse`,
      `error ${LEJRE} skema/tilladte-vaerdier`,
      `error ${SOROE} skema/fast-vaerdi`, // untouched, but an error blocks
    ]);
    const warnings = all.filter((f) => f.severity === 'warning').length;
    expect(warnings).toBeGreaterThan(30);
    expect(lines.at(-1)).toBe(`::notice::${warnings - 2} advarsler i filer, som pull requesten ikke ændrer, står i jobbets oversigt`);
    expect(lines).toHaveLength(annotations.length + 1);
  });

  it('appends every finding to the job summary, grouped by file and rule, the changed files first, with counts', async () => {
    const summary = repo.path('summary.md');
    writeFileSync(summary, 'Et tidligere trins oversigt\n');
    const r = await runInProcess('check', ['--root', repo.root, '--today', TODAY, '--format', 'github', '--changed-since', 'main', '--summary', 'summary.md'], {
      INIT_CWD: repo.root,
    });
    expect(r.code).toBe(1);
    // Not the job summary by name: the notice says where the rest is.
    expect(r.stdout).toMatch(/står i summary\.md\n$/);
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('Et tidligere trins oversigt\n## Kontrol af data\n')).toBe(true);
    const errors = all.length - all.filter((f) => f.severity === 'warning').length;
    expect(errors).toBe(2);
    expect(md).toContain(`✖ 2 fejl og ${all.length - 2} advarsler · 36 filer kontrolleret`);
    const changedWarnings = all.filter((f) => f.file === KALUNDBORG && f.severity === 'warning').length;
    expect(md).toContain(`| Filer ændret i denne pull request | 1 | ${changedWarnings} |`);
    expect(md).toContain(`| Andre filer | 1 | ${all.length - 2 - changedWarnings} |`);
    expect(md).toContain(`| I alt | 2 | ${all.length - 2} |`);

    // Changed files in their own section, before the rest.
    const [mine, others] = md.split('### Andre filer\n');
    expect(mine).toContain('### Ændret i denne pull request\n');
    const headings = (part: string) => [...part.matchAll(/^#### `([^`]+)`/gm)].map((m) => m[1]);
    expect(headings(mine!)).toEqual([KALUNDBORG, LEJRE]);
    expect(headings(others!)).toEqual([...new Set(all.map((f) => f.file))].filter((f) => f !== KALUNDBORG && f !== LEJRE).sort());
    expect(others).toMatch(/^#### `agreements\/midt-og-vestsjaelland\/soroe\/delingsaftale-soroe\.yaml` · 1 fejl og \d+ advarsl/m);

    // Every finding, once, as `file:line:col` severity `rule` message; within a file by rule.
    const items = [...md.matchAll(/^- `([^`]+):(\d+):(\d+)` (fejl|advarsel) `([^`]+)` /gm)].map((m) => `${m[1]!}:${m[2]!}:${m[3]!} ${m[4]!} ${m[5]!}`);
    const label = { error: 'fejl', warning: 'advarsel' };
    expect([...items].sort()).toEqual(all.map((f) => `${f.file}:${f.line}:${f.column} ${label[f.severity]} ${f.rule}`).sort());
    for (const file of new Set(all.map((f) => f.file))) {
      const rules = items.filter((i) => i.startsWith(`${file}:`)).map((i) => i.split(' ').at(-1)!);
      expect(rules, file).toEqual([...rules].sort());
    }
  });

  it('without --changed-since annotates everything, as before', async () => {
    const r = await runInProcess('check', ['--root', repo.root, '--today', TODAY, '--format', 'github']);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(all.length);
    expect(r.stdout).not.toContain('::notice::');
  });

  it('without --summary the notice says how to see the rest', async () => {
    const r = await runInProcess('check', ['--root', repo.root, '--today', TODAY, '--format', 'github', '--changed-since', 'main']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\n::notice::\d+ advarsler i filer, som pull requesten ikke ændrer, vises med »npm run check«\n$/);
  });

  it('a summary without a pull request groups by file only', async () => {
    const summary = repo.path('alene.md');
    const r = await runInProcess('check', ['--root', repo.root, '--today', TODAY, '--summary', summary]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^✖ 2 fejl/m); // the text report is unchanged
    const md = readFileSync(summary, 'utf8');
    expect(md).not.toContain('pull request');
    expect([...md.matchAll(/^#### /gm)]).toHaveLength(new Set(all.map((f) => f.file)).size);
  });

  it.each([
    [['--changed-since', 'findes-ikke'], 'check: --changed-since: »findes-ikke« er ikke en kendt gren, et tag eller en commit\n'],
    // Never handed to git as an option.
    [['--changed-since=--output=x'], 'check: --changed-since: »--output=x« er ikke en kendt gren, et tag eller en commit\n'],
  ])('exits 2 in Danish on an unknown revision %j', async (args, message) => {
    const r = await runInProcess('check', ['--root', repo.root, '--today', TODAY, '--format', 'github', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${message}Se »npm run check -- --help«.\n`);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stdout).toBe('');
  });

  it('exits 2 in Danish when the summary cannot be written', async () => {
    const r = await runInProcess('check', ['--root', repo.root, '--today', TODAY, '--summary', repo.path('mangler/oversigt.md')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`check: --summary: kan ikke skrive i ${repo.path('mangler/oversigt.md')} (ENOENT)\nSe »npm run check -- --help«.\n`);
  });

  it('exits 2 in Danish outside a git repository, and with a format that has no annotations', () => {
    const copy = new RepoCopy();
    try {
      const outside = runCli('check', ['--root', copy.root, '--format', 'github', '--changed-since', 'main']);
      expect(outside.code).toBe(2);
      expect(outside.stderr).toBe(`check: --changed-since: ${copy.root} er ikke i et git-repository\nSe »npm run check -- --help«.\n`);
      const text = runCli('check', ['--root', repo.root, '--changed-since', 'main']);
      expect(text.code).toBe(2);
      expect(text.stderr).toMatch(/^check: --changed-since virker kun med --format github/);
      expect(text.stderr).not.toMatch(STACK_TRACE);
    } finally {
      copy.remove();
    }
  });

  it('is in the help', async () => {
    const r = await runInProcess('check', ['--help']);
    expect(r.stdout).toContain('--changed-since REF');
    expect(r.stdout).toContain('--summary FIL');
  });
});
