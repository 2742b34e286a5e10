import type { DataPath } from '../basics/locate.ts';
import { canonical } from './canonical.ts';
import type { Repository } from './repository.ts';
import type { SourceDocument } from './source-document.ts';
import type { OperatingModel, Sundhedsraad } from './types.ts';

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
        const kommuner = u.kommuner
          ? u.kommuner.map((k, n) => ({ k, at: [...underpunkt, 'kommuner', n] }))
          : raad.kommuner.map((k) => ({ k, at: [...underpunkt, 'driftsmodel'] }));
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
