/**
 * The frist calendar as the rules see it: ids only, never dates. Every date a rule compares
 * against is looked up in agreements/reference/frister.yaml, so a changed deadline is a data
 * change, not a code change. The id lists are closed so that a misspelt id is a type error and
 * `ref/manglende-frist` knows which ids the catalogue needs.
 */
import { formatCount } from '../../../basics/format.ts';
import type { Citation } from '../../rule.ts';
import type { Repository } from '../../../model/repository.ts';
import type { Frist, Vilkaar } from '../../../model/types.ts';

export const fristIds = [
  'referencedato-deling',
  'hsa-godkendelse',
  'anmodning-meddelelse',
  'delingsaftale-udkast',
  'delingsaftale-indgaaelse',
  'delingsraad-afgoerelse',
  'ikrafttraeden',
  'anmodning-periode-slut',
] as const;

export const vilkaarIds = ['hsa-opsigelsesvarsel', 'hsa-evaluering'] as const;

export type FristId = (typeof fristIds)[number];
export type VilkaarId = (typeof vilkaarIds)[number];

/** A citation built from the calendar's own `kilde` fields (see `citationText`). */
export function cite(ids: { frister?: FristId[]; vilkaar?: VilkaarId[] }): Citation {
  return ids;
}

/**
 * A frist by id; undefined when the calendar lacks it. Callers then skip silently because
 * `ref/manglende-frist` reports the gap once, not once per document.
 */
export function frist(repo: Repository, id: FristId): Frist | undefined {
  return repo.frist(id);
}

export function vilkaar(repo: Repository, id: VilkaarId): Vilkaar | undefined {
  return repo.vilkaar(id);
}

/** True when the deadline day has ended: a step due on the 1st is overdue from the 2nd. */
export function hasPassed(deadline: Frist, today: string): boolean {
  return today > deadline.dato;
}

// Date arithmetic and Danish formatting live in one place each (model/dates.ts, basics/format.ts,
// the latter through Intl); the rules use them under the names that read well in a rule.
export { addDays, addMonths, vilkaarMonths as inMonths } from '../../../model/dates.ts';
export { formatDate as danishDate } from '../../../basics/format.ts';

/** »9 måneder«, »2 år«. */
export function periodText(v: Vilkaar): string {
  return v.enhed === 'aar' ? formatCount(v.vaerdi, 'år', 'år') : formatCount(v.vaerdi, 'måned', 'måneder');
}
