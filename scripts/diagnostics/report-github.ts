import { capFindings, FINDINGS_PER_RULE_AND_FILE, omittedMessage, worstSeverity } from './cap.ts';
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

/**
 * GitHub Actions workflow commands, so findings show up inline on the pull request's diff. A rule
 * over the limit in a file ends with one annotation »… og N flere« at the first one left out.
 */
export function reportGithub(diagnostics: readonly Diagnostic[], sources: SourceStore, limit = FINDINGS_PER_RULE_AND_FILE): string {
  return capFindings(diagnostics, limit)
    .map(({ diagnostic: d, omitted }) => {
      const related = (d.related ?? [])
        .map((r) => {
          const p = sources.resolve(r.file, r.span).start;
          return ` (se ${r.file}:${p.line}:${p.column}: ${r.message})`;
        })
        .join('');
      const more = omitted.length > 0 ? annotation(worstSeverity(omitted), omitted[0]!, sources, omittedMessage(omitted.length)) : '';
      return annotation(d.severity, d, sources, d.message + related) + more;
    })
    .join('');
}
