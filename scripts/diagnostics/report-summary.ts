import { capFindings, FINDINGS_PER_RULE_AND_FILE, omittedMessage, worstSeverity } from './cap.ts';
import { touchesChanged } from './changed.ts';
import { countNoun, severityLabel } from './danish.ts';
import type { Diagnostic, Severity } from './diagnostic.ts';
import { summaryLine } from './report-text.ts';
import { escapeMarkdown } from './markdown-escape.ts';
import type { SourceStore } from './sources.ts';
import type { RunSummary } from './summary.ts';

/**
 * GitHub refuses a job summary over 1 MiB per step (and then shows none of it). The report stays
 * well below, leaving room for anything else the step appends.
 */
export const SUMMARY_BYTES = 900 * 1024;

/** Inline code: a fence longer than any run of backticks inside, so nothing needs escaping. */
function code(s: string): string {
  const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s.replace(/[\r\n]+/g, ' ')}${pad}${fence}`;
}

const count = (diagnostics: readonly Diagnostic[], severity: Severity) => diagnostics.filter((d) => d.severity === severity).length;

export interface SummaryOptions {
  /** The files the pull request changes: they come first, marked; undefined outside a pull request. */
  changed?: ReadonlySet<string>;
  /** Findings per rule and file (see cap.ts). */
  limit?: number;
  /** Size of the report in UTF-8 bytes at most; findings past it are counted in one closing line. */
  maxBytes?: number;
}

/**
 * The whole report as Markdown for the job summary (`$GITHUB_STEP_SUMMARY`): the counts, then every
 * finding grouped by file and within a file by rule, the files the pull request changes first.
 * The annotations show only what concerns the change (report-github.ts); this is where the rest
 * can be read. Each finding is one list item, `file:line:col`, severity, rule id, message.
 */
export function reportSummary(diagnostics: readonly Diagnostic[], sources: SourceStore, run: RunSummary, options: SummaryOptions = {}): string {
  const { changed, limit = FINDINGS_PER_RULE_AND_FILE, maxBytes = SUMMARY_BYTES } = options;
  const head: string[] = ['## Kontrol af data', '', escapeMarkdown(summaryLine(diagnostics, run)), ''];
  if (changed !== undefined) {
    const mine = diagnostics.filter((d) => changed.has(d.file));
    const others = diagnostics.filter((d) => !changed.has(d.file));
    const annotated = diagnostics.filter((d) => touchesChanged(d, changed) || d.severity === 'error').length;
    head.push(
      '| | Fejl | Advarsler |',
      '| --- | ---: | ---: |',
      `| Filer ændret i denne pull request | ${count(mine, 'error')} | ${count(mine, 'warning')} |`,
      `| Andre filer | ${count(others, 'error')} | ${count(others, 'warning')} |`,
      `| I alt | ${count(diagnostics, 'error')} | ${count(diagnostics, 'warning')} |`,
      '',
      `${annotated} fund står som anmærkning på pull requestens ændringer: fundene i de ændrede filer og alle fejl, da de blokerer. Her står alle.`,
      '',
    );
  }

  // By file, changed files first, then by rule; capFindings keeps each rule's findings together and in order.
  const isChanged = (file: string) => changed?.has(file) === true;
  const shown = capFindings(diagnostics, limit).sort((a, b) => {
    const [fa, fb] = [a.diagnostic.file, b.diagnostic.file];
    if (isChanged(fa) !== isChanged(fb)) return isChanged(fa) ? -1 : 1;
    if (fa !== fb) return fa < fb ? -1 : 1;
    return a.diagnostic.rule < b.diagnostic.rule ? -1 : a.diagnostic.rule > b.diagnostic.rule ? 1 : 0;
  });

  const perFile = new Map<string, Record<Severity, number>>();
  for (const d of diagnostics) {
    const n = perFile.get(d.file) ?? { error: 0, warning: 0 };
    n[d.severity]++;
    perFile.set(d.file, n);
  }

  const closing = (left: number) => `\n${omittedMessage(left)} fund; hele listen giver ${code('npm run check')}.\n`;
  const reserve = Buffer.byteLength(closing(diagnostics.length));
  const out: string[] = [...head];
  let bytes = Buffer.byteLength(head.join('\n'));
  let written = 0;
  let file: string | undefined;
  let section: boolean | undefined;
  const place = (f: Diagnostic) => {
    const p = sources.resolve(f.file, f.span).start;
    return code(`${f.file}:${p.line}:${p.column}`);
  };
  for (const { diagnostic: d, omitted } of shown) {
    const block: string[] = [];
    if (file !== undefined && file !== d.file) block.push('');
    if (changed !== undefined && section !== isChanged(d.file)) {
      section = isChanged(d.file);
      block.push(section ? '### Ændret i denne pull request' : '### Andre filer', '');
    }
    if (file !== d.file) {
      const n = perFile.get(d.file)!;
      const counts = [countNoun(n.error, 'fejl', 'fejl'), countNoun(n.warning, 'advarsel', 'advarsler')].join(' og ');
      block.push(`#### ${code(d.file)} · ${counts}`, '');
    }
    block.push(`- ${place(d)} ${severityLabel[d.severity]} ${code(d.rule)} ${escapeMarkdown(d.message)}`);
    for (const r of d.related ?? []) {
      const p = sources.resolve(r.file, r.span).start;
      block.push(`  - se ${code(`${r.file}:${p.line}:${p.column}`)} ${escapeMarkdown(r.message)}`);
    }
    if (omitted.length > 0)
      block.push(`- ${place(omitted[0]!)} ${severityLabel[worstSeverity(omitted)]} ${code(d.rule)} ${escapeMarkdown(omittedMessage(omitted.length))}`);
    const size = Buffer.byteLength('\n' + block.join('\n'));
    if (bytes + size + reserve > maxBytes) break;
    out.push(...block);
    bytes += size;
    written += 1 + omitted.length;
    file = d.file;
  }
  const text = out.join('\n');
  return written < diagnostics.length ? text + '\n' + closing(diagnostics.length - written) : text + '\n';
}
