import type { Diagnostic, Severity, Span } from '../diagnostics/diagnostic.ts';
import type { RuleId } from '../diagnostics/rule-id.ts';
import { locate, type DataPath, type Target } from '../basics/locate.ts';
import type { DocumentKind } from '../model/kinds.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { Validators } from '../validate/schemas.ts';
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
  /**
   * Report it as a warning even where the rule's severity is error: a problem that is not one
   * yet (a date still to come). A rule configured as warning or off stays so.
   */
  notYet?: true;
  related?: Array<Place & { message: string }>;
  /**
   * The data gives a begrundelse for what the finding reports (a date after its frist, see
   * `forsinkelser`): reality over plan, so an error is reported as a warning with the
   * begrundelse, and the build renders. `--strict` keeps it an error.
   */
  justified?: string;
}

/** A finding about the repository as a whole (e.g. a missing reference file), not one document. */
interface FileFinding {
  file: string;
  message: string;
}

/**
 * A document's Markdown as the build would render it now, with the repository's templates,
 * partials and reference data; or why it cannot be rendered (a template error, positioned).
 *
 * Rendering is the render stage's business, on the same layer as check, so check cannot import
 * it. The caller that owns both (cli/, pipeline/, tooling/) hands the renderer in through
 * checkRepository's options; the rule tests hand in one over templates held in memory. Only the
 * rule that compares a signed agreement with its `laast` fingerprint uses it, and only for the
 * signed documents, so a check without signed agreements renders nothing.
 */
export type MarkdownOf = (doc: SourceDocument<DocumentKind>) => { markdown: string } | { problem: string };

export interface RuleContext {
  repo: Repository;
  /** The date "today" for overdue checks, ISO YYYY-MM-DD. */
  today: string;
  /**
   * The files beside the YAML, for the few rules that read them (external bilag, a case's source
   * text). Undefined when the caller offers none; such rules then cannot check anything.
   */
  files: DataFiles | undefined;
  /** The renderer, for the rule that compares signed text; undefined when the caller offers none (then it checks nothing). */
  markdown: MarkdownOf | undefined;
  /** The schema validators, for a rule that validates data it makes (a tillæg's amended agreement); undefined when the caller offers none. */
  validators: Validators | undefined;
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

/** A begrundelse as one line of a message (it may be a folded or literal block). */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function spanOf(place: Place) {
  return place.span ?? locateIn(place.doc, place.path, place.target ?? 'value');
}

/** The span of a path in a document: from the spans known for its text when there are (see SourceDocument.locate). */
export function locateIn(doc: SourceDocument, path: DataPath, target: Target = 'value') {
  return doc.locate ? doc.locate(path, target) : locate(doc.yaml, path, target);
}

/** Runs rules in catalogue order and collects their findings as diagnostics. */
export function runRules(
  rules: readonly Rule[],
  repo: Repository,
  options: {
    today: string;
    root?: string;
    files?: DataFiles;
    markdown?: MarkdownOf;
    validators?: Validators;
    severity?: (rule: Rule) => Severity | 'off';
    strict?: boolean;
  },
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
      markdown: options.markdown,
      validators: options.validators,
      report(finding) {
        if (!('doc' in finding)) {
          diagnostics.push({ rule: rule.id, severity, file: finding.file, message: finding.message });
          return;
        }
        const justified = finding.justified !== undefined && !options.strict;
        diagnostics.push({
          rule: rule.id,
          severity: finding.notYet || justified ? 'warning' : severity,
          file: finding.doc.file,
          span: spanOf(finding),
          message: finding.justified === undefined ? finding.message : `${finding.message} (begrundet: ${oneLine(finding.justified)})`,
          related: finding.related?.map((r) => ({ file: r.doc.file, span: spanOf(r), message: r.message })),
        });
      },
    });
  }
  return diagnostics;
}
