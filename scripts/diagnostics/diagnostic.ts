import type { RuleId } from './rule-id.ts';

export type Severity = 'error' | 'warning';

/** A range of UTF-16 offsets into a file's decoded text; turned into line:col only when reported. */
export interface Span {
  start: number;
  end: number;
}

/** Another place that a finding involves, e.g. the document a broken reference should point at. */
interface Related {
  file: string;
  span?: Span;
  message: string;
}

/**
 * One finding: a value, like vfile-message, carrying place, severity and rule id. Paths are
 * repository-relative with forward slashes so that output is the same on every machine.
 */
export interface Diagnostic {
  rule: RuleId;
  severity: Severity;
  message: string;
  file: string;
  span?: Span;
  related?: Related[];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Stable order for reporting: by file, then position, then rule. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  const as = a.span?.start ?? -1;
  const bs = b.span?.start ?? -1;
  if (as !== bs) return as - bs;
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
