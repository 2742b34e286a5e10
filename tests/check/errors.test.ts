import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonDiagnostic } from '../../scripts/diagnostics/report-json.ts';
import { runCli, STACK_TRACE, type CliResult } from '../helpers/cli.ts';
import { RepoCopy } from '../helpers/repo.ts';

const dir = 'agreements/midt-og-vestsjaelland';
const files = {
  syntax: `${dir}/holbaek/hsa-holbaek-akutsygepleje.yaml`,
  duplicateKey: `${dir}/kalundborg/hsa-kalundborg-akutsygepleje.yaml`,
  required: `${dir}/lejre/hsa-lejre-akutsygepleje.yaml`,
  type: `${dir}/naestved/hsa-naestved-akutsygepleje.yaml`,
  unknownProperty: `${dir}/odsherred/hsa-odsherred-akutsygepleje.yaml`,
  unknownKommune: `${dir}/ringsted/delingsaftale-ringsted.yaml`,
  duplicateId: `${dir}/soroe/hsa-holbaek-patientrettet-forebyggelse.yaml`,
  sag: `${dir}/sag-emn-2025-10366.yaml`,
};

/**
 * Eight kinds of mistake, each in its own file of one copy of the real data, reported in one
 * run. Expected lines are found in the edited text; columns are literal.
 */
describe('check on a copy of the data with eight mistakes', () => {
  const repo = new RepoCopy();
  let result: CliResult;
  let findings: JsonDiagnostic[];
  const expected: Record<string, { file: string; line: number; column: number; rule: string; message: RegExp }> = {};

  beforeAll(() => {
    repo.replace(files.syntax, '\nopgave: akutsygepleje\n', '\nopgave: [akutsygepleje\n');
    expected.syntax = {
      file: files.syntax,
      line: repo.lineOf(files.syntax, 'opgave: [akut'),
      column: 9,
      rule: 'yaml/syntaks',
      message: /»\[« er ikke lukket med »\]«/,
    };

    repo.write(files.duplicateKey, repo.read(files.duplicateKey) + 'status: godkendt\n');
    expected.duplicateKey = {
      file: files.duplicateKey,
      line: repo.lineOf(files.duplicateKey, 'status:', 2),
      column: 1,
      rule: 'yaml/dobbelt-noegle',
      message: /Feltet »status« står to gange/,
    };

    repo.replace(files.required, '  senest: 2028-12-31\n', '');
    expected.required = {
      file: files.required,
      line: repo.lineOf(files.required, 'evaluering:'),
      column: 1,
      rule: 'skema/paakraevet',
      message: /Feltet »senest« mangler i »evaluering«/,
    };

    repo.replace(files.type, 'kommune: "370"', 'kommune: 370');
    expected.type = {
      file: files.type,
      line: repo.lineOf(files.type, 'kommune: 370'),
      column: 10,
      rule: 'skema/type',
      message: /»kommune« skal være en tekst, ikke et tal »370« \(sæt værdien i anførselstegn\)/,
    };

    repo.replace(files.unknownProperty, '\nmislighold: >-\n', '\nformal: Et fælles mål\nmislighold: >-\n');
    expected.unknownProperty = {
      file: files.unknownProperty,
      line: repo.lineOf(files.unknownProperty, 'formal: Et'),
      column: 1,
      rule: 'skema/ukendt-felt',
      message: /Ukendt felt »formal« – mente du »formaal«\?/,
    };

    repo.replace(files.unknownKommune, 'kommune: "329"', 'kommune: "999"');
    expected.unknownKommune = {
      file: files.unknownKommune,
      line: repo.lineOf(files.unknownKommune, 'kommune: "999"'),
      column: 10,
      rule: 'ref/ukendt-kommune',
      message: /Ukendt kommunekode »999«/,
    };

    repo.write(files.duplicateId, repo.read(`${dir}/holbaek/hsa-holbaek-patientrettet-forebyggelse.yaml`));
    expected.duplicateId = {
      file: files.duplicateId,
      line: repo.lineOf(files.duplicateId, 'id: hsa-holbaek'),
      column: 5,
      rule: 'ref/dobbelt-id',
      message: /Id'et »hsa-holbaek-patientrettet-forebyggelse« bruges allerede/,
    };

    repo.replace(files.sag, 'dokument: hsa-slagelse-akutsygepleje\n', 'dokument: hsa-slagelse-akutsygeplej\n');
    expected.missingBilag = {
      file: files.sag,
      line: repo.lineOf(files.sag, 'dokument: hsa-slagelse-akutsygeplej'),
      column: 15,
      rule: 'ref/ukendt-dokument',
      message: /dokumentet »hsa-slagelse-akutsygeplej«, som ikke findes/,
    };

    result = runCli('check', ['--root', repo.root, '--format', 'json', '--today', '2026-01-15']);
    findings = JSON.parse(result.stdout) as JsonDiagnostic[];
  });
  afterAll(() => repo.remove());

  it('exits 1 without a stack trace', () => {
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toMatch(STACK_TRACE);
  });

  for (const name of ['syntax', 'duplicateKey', 'required', 'type', 'unknownProperty', 'unknownKommune', 'duplicateId', 'missingBilag']) {
    it(`reports ${name} at its exact place`, () => {
      const want = expected[name]!;
      const hit = findings.find((f) => f.rule === want.rule && f.file === want.file);
      expect(hit, JSON.stringify(findings, null, 1)).toBeDefined();
      expect({ file: hit!.file, line: hit!.line, column: hit!.column, severity: hit!.severity }).toEqual({
        file: want.file,
        line: want.line,
        column: want.column,
        severity: 'error',
      });
      expect(hit!.message).toMatch(want.message);
    });
  }

  it('reports no other error but the duplicated DokID, in both files that have it', () => {
    const original = `${dir}/holbaek/hsa-holbaek-patientrettet-forebyggelse.yaml`;
    const extra = findings.filter((f) => f.severity === 'error' && !Object.values(expected).some((e) => e.rule === f.rule && e.file === f.file));
    expect(extra.map((f) => `${f.rule} ${f.file}:${f.line}`).sort()).toEqual(
      [
        `ref/dobbelt-dokid ${files.duplicateId}:${repo.lineOf(files.duplicateId, 'dokid:')}`,
        `ref/dobbelt-dokid ${original}:${repo.lineOf(original, 'dokid:')}`,
      ].sort(),
    );
    // Each points at the other: whichever file a pull request changed shows the error.
    const onOriginal = extra.find((f) => f.file === original)!;
    expect(onOriginal.message).toMatch(/^DokID »\d+« bruges også af et andet dokument$/);
    expect(onOriginal.related?.[0]?.file).toBe(files.duplicateId);
  });

  it('does not report the broken HSAs again as missing bilag of the case', () => {
    expect(findings.filter((f) => f.rule === 'ref/ukendt-dokument')).toHaveLength(1);
  });

  it('points the related location of a duplicate id at the first document', () => {
    const hit = findings.find((f) => f.rule === 'ref/dobbelt-id')!;
    expect(hit.related).toEqual([
      {
        file: `${dir}/holbaek/hsa-holbaek-patientrettet-forebyggelse.yaml`,
        line: expected.duplicateId!.line,
        column: 5,
        message: 'første dokument med dette id',
      },
    ]);
  });
});
