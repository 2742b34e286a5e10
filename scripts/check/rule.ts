import type { Diagnostic, Severity, Span } from '../diagnostics/diagnostic.ts';
import type { RuleId } from '../diagnostics/rule-id.ts';
import { locate, type DataPath, type Target } from '../basics/locate.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { filesOnDisk, type DataFiles } from './data-files.ts';

/** A place in a document, by data path; turned into a source span when reported. */
interface Place {
  doc: SourceDocument;
  path: DataPath;
  target?: Target;
  /** An exact source span inside the node at `path` (e.g. one word of a block scalar), if known. */
  span?: Span;
}

interface Finding extends Place {
  message: string;
  related?: Array<Place & { message: string }>;
}

/** A finding about the repository as a whole (e.g. a missing reference file), not one document. */
interface FileFinding {
  file: string;
  message: string;
}

export interface RuleContext {
  repo: Repository;
  /** The date "today" for overdue checks, ISO YYYY-MM-DD. */
  today: string;
  /**
   * The files beside the YAML, for the few rules that read them (external bilag, a case's source
   * text). Undefined when the caller offers none; such rules then cannot check anything.
   */
  files: DataFiles | undefined;
  report: (finding: Finding | FileFinding) => void;
}

/**
 * Where a rule's requirement comes from. Deadline rules name frister and vilkår of the frist
 * calendar instead of quoting a source, so the citation is taken from the data (`kilde`) and
 * cannot drift from the date the rule enforces.
 */
export type Citation = string | { frister?: readonly string[]; vilkaar?: readonly string[] };

/**
 * How a rule id is written: a family and a name, »frist/hsa-godkendelse«. The rule's module is
 * the only place its id is written; the catalogue (rules/index.ts) turns the ids of its rules
 * into the closed union RuleId, which is why a rule's own id cannot be checked against RuleId
 * here (it would be checked against itself).
 */
export type RuleIdText = `${string}/${string}`;

export interface RuleMeta<Id extends RuleIdText = RuleId> {
  id: Id;
  /**
   * The rule's id before the ids became Danish throughout (e.g. »bilag/stale-version«). For one
   * release `.aftalerrc.json` may still name the rule by it: the setting applies to this rule,
   * with a warning that names the new id (config/foraeldet-id).
   */
  formerId?: string;
  /** Severity unless the configuration says otherwise. */
  severity: Severity;
  /** One Danish sentence: what the rule checks. */
  description: string;
  /** The legal or agreed source the rule enforces (document and section). */
  citation: Citation;
  /**
   * The rule reports steps whose deadline has passed (relative to `today`) but that are not
   * recorded. Such findings are warnings by default; `--strict` makes them errors.
   */
  overdue?: true;
  /**
   * The rule keeps the sealed output truthful (no document silently replaced by another, no
   * reference to nothing, no status its dates contradict, no bilag file from outside the data):
   * `.aftalerrc.json` may not make it a warning or turn it off.
   */
  locked?: true;
}

export interface Rule<Id extends RuleIdText = RuleId> extends RuleMeta<Id> {
  check(context: RuleContext): void;
}

/**
 * Registers a rule, as remark-lint's `lintRule` does: metadata plus a function that only
 * reports. Severity, positions and collection are the runner's business.
 */
export function defineRule<const Id extends RuleIdText>(rule: Rule<Id>): Rule<Id> {
  return rule;
}

/** The citation as text; frist-based citations are looked up in the repository's frist calendar. */
export function citationText(citation: Citation, repo?: Repository): string {
  if (typeof citation === 'string') return citation;
  const parts: string[] = [];
  const add = (text: string) => {
    if (!parts.includes(text)) parts.push(text);
  };
  for (const id of citation.frister ?? []) {
    const frist = repo?.frist(id);
    add(
      frist
        ? `${frist.kilde.dokument}, ${frist.kilde.afsnit} [fristkalenderen: ${id}, ${frist.dato}]`
        : `Fristkalenderen: ${id}${repo ? ' (mangler i agreements/reference/frister.yaml)' : ''}`,
    );
  }
  for (const id of citation.vilkaar ?? []) {
    const vilkaar = repo?.vilkaar(id);
    const unit = vilkaar ? (vilkaar.enhed === 'aar' ? 'år' : vilkaar.vaerdi === 1 ? 'måned' : 'måneder') : '';
    add(
      vilkaar
        ? `${vilkaar.kilde.dokument}, ${vilkaar.kilde.afsnit} [fristkalenderen: ${id}, ${vilkaar.vaerdi} ${unit}]`
        : `Fristkalenderen: ${id}${repo ? ' (mangler i agreements/reference/frister.yaml)' : ''}`,
    );
  }
  return parts.join('; ');
}

function spanOf(place: Place) {
  return place.span ?? locate(place.doc.yaml, place.path, place.target ?? 'value');
}

/** Runs rules in catalogue order and collects their findings as diagnostics. */
export function runRules(
  rules: readonly Rule[],
  repo: Repository,
  options: { today: string; root?: string; files?: DataFiles; severity?: (rule: Rule) => Severity | 'off' },
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  // Files on disk under the root unless the caller offers others (the rule tests hold theirs in memory).
  const files = options.files ?? (options.root === undefined ? undefined : filesOnDisk(options.root));
  for (const rule of rules) {
    const severity = options.severity?.(rule) ?? rule.severity;
    if (severity === 'off') continue;
    rule.check({
      repo,
      today: options.today,
      files,
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
