import { casesWithDecisions } from '../model/decisions.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { OperatingModel } from '../model/types.ts';

/** The operating model a case's indstilling gives one (kommune, opgave). */
export interface ModelDecision {
  kommune: string;
  opgave: string;
  model: OperatingModel;
  sag: SourceDocument<'sag'>;
}

export const modelKey = (kommune: string, opgave: string) => `${kommune}|${opgave}`;

/**
 * Every (kommune, opgave) → operating model that the cases' indstillinger decide, as the
 * coverage rules read them (an underpunkt without `kommuner` applies to all the sundhedsråd's
 * confirmed kommuner). When two underpunkter decide the same pair, the first wins:
 * contradictions are `daekning/driftsmodel`'s to report, this only reads what the data says.
 */
export function operatingModels(repo: Repository): Map<string, ModelDecision> {
  const decisions = new Map<string, ModelDecision>();
  for (const { sag, decisions: decided } of casesWithDecisions(repo)) {
    for (const d of decided) {
      const key = modelKey(d.kommune, d.opgave);
      if (!decisions.has(key)) decisions.set(key, { kommune: d.kommune, opgave: d.opgave, model: d.model, sag });
    }
  }
  return decisions;
}

/** Danish words for the models, as staff read them in the overview. */
export const modelLabel: Record<OperatingModel, string> = {
  kommunal: 'Kommunal drift',
  regional: 'Regional drift',
  anmodning: 'Anmodning',
};
