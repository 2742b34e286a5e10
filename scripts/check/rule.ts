import type { Diagnostic, Severity } from '../diagnostics/diagnostic.ts';
import type { RuleId } from '../diagnostics/rule-id.ts';
import { locate, type DataPath, type Target } from '../load/locate.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';

/** A place in a document, by data path; turned into a source span when reported. */
export interface Place {
  doc: SourceDocument;
  path: DataPath;
  target?: Target;
}

export interface Finding extends Place {
  message: string;
  related?: Array<Place & { message: string }>;
}

/** A finding about the repository as a whole (e.g. a missing reference file), not one document. */
export interface FileFinding {
  file: string;
  message: string;
}

export interface RuleContext {
  repo: Repository;
  /** The date "today" for overdue checks, ISO YYYY-MM-DD. */
  today: string;
  report(finding: Finding | FileFinding): void;
}

export interface RuleMeta<Id extends RuleId = RuleId> {
  id: Id;
  /** Severity unless the configuration says otherwise. */
  severity: Severity;
  /** One Danish sentence: what the rule checks. */
  description: string;
  /** The legal or agreed source the rule enforces (document and section). */
  citation: string;
}

export interface Rule<Id extends RuleId = RuleId> extends RuleMeta<Id> {
  check(context: RuleContext): void;
}

/**
 * Registers a rule, as remark-lint's `lintRule` does: metadata plus a function that only
 * reports. Severity, positions and collection are the runner's business.
 */
export function defineRule<Id extends RuleId>(rule: Rule<Id>): Rule<Id> {
  return rule;
}

function spanOf(place: Place) {
  return locate(place.doc.yaml, place.path, place.target ?? 'value');
}

/** Runs rules in catalogue order and collects their findings as diagnostics. */
export function runRules(
  rules: readonly Rule[],
  repo: Repository,
  options: { today: string; severity?: (rule: Rule) => Severity | 'off' },
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    const severity = options.severity?.(rule) ?? rule.severity;
    if (severity === 'off') continue;
    rule.check({
      repo,
      today: options.today,
      report(finding) {
        if (!('doc' in finding)) {
          diagnostics.push({ rule: rule.id, severity, file: finding.file, message: finding.message });
          return;
        }
        diagnostics.push({
          rule: rule.id,
          severity,
          file: finding.doc.file,
          span: spanOf(finding),
          message: finding.message,
          related: finding.related?.map((r) => ({ file: r.doc.file, span: spanOf(r), message: r.message })),
        });
      },
    });
  }
  return diagnostics;
}
