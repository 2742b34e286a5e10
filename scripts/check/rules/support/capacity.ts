import type { DataPath } from '../../../basics/locate.ts';
import type { Repository } from '../../../model/repository.ts';
import type { SourceDocument } from '../../../model/source-document.ts';
import type { Sundhedsraad } from '../../../model/types.ts';
import { canonical } from './documents.ts';

/** The opgave whose places are counted against the sundhedsråd's number in region.yaml. */
const PLADS_OPGAVE = 'sundheds-og-omsorgspladser';

export interface RaadCapacity {
  raad: Sundhedsraad;
  /** region.yaml and the path of the råd's `sundheds_og_omsorgspladser`. */
  region: SourceDocument<'region'>;
  limitPath: DataPath;
  hsas: Array<{ doc: SourceDocument<'hsa'>; pladser: number | null; path: DataPath }>;
}

/** Per sundhedsråd with HSAs for sundheds- og omsorgspladser: its limit and each HSA's places. */
export function capacities(repo: Repository): RaadCapacity[] {
  const region = repo.ofKind('region')[0];
  if (!region) return [];
  const hsas = canonical(repo, 'hsa').filter((h) => h.data.opgave === PLADS_OPGAVE);
  const out: RaadCapacity[] = [];
  for (const [i, raad] of region.data.sundhedsraad.entries()) {
    if (repo.sundhedsraad(raad.id) !== raad) continue; // a duplicated råd id: ref/dobbelt-kode
    const mine = hsas.filter((h) => raad.kommuner.includes(h.data.kommune));
    if (mine.length === 0) continue;
    out.push({
      raad,
      region,
      limitPath: ['sundhedsraad', i, 'sundheds_og_omsorgspladser'],
      // Without a kapacitet block the finding points at the opgave, the reason one is needed.
      hsas: mine.map((doc) => ({ doc, pladser: doc.data.kapacitet?.pladser ?? null, path: doc.data.kapacitet ? ['kapacitet', 'pladser'] : ['opgave'] })),
    });
  }
  return out;
}
