import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../../scripts/check/rules/index.ts';
import { testCase, type RuleCases } from './rule-tester.ts';

/**
 * Every rule's cases (tests/check-rules/cases/<rule file name>.ts), each run in memory against
 * that rule alone; see rule-tester.ts.
 */
const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');
const modules = await Promise.all(
  readdirSync(folder)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map(async (f) => ({ file: f, cases: ((await import(path.join(folder, f))) as { default: RuleCases }).default })),
);

it('has a case file per rule named after the rule, for rules of the catalogue only', () => {
  const ids = rules.map((r) => r.id as string);
  for (const { file, cases } of modules) {
    expect(file).toBe(`${cases.rule.replace('/', '-')}.ts`);
    expect(ids).toContain(cases.rule);
  }
});

for (const { cases } of modules) {
  describe(cases.rule, () => {
    for (const c of cases.valid) it(`valid: ${c.name}`, () => testCase(cases.rule, c));
    for (const c of cases.invalid) it(`invalid: ${c.name}`, () => testCase(cases.rule, c));
  });
}
