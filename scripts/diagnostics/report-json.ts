import { compareDiagnostics, type Diagnostic } from './diagnostic.ts';
import type { SourceStore } from './sources.ts';

export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Diagnostic['severity'];
  rule: string;
  message: string;
  related?: Array<{ file: string; line: number; column: number; message: string }>;
}

/** Machine report: one object per finding, positions 1-based, paths repository-relative. */
export function toJson(diagnostics: readonly Diagnostic[], sources: SourceStore): JsonDiagnostic[] {
  return [...diagnostics].sort(compareDiagnostics).map((d) => {
    const { start, end } = sources.resolve(d.file, d.span);
    const out: JsonDiagnostic = {
      file: d.file,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      severity: d.severity,
      rule: d.rule,
      message: d.message,
    };
    if (d.related?.length) {
      out.related = d.related.map((r) => {
        const p = sources.resolve(r.file, r.span).start;
        return { file: r.file, line: p.line, column: p.column, message: r.message };
      });
    }
    return out;
  });
}

export function reportJson(diagnostics: readonly Diagnostic[], sources: SourceStore): string {
  return JSON.stringify(toJson(diagnostics, sources), null, 2) + '\n';
}
