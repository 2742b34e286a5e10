/**
 * Which operating model each kommune of a råd gets for each opgave. Most råd decide as the real
 * case EMN-2025-10366 does (three opgaver kommunal, specialiseret rehabilitering regional); a few
 * vary, so that every kind of document and every coverage rule is exercised at scale.
 */
import type { OperatingModel } from '../model/types.ts';

/** One underpunkt of the indstilling: a model for an opgave, for all of the råd or a list. */
export interface Decision {
  opgave: string;
  model: OperatingModel;
  kommuner: string[];
  /** True when it covers every kommune of the råd (the underpunkt then has no list). */
  all: boolean;
}

const BASE: Readonly<Record<string, OperatingModel>> = {
  akutsygepleje: 'kommunal',
  'sundheds-og-omsorgspladser': 'kommunal',
  'patientrettet-forebyggelse': 'kommunal',
  'specialiseret-rehabilitering': 'regional',
};

/** A variant changes one opgave: `first` kommuner (by a count) get `model`, the rest keep the base. */
interface Variant {
  opgave: string;
  model: OperatingModel;
  first: (members: number) => number;
}

/**
 * By the råd's position in region.yaml, repeating every six (synthetic råd cycle through the
 * same variants). 0: regional akutsygepleje; 2: anmodning about patientrettet forebyggelse for
 * the first half of the kommuner; 5: one kommune keeps specialiseret rehabilitering under an HSA.
 */
const VARIANTS: Readonly<Record<number, Variant>> = {
  0: { opgave: 'akutsygepleje', model: 'regional', first: (n) => n },
  2: { opgave: 'patientrettet-forebyggelse', model: 'anmodning', first: (n) => Math.ceil(n / 2) },
  5: { opgave: 'specialiseret-rehabilitering', model: 'kommunal', first: () => 1 },
};

/** The decisions for one råd, in the order of `opgaver`; every (kommune, opgave) exactly once. */
export function decisionsFor(raadIndex: number, members: readonly string[], opgaver: readonly string[]): Decision[] {
  const variant = VARIANTS[raadIndex % 6];
  const out: Decision[] = [];
  for (const opgave of opgaver) {
    const base = BASE[opgave] ?? 'regional';
    const split = variant && variant.opgave === opgave ? Math.min(members.length, variant.first(members.length)) : 0;
    const groups: Array<[OperatingModel, string[]]> = [
      [variant?.model ?? base, members.slice(0, split)],
      [base, members.slice(split)],
    ];
    for (const [model, kommuner] of groups) {
      if (kommuner.length === 0) continue;
      out.push({ opgave, model, kommuner, all: kommuner.length === members.length });
    }
  }
  return out;
}

/** The model of one (kommune, opgave). */
export function modelOf(decisions: readonly Decision[], kommune: string, opgave: string): OperatingModel | undefined {
  return decisions.find((d) => d.opgave === opgave && d.kommuner.includes(kommune))?.model;
}
