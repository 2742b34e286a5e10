import { decisionsInForce, type CaseState } from '../model/decisions.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { OperatingModel } from '../model/types.ts';

/** The operating model a case's indstilling gives one (kommune, opgave). */
export interface ModelDecision {
  kommune: string;
  opgave: string;
  model: OperatingModel;
  sag: SourceDocument<'sag'>;
  /** »indstillet« while no regionsråd decision on a case that names the pair is recorded. */
  state: Exclude<CaseState, 'forkastet'>;
  decidedOn?: string;
}

export const modelKey = (kommune: string, opgave: string) => `${kommune}|${opgave}`;

/**
 * Every (kommune, opgave) → the operating model in force, as the coverage rules read it: the
 * latest decided case, else the latest indstilling (model/decisions.ts). Contradictions within a
 * case are `daekning/driftsmodel`'s to report; this only reads what the data says.
 */
export function operatingModels(repo: Repository): Map<string, ModelDecision> {
  const out = new Map<string, ModelDecision>();
  for (const [key, { decision, sag, state, decidedOn }] of decisionsInForce(repo)) {
    out.set(key, { kommune: decision.kommune, opgave: decision.opgave, model: decision.model, sag, state, ...(decidedOn ? { decidedOn } : {}) });
  }
  return out;
}

/** Danish words for the models, as staff read them in the overview. */
export const modelLabel: Record<OperatingModel, string> = {
  kommunal: 'Kommunal drift',
  regional: 'Regional drift',
  anmodning: 'Anmodning',
};
