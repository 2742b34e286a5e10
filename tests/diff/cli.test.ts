/**
 * npm run diff as users and CI run it: through tsx, from this repository's folder, pointed at a
 * scratch repository with --root (so the scratch repository's git is used, not this one's).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli, STACK_TRACE } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { runCliAsync } from './run-cli-async.ts';
import { FILES, ScratchRepo } from './scratch-repo.ts';
import { checkAccessibility } from '../../scripts/tooling/pdf-access/index.ts';

describe('npm run diff (command line)', () => {
  let repo: ScratchRepo;
  let outside: string;
  let mainSha: string;
  // In-process (tests/helpers/in-process.ts); a run per exit code also as users run it.
  const diff = (...args: string[]) => runInProcess('diff', ['--root', repo.root, ...args]);
  const diffProcess = (...args: string[]) => runCli('diff', ['--root', repo.root, ...args]);

  beforeAll(() => {
    repo = new ScratchRepo();
    mainSha = repo.git('rev-parse', 'HEAD').trim();
    outside = mkdtempSync(path.join(tmpdir(), 'aftaler-diff-out-'));
  });
  afterEach(() => repo.reset());
  afterAll(() => {
    repo.remove();
    rmSync(outside, { recursive: true, force: true });
  });

  it('leaves the working tree, index, stash, worktrees and branches exactly as they were', async () => {
    // A staged change, an unstaged change, an untracked file and a stash entry.
    repo.replace(FILES.hsaHolbaek, '  regionsraad: null', '  regionsraad: 2026-03-17');
    repo.git('add', FILES.hsaHolbaek);
    repo.replace(FILES.hsaLejre, '  aarligt_beloeb_kr: null', '  aarligt_beloeb_kr: 1234567');
    writeFileSync(repo.path('NOTER.txt'), 'kladde\n');
    repo.replace(FILES.hsaTemplate, '## Formål', '## Aftalens formål');
    repo.git('stash', 'push', '-q', '--', FILES.hsaTemplate);
    const before = repo.state();

    const report = path.join(outside, 'rapport.md');
    const r = diffProcess('--out', report, '--pdf', path.join(outside, 'pdf'));
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.code).toBe(0);
    expect(repo.state()).toEqual(before);
    // Both the staged and the unstaged change are in the working tree, and so in the report.
    const text = readFileSync(report, 'utf8');
    expect(text).toContain(`Fra \`${mainSha.slice(0, 7)}`);
    expect(text).toContain('<code>hsa-holbaek-akutsygepleje</code>');
    expect(text).toContain('<code>hsa-lejre-akutsygepleje</code>');
    expect(readdirSync(path.join(outside, 'pdf')).sort()).toEqual(['hsa-holbaek-akutsygepleje-aendringer.pdf', 'hsa-lejre-akutsygepleje-aendringer.pdf']);
    expect(r.stderr).toContain('diff: 2 PDF’er med ændringsmarkering skrevet i');
    // Redlines are accessible PDFs like every other the project writes (issue 17).
    for (const name of readdirSync(path.join(outside, 'pdf'))) expect(await checkAccessibility(path.join(outside, 'pdf', name))).toEqual([]);

    // Two commits compared, and the stash and the working tree still untouched.
    expect((await diff('main', 'HEAD', '--format', 'json')).code).toBe(0);
    expect(repo.state()).toEqual(before);
    repo.git('stash', 'drop', '-q');
  });

  it('writes the Markdown report to stdout; --fail-on-change exits 1 only when a document changed', async () => {
    const clean = await diff('--fail-on-change');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('Ingen dokumenter er ændret.');

    repo.replace(FILES.hsaHolbaek, '  regionsraad: null', '  regionsraad: 2026-03-17');
    const r = diffProcess('--fail-on-change');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^## Ændringer i aftalerne\n/);
    // The scratch repository's main, not this repository's: --root decides which git is asked.
    expect(r.stdout).toContain(`Fra \`${mainSha.slice(0, 7)}\` (merge-base med main) til arbejdskopien.`);
    expect(r.stdout).toContain('**1 dokument ændret, 0 tilføjet, 0 fjernet** · berørte kommuner: Holbæk Kommune');
    expect(r.stdout).toContain('<details><summary><b>Ændret:</b> Udkast til horisontal samarbejdsaftale for akutsygepleje Holbæk Kommune V20260224');
  });

  it('gives JSON for tools', async () => {
    repo.replace(FILES.hsaLejre, '  aarligt_beloeb_kr: null', '  aarligt_beloeb_kr: 1234567');
    const r = await diff('--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      base: { sha: string };
      head: { sha: null; label: string };
      added: unknown[];
      removed: unknown[];
      changed: Array<{
        id: string;
        fields: unknown[];
        clauses: Array<{ before: string; inserted: string[]; deleted: string[]; lines: Array<{ status: string }> }>;
      }>;
      kommuner: Array<{ kode: string; navn: string }>;
    };
    expect(json.base.sha).toBe(mainSha);
    expect(json.head).toMatchObject({ sha: null, label: 'arbejdskopi' });
    expect(json.added).toEqual([]);
    expect(json.removed).toEqual([]);
    expect(json.kommuner).toEqual([{ kode: '350', navn: 'Lejre Kommune' }]);
    expect(json.changed).toHaveLength(1);
    expect(json.changed[0]!.fields).toEqual([{ path: 'finansiering.aarligt_beloeb_kr', change: 'changed', before: null, after: 1234567 }]);
    expect(json.changed[0]!.clauses).toHaveLength(1);
    expect(json.changed[0]!.clauses[0]).toMatchObject({ before: '§ 7. Økonomi og afregning', inserted: ['1.234.567 kr.'], deleted: ['(ikke fastsat)'] });
    expect(json.changed[0]!.clauses[0]!.lines.map((l) => l.status)).toEqual(['changed']); // unchanged lines left out
  });

  it('shows the errors of a revision that cannot be rendered, in Danish, and exits 1', async () => {
    repo.replace(FILES.hsaHolbaek, 'status: udkast', 'status: kladde');
    const r = await diff();
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^diff: arbejdskopien kan ikke dannes:\n\n/m); // after any progress lines (a slow machine)
    expect(r.stderr).toMatch(new RegExp(`^${FILES.hsaHolbaek}:\\d+:\\d+ +fejl +skema/tilladte-vaerdier +»kladde« er ikke en gyldig værdi for »status«`, 'm'));
    expect(r.stderr).toContain('Ret fejlene (se npm run check), eller sammenlign med en anden revision. Der er ikke dannet nogen rapport.');
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it('refuses wrong use with exit 2 and one Danish line', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['ingen-saadan-gren'], /^diff: ukendt revision »ingen-saadan-gren«\nSe »npm run diff -- --help«\.\n$/],
      [['main', 'HEAD', 'HEAD~1'], /^diff: højst to revisioner \(FRA og TIL\), ikke 3\n/],
      [['--format', 'xml'], /^diff: --format skal være en af markdown, json, ikke »xml«\n/],
      [['--', '--output=/tmp/x'], /^diff: ukendt revision »--output=\/tmp\/x«\n/],
    ];
    // The first as users run it, the others in-process.
    const results = [await runCliAsync('diff', ['--root', repo.root, ...cases[0]![0]])];
    for (const [args] of cases.slice(1)) results.push(await diff(...args));
    cases.forEach(([args, message], i) => {
      const r = results[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    });
    const notGit = mkdtempSync(path.join(tmpdir(), 'aftaler-not-git-'));
    try {
      const r = await runInProcess('diff', ['--root', notGit]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('er ikke i et git-repository');
    } finally {
      rmSync(notGit, { recursive: true, force: true });
    }
  });

  it('refuses a file for a folder or a folder for a file before comparing, and reports a folder it cannot make in Danish', async () => {
    const file = path.join(outside, 'en-fil.txt');
    writeFileSync(file, 'ikke en mappe\n');
    for (const [option, target, message] of [
      ['--docx', file, /^diff: --docx skal være en mappe, men ».*en-fil\.txt« er en fil\n/],
      ['--pdf', file, /^diff: --pdf skal være en mappe, men ».*en-fil\.txt« er en fil\n/],
      ['--out', outside, /^diff: --out skal være en fil, men ».*« er en mappe\n/],
      ['--docx', '', /^diff: --docx skal have en mappe efter sig, ikke en tom tekst\n/],
      ['--out', ' ', /^diff: --out skal have en fil efter sig, ikke en tom tekst\n/],
    ] as const) {
      const r = await diff('main', 'HEAD', option, target);
      expect(r.code, option).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    // A malformed SOURCE_DATE_EPOCH (which dates the working tree's tracked changes) is refused, as the build refuses it.
    const epoch = await runInProcess('diff', ['--root', repo.root, '--docx', path.join(outside, 'epoch')], { SOURCE_DATE_EPOCH: 'igaar' });
    expect(epoch.code).toBe(2);
    expect(epoch.stderr).toMatch(/^diff: SOURCE_DATE_EPOCH skal være et helt antal sekunder siden 1970, ikke »igaar«\./);
    // A folder under a file cannot be made: said once the comparison is done, exit 1, no trace.
    repo.replace(FILES.hsaLejre, '  aarligt_beloeb_kr: null', '  aarligt_beloeb_kr: 1234567');
    const r = await diff('--docx', path.join(file, 'redlines'), '--out', path.join(outside, 'rapport-2.md'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/diff: Word-filerne med registrerede ændringer kan ikke skrives i .*en-fil\.txt.*: en del af stien er en fil, ikke en mappe\n/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).not.toContain('intern fejl');
    // The report was still written.
    expect(readFileSync(path.join(outside, 'rapport-2.md'), 'utf8')).toContain('hsa-lejre-akutsygepleje');
    // --out makes its folder, as --pdf and --docx make theirs.
    const nested = path.join(outside, 'ny', 'mappe', 'rapport.md');
    const made = await diff('--out', nested, '--docx', path.join(outside, 'ny', 'word'));
    expect(made.code, made.stderr).toBe(0);
    expect(readFileSync(nested, 'utf8')).toContain('hsa-lejre-akutsygepleje');
  });

  it('explains itself in Danish with --help', async () => {
    const r = await runInProcess('diff', ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Brug: npm run diff -- \[valg\] \[FRA\] \[TIL\]/);
    for (const option of ['--format markdown|json', '--out FIL', '--pdf MAPPE', '--docx MAPPE', '--fail-on-change', '--root MAPPE', '-h, --help'])
      expect(r.stdout).toContain(option);
  });
});
