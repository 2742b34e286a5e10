import { describe, expect, it } from 'vitest';
import { runCli, STACK_TRACE } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { RepoCopy } from '../helpers/repo.ts';

/**
 * A run per exit code as users run it (runCli: 0 on the shipped data, 1 on a text report, 2 on
 * the first usage error); the others in-process (tests/helpers/in-process.ts).
 */
describe('npm run check (command line)', () => {
  it('passes on the shipped data and prints the summary', () => {
    const r = runCli('check', ['--today', '2026-01-15']);
    expect(r.code).toBe(0);
    // The one warning is real: no HSA records its number of pladser yet (kapacitet/ukendt).
    expect(r.stdout).toMatch(/kapacitet\/ukendt/);
    expect(r.stdout).toMatch(
      /^⚠ 0 fejl og 1 advarsel · 36 filer kontrolleret \(24 samarbejdsaftaler \(HSA\), 8 delingsaftaler, 1 sag, 1 regionsfil, 1 opgavefil, 1 fristkalender\)\n$/m,
    );
  });

  it('says »Ingen fejl« when nothing is found', async () => {
    const repo = new RepoCopy();
    try {
      repo.write('.aftalerrc.json', '{"rules": {"kapacitet/ukendt": "off"}}');
      const r = await runInProcess('check', ['--root', repo.root, '--today', '2026-01-15']);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(
        '✔ Ingen fejl · 36 filer kontrolleret (24 samarbejdsaftaler (HSA), 8 delingsaftaler, 1 sag, 1 regionsfil, 1 opgavefil, 1 fristkalender)\n',
      );
    } finally {
      repo.remove();
    }
  });

  it('shows help', async () => {
    const r = await runInProcess('check', ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Brug: npm run check');
    expect(r.stdout).toContain('--format text|json|github');
  });

  it.each([
    [['--format', 'xml'], /--format skal være en af text, json, github/],
    [['--today', '2026-02-30'], /--today skal være en dato på formen ÅÅÅÅ-MM-DD/],
    [['--bogus'], /^check: ukendt valg »--bogus«\nSe »npm run check -- --help«\.\n$/],
    [['--formt', 'json'], /^check: ukendt valg »--formt« – mente du »--format«\?\n/],
  ])('exits 2 on usage error %j', async (args, message) => {
    const r = args[0] === '--format' ? runCli('check', args) : await runInProcess('check', args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it('writes text reports as file:line:col  severity  rule  message, grouped per file with aligned columns', () => {
    const repo = new RepoCopy();
    try {
      const a = 'agreements/midt-og-vestsjaelland/lejre/hsa-lejre-akutsygepleje.yaml';
      const b = 'agreements/midt-og-vestsjaelland/soroe/delingsaftale-soroe.yaml';
      repo.write('.aftalerrc.json', '{"rules": {"kapacitet/ukendt": "off"}}');
      repo.replace(a, 'status: udkast', 'status: kladde');
      repo.replace(b, 'vederlagsfri: true', 'vederlagsfri: false');
      const r = runCli('check', ['--root', repo.root, '--today', '2026-01-15']);
      expect(r.code).toBe(1);
      const lines = r.stdout.split('\n');
      const la = repo.lineOf(a, 'status: kladde');
      const lb = repo.lineOf(b, 'vederlagsfri:');
      const [pa, pb] = [`${a}:${la}:9`, `${b}:${lb}:15`];
      const width = Math.max(pa.length, pb.length);
      expect(lines[0]).toBe(
        `${pa.padEnd(width)}  fejl  skema/tilladte-vaerdier  »kladde« er ikke en gyldig værdi for »status«; brug en af: udkast, godkendt, underskrevet, opsagt`,
      );
      expect(lines[1]).toBe('');
      expect(lines[2]).toBe(`${pb.padEnd(width)}  fejl  skema/fast-vaerdi        »vederlagsfri« skal være »true«`);
      expect(lines.at(-2)).toMatch(/^✖ 2 fejl og 0 advarsler · 36 filer kontrolleret/);
    } finally {
      repo.remove();
    }
  });

  it('writes GitHub workflow commands with escaped properties', async () => {
    const repo = new RepoCopy();
    try {
      const a = 'agreements/midt-og-vestsjaelland/lejre/hsa-lejre-akutsygepleje.yaml';
      repo.write('.aftalerrc.json', '{"rules": {"kapacitet/ukendt": "off"}}');
      repo.replace(a, 'status: udkast', 'status: kladde');
      const r = await runInProcess('check', ['--root', repo.root, '--format', 'github', '--today', '2026-01-15']);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe(
        `::error file=${a},line=${repo.lineOf(a, 'status: kladde')},col=9,endLine=${repo.lineOf(a, 'status: kladde')},endColumn=15,title=skema/tilladte-vaerdier::»kladde« er ikke en gyldig værdi for »status«; brug en af: udkast, godkendt, underskrevet, opsagt\n`,
      );
    } finally {
      repo.remove();
    }
  });

  it('reports a stray file, a .yml file and a file of no known kind', async () => {
    const repo = new RepoCopy();
    try {
      repo.write('.aftalerrc.json', '{"rules": {"kapacitet/ukendt": "off"}}');
      repo.write('agreements/notes.txt', 'hello');
      repo.write('agreements/midt-og-vestsjaelland/extra.yml', 'dokumenttype: hsa\n');
      repo.write('agreements/midt-og-vestsjaelland/extra.yaml', 'titel: x\n');
      repo.write('agreements/midt-og-vestsjaelland/other.yaml', 'dokumenttype: hsaa\n');
      const r = await runInProcess('check', ['--root', repo.root, '--format', 'json', '--today', '2026-01-15']);
      const got = (JSON.parse(r.stdout) as Array<{ file: string; rule: string; line: number; column: number; message: string }>).map(
        (f) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.message}`,
      );
      expect(got).toEqual([
        'agreements/midt-og-vestsjaelland/extra.yaml:1:1 fil/ukendt-dokumenttype Feltet »dokumenttype« mangler; brug en af: region, opgaver, frister, hsa, delingsaftale, anmodning, sag, tillaeg',
        'agreements/midt-og-vestsjaelland/extra.yml:1:1 fil/endelse Brug endelsen .yaml (ikke .yml), så filen bliver kontrolleret',
        'agreements/midt-og-vestsjaelland/other.yaml:1:15 fil/ukendt-dokumenttype Ukendt dokumenttype »hsaa«; brug en af: region, opgaver, frister, hsa, delingsaftale, anmodning, sag, tillaeg (mente du »hsa«?)',
        'agreements/notes.txt:1:1 fil/ubrugt Filen er hverken et YAML-dokument (.yaml) eller et bilag (i en mappe ved navn bilag) og bliver ikke brugt',
      ]);
      expect(r.code).toBe(1);
    } finally {
      repo.remove();
    }
  });
});
