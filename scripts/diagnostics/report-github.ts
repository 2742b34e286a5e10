import { capFindings, FINDINGS_PER_RULE_AND_FILE, omittedMessage, worstSeverity, type ShownFinding } from './cap.ts';
import { touchesChanged } from './changed.ts';
import { countNoun } from './danish.ts';
import type { Diagnostic, Severity } from './diagnostic.ts';
import type { SourceStore } from './sources.ts';

// Escaping as GitHub's toolkit does it (core/command.ts): data escapes %, CR, LF; properties also : and ,.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function annotation(severity: Severity, d: Diagnostic, sources: SourceStore, message: string): string {
  const { start, end } = sources.resolve(d.file, d.span);
  const props = [
    `file=${escapeProperty(d.file)}`,
    `line=${start.line}`,
    `col=${start.column}`,
    `endLine=${end.line}`,
    `endColumn=${end.column}`,
    `title=${escapeProperty(d.rule)}`,
  ].join(',');
  return `::${severity === 'error' ? 'error' : 'warning'} ${props}::${escapeData(message)}\n`;
}

export interface GithubOptions {
  /** Findings per rule and file (see cap.ts). */
  limit?: number;
  /**
   * The files the pull request changes. Given, only findings that touch them are annotated, and
   * errors elsewhere (they block the merge); the other warnings are left out, said in one notice.
   */
  changed?: ReadonlySet<string>;
  /** Where the left-out warnings can be read, for the notice (»står i jobbets oversigt«). */
  leftOutAt?: string;
}

/**
 * GitHub Actions workflow commands, so findings show up inline on the pull request's diff. A rule
 * over the limit in a file ends with one annotation »… og N flere« at the first one left out.
 *
 * GitHub shows only the first 10 error and 10 warning annotations of a step. With `changed`, the
 * findings in the changed files therefore come first, and warnings in files the pull request does
 * not touch (an overdue deadline everywhere) are not annotated at all: they would bury the change.
 */
export function reportGithub(diagnostics: readonly Diagnostic[], sources: SourceStore, options: GithubOptions = {}): string {
  const { limit = FINDINGS_PER_RULE_AND_FILE, changed } = options;
  const touches = (d: Diagnostic) => changed === undefined || touchesChanged(d, changed);
  const annotated = diagnostics.filter((d) => touches(d) || d.severity === 'error');
  const shown = capFindings(annotated, limit);
  // Stable: each part stays in report order.
  const ordered: ShownFinding[] = [...shown.filter((s) => touches(s.diagnostic)), ...shown.filter((s) => !touches(s.diagnostic))];
  const commands = ordered.map(({ diagnostic: d, omitted }) => {
    const related = (d.related ?? [])
      .map((r) => {
        const p = sources.resolve(r.file, r.span).start;
        return ` (se ${r.file}:${p.line}:${p.column}: ${r.message})`;
      })
      .join('');
    const more = omitted.length > 0 ? annotation(worstSeverity(omitted), omitted[0]!, sources, omittedMessage(omitted.length)) : '';
    return annotation(d.severity, d, sources, d.message + related) + more;
  });
  const leftOut = diagnostics.length - annotated.length;
  if (leftOut > 0) {
    const where = options.leftOutAt ?? 'vises med »npm run check«';
    commands.push(`::notice::${escapeData(`${countNoun(leftOut, 'advarsel', 'advarsler')} i filer, som pull requesten ikke ændrer, ${where}`)}\n`);
  }
  return commands.join('');
}
