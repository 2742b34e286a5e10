/**
 * The shape most deadline rules share: look up one frist in the calendar, go through the
 * documents of one kind, and hold one or more date fields of each against it. A rule file then
 * says only what differs (which frist, which fields, when a document is left alone, and the
 * Danish message), and the lookup, the loop and the »calendar lacks the frist« case are written
 * once. Rules of another shape (vilkår in months or years, a case's meeting against the
 * deadline its indstilling serves) stay written out with `defineRule`.
 */
import type { DataPath } from '../../../basics/locate.ts';
import type { Kind } from '../../../model/kinds.ts';
import type { Repository } from '../../../model/repository.ts';
import type { SourceDocument } from '../../../model/source-document.ts';
import type { Frist, IsoDate } from '../../../model/types.ts';
import { defineRule, type Rule, type RuleIdText } from '../../rule.ts';
import { cite, frist as lookUp, hasPassed, type FristId } from './calendar.ts';

/** A date field of a document: where it is, and its value (null or undefined: not recorded). */
type DateField = readonly [path: DataPath, date: IsoDate | null | undefined];

interface Common<Id extends RuleIdText, K extends Kind> {
  id: Id;
  /** One Danish sentence: what the rule checks. */
  description: string;
  /** The frist the dates are held against; a calendar without it makes the rule quiet (ref/manglende-frist reports it). */
  frist: FristId;
  /** Further frister the rule's citation names after `frist` (e.g. the Delingsråd's deadline). */
  alsoCites?: FristId[];
  kind: K;
  /** The date fields the rule looks at, in the order they are checked and reported. */
  dates: (doc: SourceDocument<K>) => readonly DateField[];
  /** Documents the rule leaves alone, e.g. a terminated agreement. */
  skip?: (doc: SourceDocument<K>) => boolean;
}

/** A recorded date must be on or before the deadline (`by`), or be the deadline day itself (`on`). */
export interface DateRuleOptions<Id extends RuleIdText, K extends Kind> extends Common<Id, K> {
  must: 'by' | 'on';
  message: (date: IsoDate, deadline: Frist, path: DataPath) => string;
}

/**
 * Once the deadline day has ended (relative to `today`), the dates must be recorded. One finding
 * per document, at the first missing date, naming all that are missing. Such rules are overdue
 * rules: warnings by default, errors with --strict.
 */
export interface OverdueRuleOptions<Id extends RuleIdText, K extends Kind> extends Common<Id, K> {
  must: 'be recorded';
  message: (deadline: Frist, missing: readonly DataPath[], context: { repo: Repository; today: string }) => string;
}

/** The document's begrundelse for a late date at `path` (`forsinkelser`, keyed by the dotted path), if it gives one. */
export function justification(doc: SourceDocument, path: DataPath): { justified?: string } {
  const forsinkelser = (doc.data as { forsinkelser?: Record<string, string> }).forsinkelser;
  const text = forsinkelser?.[path.join('.')];
  return text === undefined ? {} : { justified: text };
}

export function deadlineRule<Id extends RuleIdText, K extends Kind>(options: DateRuleOptions<Id, K> | OverdueRuleOptions<Id, K>): Rule<Id> {
  const { id, description, kind, dates, skip } = options;
  const citation = cite({ frister: [options.frist, ...(options.alsoCites ?? [])] });
  if (options.must === 'be recorded') {
    const { message } = options;
    return defineRule({
      id,
      severity: 'warning',
      overdue: true,
      description,
      citation,
      check({ repo, today, report }) {
        const deadline = lookUp(repo, options.frist);
        if (!deadline || !hasPassed(deadline, today)) return;
        for (const doc of repo.ofKind(kind)) {
          if (skip?.(doc)) continue;
          const missing = dates(doc)
            .filter(([, date]) => date === null || date === undefined)
            .map(([path]) => path);
          if (missing.length === 0) continue;
          report({ doc, path: missing[0]!, message: message(deadline, missing, { repo, today }) });
        }
      },
    });
  }
  const { must, message } = options;
  return defineRule({
    id,
    severity: 'error',
    description,
    citation,
    check({ repo, report }) {
      const deadline = lookUp(repo, options.frist);
      if (!deadline) return;
      for (const doc of repo.ofKind(kind)) {
        if (skip?.(doc)) continue;
        for (const [path, date] of dates(doc)) {
          // A date not recorded yet is the overdue rules' business, not a broken deadline.
          if (date === null || date === undefined) continue;
          if (must === 'by' ? date <= deadline.dato : date === deadline.dato) continue;
          report({ doc, path, message: message(date, deadline, path), ...justification(doc, path) });
        }
      }
    },
  });
}
