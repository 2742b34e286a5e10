import { capFindings, FINDINGS_PER_RULE_AND_FILE, omittedMessage, worstSeverity } from './cap.ts';
import type { Diagnostic } from './diagnostic.ts';
import { countNoun, severityLabel } from './danish.ts';
import type { SourceStore } from './sources.ts';
import type { RunSummary } from './summary.ts';

/**
 * Human report in the spirit of vfile-reporter: one line per finding as
 * `file:line:col  severity  rule-id  message`, grouped per file with aligned columns, then one
 * closing summary. Every line starts with a clickable location. A rule over the limit in a file
 * ends with »… og N flere« at the first finding left out; the summary counts every finding.
 */
export function reportText(diagnostics: readonly Diagnostic[], sources: SourceStore, summary: RunSummary, limit = FINDINGS_PER_RULE_AND_FILE): string {
  const row = (d: Diagnostic, severity: Diagnostic['severity'], message: string, related: string[]) => {
    const { start } = sources.resolve(d.file, d.span);
    return { file: d.file, place: `${d.file}:${start.line}:${start.column}`, severity: severityLabel[severity], rule: d.rule, message, related };
  };
  const rows = capFindings(diagnostics, limit).flatMap(({ diagnostic: d, omitted }) => {
    const related = (d.related ?? []).map((r) => {
      const p = sources.resolve(r.file, r.span).start;
      return `${r.file}:${p.line}:${p.column}  ${r.message}`;
    });
    const shown = row(d, d.severity, d.message, related);
    return omitted.length > 0 ? [shown, row(omitted[0]!, worstSeverity(omitted), omittedMessage(omitted.length), [])] : [shown];
  });
  const width = (pick: (r: (typeof rows)[number]) => string) => Math.max(0, ...rows.map((r) => pick(r).length));
  const wPlace = width((r) => r.place);
  const wSeverity = width((r) => r.severity);
  const wRule = width((r) => r.rule);

  const lines: string[] = [];
  let previousFile: string | undefined;
  for (const r of rows) {
    if (previousFile !== undefined && previousFile !== r.file) lines.push('');
    previousFile = r.file;
    lines.push(`${r.place.padEnd(wPlace)}  ${r.severity.padEnd(wSeverity)}  ${r.rule.padEnd(wRule)}  ${r.message}`);
    for (const rel of r.related) lines.push(`${' '.repeat(wPlace)}  ↳ ${rel}`);
  }
  if (lines.length > 0) lines.push('');
  lines.push(summaryLine(diagnostics, summary));
  return lines.join('\n') + '\n';
}

/** The closing line: »✖ 2 fejl og 41 advarsler · 36 filer kontrolleret (…)«. */
export function summaryLine(diagnostics: readonly Diagnostic[], summary: RunSummary): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const kinds = summary.documents
    .filter(({ count }) => count > 0)
    .map(({ nouns, count }) => countNoun(count, nouns[0], nouns[1]))
    .join(', ');
  const scope = `${countNoun(summary.files, 'fil', 'filer')} kontrolleret${kinds ? ` (${kinds})` : ''}`;
  if (errors === 0 && warnings === 0) return `✔ Ingen fejl · ${scope}`;
  const found = [countNoun(errors, 'fejl', 'fejl'), countNoun(warnings, 'advarsel', 'advarsler')].join(' og ');
  return `${errors > 0 ? '✖' : '⚠'} ${found} · ${scope}`;
}
