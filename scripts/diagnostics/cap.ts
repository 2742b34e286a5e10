import { compareDiagnostics, type Diagnostic, type Severity } from './diagnostic.ts';

/**
 * How many findings of one rule in one file a report shows. One broken file can produce
 * thousands of the same finding (a pasted text full of invisible characters); listed in full
 * they bury every other finding, flood a pull request with annotations and make the report
 * itself slow. Exit code and summary still count every finding.
 */
export const FINDINGS_PER_RULE_AND_FILE = 20;

/** A finding a report shows, with the findings of its rule and file left out after it. */
export interface ShownFinding {
  diagnostic: Diagnostic;
  /** Non-empty only on the last shown finding of a (rule, file) that went over the limit. */
  omitted: readonly Diagnostic[];
}

/** In report order (file, position, rule): the first `limit` findings of each rule in each file. */
export function capFindings(diagnostics: readonly Diagnostic[], limit: number = FINDINGS_PER_RULE_AND_FILE): ShownFinding[] {
  const sorted = [...diagnostics].sort(compareDiagnostics);
  const groups = new Map<string, { shown: ShownFinding[]; omitted: Diagnostic[] }>();
  const shown: ShownFinding[] = [];
  for (const d of sorted) {
    // Paths cannot contain NUL, so the key cannot be shared by two different pairs.
    const key = `${d.file}\0${d.rule}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { shown: [], omitted: [] }));
    if (group.shown.length < limit) {
      const entry = { diagnostic: d, omitted: [] as Diagnostic[] };
      group.shown.push(entry);
      shown.push(entry);
    } else {
      group.omitted.push(d);
    }
  }
  for (const group of groups.values()) if (group.omitted.length > 0) group.shown[group.shown.length - 1]!.omitted = group.omitted;
  return shown;
}

/** The line that stands for the left-out findings: »… og 12 flere«. */
export function omittedMessage(count: number): string {
  return `… og ${count} flere`;
}

/** An error among the left-out findings must not be announced as a warning. */
export function worstSeverity(diagnostics: readonly Diagnostic[]): Severity {
  return diagnostics.some((d) => d.severity === 'error') ? 'error' : 'warning';
}
