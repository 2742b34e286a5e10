import { capFindings, FINDINGS_PER_RULE_AND_FILE } from './cap.ts';
import type { Diagnostic } from './diagnostic.ts';
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
  /** On the last finding shown of a rule in a file: how many more of them the report left out. */
  omitted?: number;
}

/**
 * Machine report: one object per finding, positions 1-based, paths repository-relative. With a
 * `limit`, at most that many findings per rule and file, the last one saying how many were left
 * out; without, every finding (what tests and tools that need them all use).
 */
export function toJson(diagnostics: readonly Diagnostic[], sources: SourceStore, limit = Infinity): JsonDiagnostic[] {
  return capFindings(diagnostics, limit).map(({ diagnostic: d, omitted }) => {
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
    if (omitted.length > 0) out.omitted = omitted.length;
    return out;
  });
}

export function reportJson(diagnostics: readonly Diagnostic[], sources: SourceStore, limit = FINDINGS_PER_RULE_AND_FILE): string {
  return JSON.stringify(toJson(diagnostics, sources, limit), null, 2) + '\n';
}
