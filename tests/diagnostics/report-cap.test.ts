import { describe, expect, it } from 'vitest';
import { FINDINGS_PER_RULE_AND_FILE } from '../../scripts/diagnostics/cap.ts';
import type { Diagnostic } from '../../scripts/diagnostics/diagnostic.ts';
import { reportGithub } from '../../scripts/diagnostics/report-github.ts';
import { reportJson, toJson, type JsonDiagnostic } from '../../scripts/diagnostics/report-json.ts';
import { reportText } from '../../scripts/diagnostics/report-text.ts';
import { SourceStore } from '../../scripts/diagnostics/sources.ts';

const NOISY = 'agreements/a/hsa-noisy.yaml';
const OTHER = 'agreements/a/hsa-other.yaml';
const LINES = 60;

/** Two files of 60 lines; offset of line n (1-based) is 10·(n − 1), since every line is 9 characters and a newline. */
function sources(): SourceStore {
  const store = new SourceStore();
  const text = Array.from({ length: LINES }, (_, i) => `line ${String(i + 1).padStart(4, '0')}`).join('\n');
  store.addText(NOISY, text);
  store.addText(OTHER, text);
  return store;
}

const at = (file: string, line: number, rule: Diagnostic['rule'], severity: Diagnostic['severity'] = 'error'): Diagnostic => ({
  rule,
  severity,
  file,
  message: `fund på linje ${line}`,
  span: { start: 10 * (line - 1), end: 10 * (line - 1) + 4 },
});

/**
 * 50 invisible-character errors in one file (on lines 1–50, given in reverse so the report must
 * sort them), 3 of another rule interleaved in the same file, 25 of the same rule in a second
 * file (warnings but one), and exactly the limit in a third rule.
 */
function findings(): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let line = 50; line >= 1; line--) out.push(at(NOISY, line, 'tekst/styretegn'));
  for (const line of [2, 30, 55]) out.push(at(NOISY, line, 'skema/type'));
  for (let line = 1; line <= 25; line++) out.push(at(OTHER, line, 'tekst/styretegn', line === 24 ? 'error' : 'warning'));
  for (let line = 31; line <= 30 + FINDINGS_PER_RULE_AND_FILE; line++) out.push(at(OTHER, line, 'skema/interval', 'warning'));
  return out;
}

const SUMMARY = { files: 2, documents: [{ nouns: ['samarbejdsaftale (HSA)', 'samarbejdsaftaler (HSA)'] as const, count: 2 }] };

describe('findings per rule per file are capped in every report', () => {
  it('caps at 20', () => {
    expect(FINDINGS_PER_RULE_AND_FILE).toBe(20);
  });

  it('text: the first 20 in order, then »… og N flere« at the first one left out; the summary counts all', () => {
    const report = reportText(findings(), sources(), SUMMARY);
    const lines = report.trimEnd().split('\n');
    const noisy = lines.filter((l) => l.startsWith(`${NOISY}:`) && l.includes('tekst/styretegn'));
    expect(noisy).toHaveLength(21);
    expect(noisy.slice(0, 20).map((l) => l.split(':')[1])).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
    expect(noisy[20]).toMatch(new RegExp(`^${NOISY}:21:1 +fejl +tekst/styretegn +… og 30 flere$`));
    // The »flere« line follows the 20th finding of its rule: line 20's finding, then skema/type line 30 after it.
    const i = lines.findIndex((l) => l.includes('… og 30 flere'));
    expect(lines[i - 1]).toContain(`${NOISY}:20:1 `);
    // Another rule in the same file is not affected by the cap.
    expect(lines.filter((l) => l.startsWith(`${NOISY}:`) && l.includes('skema/type'))).toHaveLength(3);
    // Second file: 5 left out, one of them an error, so the line says »fejl«.
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${OTHER}:21:1 +fejl +tekst/styretegn +… og 5 flere$`)));
    // Exactly at the limit: all shown, no »flere« line.
    expect(lines.filter((l) => l.includes('skema/interval'))).toHaveLength(20);
    expect(lines.filter((l) => l.includes('flere'))).toHaveLength(2);
    // 50 + 3 + 1 errors, 24 + 20 warnings: all of them, not the shown ones.
    expect(lines.at(-1)).toBe('✖ 54 fejl og 44 advarsler · 2 filer kontrolleret (2 samarbejdsaftaler (HSA))');
  });

  it('text: no line at or under the limit', () => {
    const few = findings().filter((d) => d.rule === 'skema/interval');
    expect(reportText(few, sources(), SUMMARY)).not.toContain('flere');
  });

  it('json: the first 20 per rule and file, the last of them saying how many were left out', () => {
    const json = JSON.parse(reportJson(findings(), sources())) as JsonDiagnostic[];
    const noisy = json.filter((f) => f.file === NOISY && f.rule === 'tekst/styretegn');
    expect(noisy.map((f) => f.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(noisy.slice(0, 19).every((f) => f.omitted === undefined)).toBe(true);
    expect(noisy[19]).toMatchObject({ line: 20, omitted: 30 });
    expect(json.find((f) => f.file === OTHER && f.rule === 'tekst/styretegn' && f.omitted !== undefined)).toMatchObject({ line: 20, omitted: 5 });
    expect(json.filter((f) => f.rule === 'skema/interval')).toHaveLength(20);
    expect(json.filter((f) => f.rule === 'skema/interval' && 'omitted' in f)).toEqual([]);
    expect(json).toHaveLength(20 + 3 + 20 + 20);
    // What was shown plus what was left out is everything.
    expect(json.length + json.reduce((n, f) => n + (f.omitted ?? 0), 0)).toBe(findings().length);
  });

  it('json: toJson without a limit still gives every finding (for tools and tests)', () => {
    const all = toJson(findings(), sources());
    expect(all).toHaveLength(findings().length);
    expect(all.some((f) => 'omitted' in f)).toBe(false);
  });

  it('github: 20 annotations per rule and file, then one »… og N flere« annotation at the first one left out', () => {
    const commands = reportGithub(findings(), sources()).trimEnd().split('\n');
    const noisy = commands.filter((c) => c.includes(`file=${NOISY}`) && c.includes('title=tekst/styretegn'));
    expect(noisy).toHaveLength(21);
    expect(noisy[19]).toMatch(/^::error .*,line=20,.*::fund på linje 20$/);
    expect(noisy[20]).toBe(`::error file=${NOISY},line=21,col=1,endLine=21,endColumn=5,title=tekst/styretegn::… og 30 flere`);
    // Mostly warnings, but an error among those left out: announced as an error.
    expect(commands).toContain(`::error file=${OTHER},line=21,col=1,endLine=21,endColumn=5,title=tekst/styretegn::… og 5 flere`);
    expect(commands.filter((c) => c.includes('title=skema/interval'))).toHaveLength(20);
    expect(commands).toHaveLength(21 + 3 + 21 + 20);
  });
});
