import { toJson } from './report-json.ts';
import type { Diagnostic } from './diagnostic.ts';
import type { SourceStore } from './sources.ts';

// Escaping as GitHub's toolkit does it (core/command.ts): data escapes %, CR, LF; properties also : and ,.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands, so findings show up inline on the pull request's diff. */
export function reportGithub(diagnostics: readonly Diagnostic[], sources: SourceStore): string {
  return toJson(diagnostics, sources)
    .map((d) => {
      const command = d.severity === 'error' ? 'error' : 'warning';
      const props = [
        `file=${escapeProperty(d.file)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `endLine=${d.endLine}`,
        `endColumn=${d.endColumn}`,
        `title=${escapeProperty(d.rule)}`,
      ].join(',');
      const related = d.related?.map((r) => ` (se ${r.file}:${r.line}:${r.column}: ${r.message})`).join('') ?? '';
      return `::${command} ${props}::${escapeData(d.message + related)}\n`;
    })
    .join('');
}
