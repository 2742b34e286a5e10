import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { toJson, type JsonDiagnostic } from '../../scripts/diagnostics/report-json.ts';
import { Fixture, REPO_ROOT, at } from './helpers.ts';

const DIR = 'agreements/midt-og-vestsjaelland';
const SAG = `${DIR}/sag-emn-2025-10366.yaml`;

/** The real pipeline (checkRepository, as the CLI runs it) on the shipped data or a copy of it. */
async function run(root: string, today: string): Promise<JsonDiagnostic[]> {
  const result = await checkRepository(root, { today });
  return toJson(result.diagnostics, result.load.sources);
}

const errors = (findings: readonly JsonDiagnostic[]) => findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.file}:${f.line}:${f.column}`);

describe('the shipped data (Sundhedsråd Midt- og Vestsjælland)', () => {
  let november: JsonDiagnostic[];
  let january: JsonDiagnostic[];
  beforeAll(async () => {
    [november, january] = await Promise.all([run(REPO_ROOT, '2026-11-23'), run(REPO_ROOT, '2026-01-15')]);
  });

  it('has no errors on 23 November 2026, only overdue steps and unknown capacity as warnings', () => {
    expect(errors(november)).toEqual([]);
    const byRule = new Map<string, number>();
    for (const f of november) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
    expect(Object.fromEntries(byRule)).toEqual({
      'forsinket/delingsaftale-udkast': 8,
      'forsinket/delingsaftale-indgaaelse': 8,
      'forsinket/hsa-godkendelse': 24,
      'kapacitet/ukendt': 1,
    });
  });

  it('has nothing overdue on 15 January 2026', () => {
    expect(errors(january)).toEqual([]);
    expect(january.map((f) => f.rule)).toEqual(['kapacitet/ukendt']);
  });
});

describe('mistakes in a copy of the shipped data', () => {
  let fx: Fixture;
  beforeEach(() => {
    fx = new Fixture(['agreements', 'schemas']);
  });
  afterEach(() => fx.cleanup());

  it('deleting an HSA gives one error, on the case’s bilag line', async () => {
    fx.delete(`${DIR}/holbaek/hsa-holbaek-akutsygepleje.yaml`);
    const findings = await run(fx.root, '2026-01-15');
    expect(errors(findings)).toEqual([`ref/ukendt-dokument ${SAG}:${fx.lineOf(SAG, 'dokument: hsa-holbaek-akutsygepleje')}:15`]);
  });

  it('changing an HSA’s version without updating the case gives a stale-bilag finding on the bilag’s version line', async () => {
    const hsa = `${DIR}/lejre/hsa-lejre-patientrettet-forebyggelse.yaml`;
    fx.replace(hsa, 'version: 2026-02-24', 'version: 2026-03-05');
    const findings = await run(fx.root, '2026-01-15');
    const line = fx.lineOf(SAG, 'dokument: hsa-lejre-patientrettet-forebyggelse') + 1;
    expect(errors(findings)).toEqual([`bilag/foraeldet-version ${SAG}:${line}:14`]);
    const hit = findings.find((f) => f.rule === 'bilag/foraeldet-version')!;
    expect(hit.message).toContain(hsa);
    expect(hit.related).toEqual([{ file: hsa, line: fx.lineOf(hsa, 'version: 2026-03-05'), column: 10, message: 'dokumentets gældende version' }]);
  });

  it('a regionsråd approval on 20 April 2026 gives a deadline error on that line', async () => {
    const hsa = `${DIR}/naestved/hsa-naestved-akutsygepleje.yaml`;
    fx.replace(hsa, '  regionsraad: null', '  regionsraad: 2026-04-20');
    const findings = await run(fx.root, '2026-11-23');
    expect(errors(findings)).toEqual([`frist/hsa-godkendelse ${hsa}:${fx.lineOf(hsa, 'regionsraad: 2026-04-20')}:16`]);
    // The kommunalbestyrelse's approval is still missing: that stays an overdue warning.
    expect(at(findings, 'forsinket/hsa-godkendelse')).toContain(`${hsa}:${fx.lineOf(hsa, 'kommunalbestyrelse: null')}:23 warning`);
  });
});
