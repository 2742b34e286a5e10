import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_LINES, MAX_MARKUP_BLOCK, MAX_MARKUP_RUN, MAX_NESTING, MAX_WORD } from '../../scripts/validate/text-limits.ts';
import { runCli, STACK_TRACE } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { RepoCopy } from '../helpers/repo.ts';

const ENV = { SOURCE_DATE_EPOCH: '1771891200' };
const ID = 'hsa-holbaek-akutsygepleje';
const HSA = `agreements/midt-og-vestsjaelland/holbaek/${ID}.yaml`;
const FORMAAL = /\nformaal: [>|]-\n(?:(?: {2}.*)?\n)+?(?=\S)/;

/** `formaal` as a literal block holding `paragraphs`, separated by blank lines. */
function withFormaal(repo: RepoCopy, paragraphs: readonly string[]): void {
  const value = paragraphs.join('\n\n');
  const block = value
    .split('\n')
    .map((line) => (line === '' ? '' : `  ${line}`))
    .join('\n');
  repo.write(HSA, repo.read(HSA).replace(FORMAAL, `\nformaal: |-\n${block}\n`));
}

/** Every limit at once, each at its maximum: the most a field can ask of the renderer. */
function atLimits(over: number): string[] {
  const n = MAX_NESTING + over;
  return [
    `${'> '.repeat(n)}dybt citat ${'q'.repeat(MAX_WORD + over)}`,
    Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- punkt ${'l'.repeat(MAX_WORD)}`).join('\n'),
    ['| a | b | c | d | e | f |', '|---|---|---|---|---|---|', ...Array.from({ length: 20 }, () => `| ${'w'.repeat(MAX_WORD)} | b | c | d | e | f |`)].join(
      '\n',
    ),
    // Markup: one run at its limit, then paragraphs at the paragraph limit (MAX_MARKUP_BLOCK).
    '['.repeat(MAX_MARKUP_RUN + over),
    ...Array.from({ length: 3 }, () => '*a* '.repeat(MAX_MARKUP_BLOCK / 2).trimEnd()),
    ...Array.from({ length: 2 }, () => 'a*b '.repeat(MAX_MARKUP_BLOCK).trimEnd()),
    'a*b '.repeat(100).trimEnd(),
    `Tekst${over ? '\u202E' : ''} ${`${'x'.repeat(MAX_WORD - 1)} `.repeat(20)}`,
    // Hard line breaks: each a line of its own in the PDF; the rest of the document has fewer
    // than 100 lines of text, so this stays below MAX_LINES, or passes it by `over`.
    'a  \n'.repeat(MAX_LINES - 150 + over * 200).trimEnd(),
  ];
}

describe('a document at every text limit builds; one past them is refused by build', () => {
  const repo = new RepoCopy(['agreements', 'schemas', 'templates']);
  afterAll(() => repo.remove());

  it('over: exit 1 with a positioned finding per limit and no output; at: the PDF', async () => {
    withFormaal(repo, atLimits(1));
    const refused = runCli('build', ['--root', repo.root, '--today', '2026-01-15', '--only', ID, '--quiet'], ENV);
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).not.toMatch(STACK_TRACE);
    const rules = new Set([...(refused.stdout + refused.stderr).matchAll(new RegExp(`^${HSA}:\\d+:\\d+\\s+fejl\\s+(tekst/[a-z]+)`, 'gm'))].map((m) => m[1]));
    expect([...rules].sort()).toEqual(['tekst/dybde', 'tekst/omfang', 'tekst/ordlaengde', 'tekst/styretegn', 'tekst/tegnraekke']);
    expect(existsSync(repo.path('out'))).toBe(false);

    withFormaal(repo, atLimits(0));
    // The refusal above as users run it; the build at the limits in-process (tests/helpers/in-process.ts).
    const built = await runInProcess('build', ['--root', repo.root, '--today', '2026-01-15', '--only', ID, '--quiet', '--jobs', '1'], ENV);
    expect(built.stderr).not.toMatch(/intern fejl|tekst\//);
    expect(built.code).toBe(0);
    const pdf = path.join(repo.path('out'), 'midt-og-vestsjaelland', '316-holbaek', `${ID}.pdf`);
    expect(statSync(pdf).size).toBeGreaterThan(10_000);
    // Bounded time is the test's own timeout, not a measured figure: timings belong in npm run bench.
  }, 60_000);
});
