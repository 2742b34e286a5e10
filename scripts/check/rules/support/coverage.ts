import type { DataPath } from '../../../basics/locate.ts';
import type { Repository } from '../../../model/repository.ts';
import type { SourceDocument } from '../../../model/source-document.ts';
import type { OperatingModel, Sundhedsraad } from '../../../model/types.ts';
import { canonical } from './documents.ts';

/** One operating model decided for one (kommune, opgave) by one underpunkt of a case. */
export interface Decision {
  kommune: string;
  opgave: string;
  model: OperatingModel;
  /** The underpunkt's path. */
  underpunkt: DataPath;
  /** Where a finding about this decision points: the kommune in the underpunkt's list, or its driftsmodel. */
  at: DataPath;
  /** »underpunkt b i punkt 1«. */
  name: string;
}

export interface CaseCoverage {
  sag: SourceDocument<'sag'>;
  raad: Sundhedsraad;
  decisions: Decision[];
}

const letters = 'abcdefghijklmnopqrstuvwxyz';

/**
 * The cases whose indstilling decides operating models, with every decision spelled out per
 * kommune (an underpunkt without `kommuner` applies to all of the sundhedsråd's kommuner).
 * Cases that decide no operating model (other agenda items) and sundhedsråd without confirmed
 * kommuner have nothing to cover. Unknown kommuner and opgaver are the ref rules' business.
 */
export function casesWithDecisions(repo: Repository): CaseCoverage[] {
  const out: CaseCoverage[] = [];
  for (const sag of canonical(repo, 'sag')) {
    const raad = repo.sundhedsraad(sag.data.sundhedsraad);
    if (!raad || raad.kommuner.length === 0) continue;
    const decisions: Decision[] = [];
    for (const [i, punkt] of sag.data.indstilling.punkter.entries()) {
      for (const [j, u] of (punkt.underpunkter ?? []).entries()) {
        if (!u.opgave || !u.driftsmodel || !repo.opgave(u.opgave)) continue;
        const underpunkt: DataPath = ['indstilling', 'punkter', i, 'underpunkter', j];
        const name = `underpunkt ${letters[j] ?? j + 1} i punkt ${i + 1}`;
        const kommuner = u.kommuner ? u.kommuner.map((k, n) => ({ k, at: [...underpunkt, 'kommuner', n] })) : raad.kommuner.map((k) => ({ k, at: [...underpunkt, 'driftsmodel'] }));
        for (const { k, at } of kommuner) {
          if (!repo.kommune(k)) continue;
          decisions.push({ kommune: k, opgave: u.opgave, model: u.driftsmodel, underpunkt, at, name });
        }
      }
    }
    if (decisions.length > 0) out.push({ sag, raad, decisions });
  }
  return out;
}

/**
 * True when the missing document is most likely already reported elsewhere: a file with errors
 * under the conventional id, or a bilag of the case that points at nothing (a deleted or broken
 * file, or a typo) and whose id names the kommune and the opgave. ref/unknown-document or the
 * file's own errors say what to fix; »no HSA« would be a second message for the same mistake.
 */
export function explainedElsewhere(repo: Repository, sag: SourceDocument<'sag'>, conventionalId: string, ...parts: string[]): boolean {
  if (repo.isBroken(conventionalId)) return true;
  return sag.data.bilag.some((b) => b.dokument !== undefined && !repo.byId(b.dokument) && parts.every((p) => b.dokument!.includes(p)));
}

/**
 * The delingsaftaler of a kommune, and whether »none« can be trusted: not when a delingsaftale
 * file failed to load under the conventional id, nor when some delingsaftale names a kommune
 * code the region does not know (that may be this kommune, mistyped; ref/unknown-kommune
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
