import type { Repository } from '../../../model/repository.ts';
import type { SourceDocument } from '../../../model/source-document.ts';
import { canonical } from './documents.ts';
import { formatDate } from '../../../basics/format.ts';
import type { CaseOutcome, Decision as CaseDecision } from '../../../model/decisions.ts';

// What the cases' indstillinger decide is data, not a rule: the status matrix reads it too.
export { allCaseDecisions, casesWithDecisions, decisionsInForce, pairKey, type Decision } from '../../../model/decisions.ts';

/**
 * True when the missing document is most likely already reported elsewhere: a file with errors
 * under the conventional id, or a bilag of the case that points at nothing (a deleted or broken
 * file, or a typo) and whose id names the kommune and the opgave. ref/ukendt-dokument or the
 * file's own errors say what to fix; »no HSA« would be a second message for the same mistake.
 */
export function explainedElsewhere(repo: Repository, sag: SourceDocument<'sag'>, conventionalId: string, ...parts: string[]): boolean {
  if (repo.isBroken(conventionalId)) return true;
  return sag.data.bilag.some((b) => b.dokument !== undefined && !repo.byId(b.dokument) && parts.every((p) => b.dokument.includes(p)));
}

/**
 * The delingsaftaler of a kommune, and whether »none« can be trusted: not when a delingsaftale
 * file failed to load under the conventional id, nor when some delingsaftale names a kommune
 * code the region does not know (that may be this kommune, mistyped; ref/ukendt-kommune
 * reports it).
 */
export function delingsaftalerOf(repo: Repository, kommune: string): { found: SourceDocument<'delingsaftale'>[]; uncertain: boolean } {
  const all = canonical(repo, 'delingsaftale');
  const slug = repo.kommune(kommune)?.slug ?? kommune;
  return {
    found: all.filter((d) => d.data.kommune === kommune),
    uncertain: repo.isBroken(`delingsaftale-${slug}`) || all.some((d) => !repo.kommune(d.data.kommune)),
  };
}

/**
 * Who says so, at the start of a coverage message: »Indstillingen (underpunkt a i punkt 1)«
 * while the case is undecided, »Beslutningen 17. marts 2026 (underpunkt a i punkt 1)« once the
 * regionsråd decided it, naming the decision's ændring where one set the model.
 */
export function decidedBy(outcome: CaseOutcome, d: CaseDecision): string {
  if (outcome.state !== 'besluttet') return `Indstillingen (${d.name})`;
  return `Beslutningen ${formatDate(outcome.beslutning!.dato)} (${d.changedBy ? `${d.name}, ændret ved beslutningen` : d.name})`;
}
