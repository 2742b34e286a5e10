import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { citationText } from '../../scripts/check/rule.ts';
import { rules } from '../../scripts/check/rules/index.ts';
import { fristIds, vilkaarIds } from '../../scripts/check/rules/support/calendar.ts';
import { loadRuleIds, repoRuleIds, schemaRuleIds, textRuleIds, type RuleId } from '../../scripts/diagnostics/rule-id.ts';
import type { Repository } from '../../scripts/model/repository.ts';
import { REPO_ROOT } from './helpers.ts';

describe('the rule catalogue', () => {
  let repo: Repository;
  beforeAll(async () => {
    repo = (await checkRepository(REPO_ROOT, { today: '2026-01-15' })).repo;
  });

  it('registers every rule id exactly once, none shared with load, text, repository or schema findings', () => {
    const ids = rules.map((r) => r.id as string);
    expect(new Set(ids).size).toBe(ids.length);
    const fixed: readonly string[] = [...loadRuleIds, ...textRuleIds, ...repoRuleIds, ...schemaRuleIds];
    expect(ids.filter((id) => fixed.includes(id))).toEqual([]);
    for (const id of ids) expect(id).toMatch(/^[a-z]+\/[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('keeps each former id unique and unlike any current id, for one release', () => {
    const ids: readonly string[] = rules.map((r) => r.id);
    const former = rules.flatMap((r) => (r.formerId === undefined ? [] : [r.formerId]));
    expect(new Set(former).size).toBe(former.length);
    expect(former.filter((id) => ids.includes(id))).toEqual([]);
  });

  it('keeps one rule per file, named after its id', async () => {
    const folder = path.join(REPO_ROOT, 'scripts', 'check', 'rules');
    const files = readdirSync(folder).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    const byFile = await Promise.all(files.map(async (f) => [f, ((await import(path.join(folder, f))) as { default: { id: string } }).default.id]));
    expect(byFile.map(([, id]) => `${id!.replace('/', '-')}.ts`)).toEqual(files);
    expect(files).toHaveLength(rules.length);
  });

  it('derives the closed RuleId union from the catalogue: a misspelt id is a type error', () => {
    const id: RuleId = 'frist/hsa-godkendelse';
    // @ts-expect-error not a rule: the union is closed
    const typo: RuleId = 'frist/hsa-godkendlese';
    expect([id, typo]).toHaveLength(2);
  });

  it('gives every rule a severity, a Danish one-sentence description and a citation', () => {
    for (const rule of rules) {
      expect(['error', 'warning'], rule.id).toContain(rule.severity);
      expect(rule.description, rule.id).toMatch(/^[A-ZÆØÅ].*\.$/);
      expect(citationText(rule.citation, repo).length, rule.id).toBeGreaterThan(10);
    }
  });

  it('builds deadline citations from the frist calendar’s own kilde', () => {
    for (const rule of rules) {
      if (typeof rule.citation === 'string') continue;
      const text = citationText(rule.citation, repo);
      for (const id of rule.citation.frister ?? []) {
        const frist = repo.frist(id)!;
        expect(text, rule.id).toContain(`${frist.kilde.dokument}, ${frist.kilde.afsnit}`);
        expect(text, rule.id).toContain(`${id}, ${frist.dato}`);
      }
      for (const id of rule.citation.vilkaar ?? []) expect(text, rule.id).toContain(repo.vilkaar(id)!.kilde.afsnit);
    }
    expect(citationText(rules.find((r) => r.id === 'frist/hsa-godkendelse')!.citation, repo)).toBe(
      'Q&A: Flytning af opgaver fra kommunerne til regionen (opdateret 23. januar 2026), Vigtige milepæle i 2026 (1. april 2026) [fristkalenderen: hsa-godkendelse, 2026-04-01]',
    );
  });

  it('cites every frist and vilkår that ref/manglende-frist requires, so none is required for nothing', () => {
    const cited = new Set(rules.flatMap((r) => (typeof r.citation === 'string' ? [] : [...(r.citation.frister ?? []), ...(r.citation.vilkaar ?? [])])));
    expect([...cited].sort()).toEqual([...fristIds, ...vilkaarIds].sort());
  });

  it('marks exactly the forsinket/ rules as overdue, all warnings by default', () => {
    const overdue = rules.filter((r) => r.overdue);
    expect(overdue.map((r) => r.id)).toEqual(rules.map((r) => r.id).filter((id) => id.startsWith('forsinket/')));
    expect(overdue.every((r) => r.severity === 'warning')).toBe(true);
  });
});
