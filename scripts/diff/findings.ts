import { touchesChanged } from '../diagnostics/changed.ts';
import { compareDiagnostics } from '../diagnostics/diagnostic.ts';
import { countNoun } from '../diagnostics/danish.ts';
import { reportText } from '../diagnostics/report-text.ts';
import { sameFile } from './inputs.ts';
import type { Snapshot } from './snapshot.ts';
import type { Finding, RevisionFindings } from './types.ts';

/**
 * The new revision's findings as a reviewer needs them: every one in a file the change touches
 * (or pointing into one, as a duplicate id does), and every error anywhere, as errors block the
 * build. Warnings in untouched files (an overdue step elsewhere) are counted, not listed: they
 * were there before the change and would bury what it did.
 */
export function headFindings(base: Snapshot, head: Snapshot): RevisionFindings {
  const places = new Set(head.findings.flatMap((d) => [d.file, ...(d.related ?? []).map((r) => r.file)]));
  const touched = new Set([...places].filter((file) => !sameFile(base, head, file)));
  const all = [...head.findings].sort(compareDiagnostics);
  const shown = all.filter((d) => d.severity === 'error' || touchesChanged(d, touched));
  const list: Finding[] = shown.map((d) => {
    const { start } = head.sources.resolve(d.file, d.span);
    return { file: d.file, line: start.line, column: start.column, severity: d.severity, rule: d.rule, message: d.message, changed: touched.has(d.file) };
  });
  const errors = all.filter((d) => d.severity === 'error').length;
  const elsewhere = all.length - shown.length;
  const text = shown.length === 0 ? '' : reportText(shown, head.sources, { files: head.files, documents: [] });
  const note =
    elsewhere === 0 ? '' : `  (${countNoun(elsewhere, 'advarsel', 'advarsler')} i filer, som ændringen ikke rører, er ikke vist; se npm run check)\n`;
  return {
    list,
    errors,
    warnings: all.length - errors,
    warningsElsewhere: elsewhere,
    text: text + (text === '' ? '' : note),
  };
}
