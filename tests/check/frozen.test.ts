/**
 * Signed is frozen: once an agreement is underskrevet, its `laast` fingerprint records the text
 * both parties signed, and `npm run check` fails when a change to the templates or the reference
 * data would render that agreement differently (underskrift/laast-tekst). Run as staff run it:
 * `check` on a scratch repository, the `laast:` line pasted from check's own message. The data is
 * SYNTETISK.
 */
import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonDiagnostic } from '../../scripts/diagnostics/report-json.ts';
import { hsa } from '../check-rules/documents.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { RepoCopy } from '../helpers/repo.ts';

const FOLDER = 'agreements/midt-og-vestsjaelland/holbaek';
const SIGNED = `${FOLDER}/hsa-holbaek-akutsygepleje.yaml`;
const DRAFT = `${FOLDER}/hsa-holbaek-patientrettet-forebyggelse.yaml`;
const RULE = 'underskrift/laast-tekst';
const TODAY = '2026-04-15';

const signedFixture = hsa({
  status: 'underskrevet',
  regionsraad: '2026-03-17',
  kommunalbestyrelse: '2026-03-24',
  underskrifter: { region: ['2026-03-30', '2026-03-30'], kommune: ['2026-04-02', '2026-04-02'] },
});
// A signed agreement has no text left »Udestår« (tekst/udestaar).
const signed = { ...signedFixture, content: (signedFixture.content as string).replace('mislighold: Udestår.', 'mislighold: Testtekst om mislighold.') };
const draft = hsa({ opgave: 'patientrettet-forebyggelse' });

async function check(repo: RepoCopy): Promise<{ code: number; findings: JsonDiagnostic[] }> {
  const r = await runInProcess('check', ['--root', repo.root, '--today', TODAY, '--format', 'json']);
  expect(r.stderr).toBe('');
  return { code: r.code ?? -1, findings: JSON.parse(r.stdout) as JsonDiagnostic[] };
}

const errors = (findings: readonly JsonDiagnostic[]) => findings.filter((f) => f.severity === 'error');
const frozen = (findings: readonly JsonDiagnostic[]) => findings.filter((f) => f.rule === RULE);

describe('a signed agreement is frozen against template and reference-data changes', () => {
  const repo = new RepoCopy(['schemas', 'templates', 'agreements/reference'], 'aftaler-frozen-');
  let laast: string;

  beforeAll(async () => {
    repo.write(SIGNED, signed.content);
    repo.write(DRAFT, draft.content as string);
    // Signed without a fingerprint: check says what to paste.
    const first = await check(repo);
    const missing = frozen(first.findings);
    expect(missing.map((f) => `${f.file}:${f.line}`)).toEqual([`${SIGNED}:5`]);
    const line = /tilføj linjen (laast: \{.*\})$/.exec(missing[0]!.message)?.[1];
    expect(line).toBeDefined();
    laast = line!;
    appendFileSync(repo.path(SIGNED), `${laast}\n`);
  }, 60_000);
  afterAll(() => repo.remove());

  it('passes with the pasted fingerprint', async () => {
    expect(laast).toMatch(/^laast: \{ sha256: "[0-9a-f]{64}", afsnit: \["[0-9a-f]{16}"(, "[0-9a-f]{16}")+\] \}$/);
    const { code, findings } = await check(repo);
    expect(errors(findings)).toEqual([]);
    expect(code).toBe(0);
  });

  it('fails when a template line inside a clause changes, naming the document and the clause', async () => {
    const before = repo.read('templates/hsa.md.hbs');
    repo.replace('templates/hsa.md.hbs', 'Aftalen kan opsiges med et varsel', 'Aftalen kan opsiges skriftligt med et varsel');
    try {
      const { code, findings } = await check(repo);
      expect(code).toBe(1);
      // Only the signed document: the draft renders differently too, and that is allowed.
      expect(errors(findings).map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([`${SIGNED}:${repo.lineOf(SIGNED, 'laast:')} ${RULE}`]);
      expect(frozen(findings)[0]!.message).toMatch(
        /^Den underskrevne tekst er ændret i § \d+\. Opsigelse: en ændring af skabeloner, partials eller referencedata må ikke ændre en underskrevet aftale — lav et tillæg$/,
      );
    } finally {
      repo.write('templates/hsa.md.hbs', before);
    }
  });

  it('fails when reference data the signed text shows changes (the region’s name)', async () => {
    const file = 'agreements/reference/region.yaml';
    const before = repo.read(file);
    repo.replace(file, 'navn: Region Østdanmark', 'navn: Region Sjælland og Hovedstaden');
    try {
      const { code, findings } = await check(repo);
      expect(code).toBe(1);
      expect(frozen(findings).map((f) => f.file)).toEqual([SIGNED]);
      expect(frozen(findings)[0]!.message).toMatch(/^Den underskrevne tekst er ændret i titelblokken/);
    } finally {
      repo.write(file, before);
    }
  });

  it('lets the template change through once the agreement is no longer the signed one (the draft still builds)', async () => {
    const before = repo.read('templates/hsa.md.hbs');
    const data = repo.read(SIGNED);
    repo.replace('templates/hsa.md.hbs', 'Aftalen kan opsiges med et varsel', 'Aftalen kan opsiges skriftligt med et varsel');
    repo.write(SIGNED, data.replace('status: underskrevet', 'status: godkendt'));
    try {
      const r = await runInProcess('build', ['--root', repo.root, '--today', TODAY, '--only', 'hsa-holbaek-patientrettet-forebyggelse', '--jobs', '1'], {
        SOURCE_DATE_EPOCH: '1771891200',
      });
      expect(r.stderr).not.toMatch(/fejl/);
      expect(r.code).toBe(0);
      expect(repo.read('out/midt-og-vestsjaelland/316-holbaek/hsa-holbaek-patientrettet-forebyggelse.md')).toContain(
        'Aftalen kan opsiges skriftligt med et varsel',
      );
    } finally {
      repo.write('templates/hsa.md.hbs', before);
      repo.write(SIGNED, data);
    }
  });
});
