/**
 * The frist calendar as the rules see it: ids only, never dates. Every date a rule compares
 * against is looked up in agreements/reference/frister.yaml, so a changed deadline is a data
 * change, not a code change. The id lists are closed so that a misspelt id is a type error and
 * `ref/missing-frist` knows which ids the catalogue needs.
 */
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
 * `ref/missing-frist` reports the gap once, not once per document.
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

const months = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/** 2026-04-01 → »1. april 2026«, as dates are written in the region's documents. */
export function danishDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}. ${months[(m ?? 1) - 1]} ${y}`;
}

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y!, m!, d!];
}

function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  return format(new Date(Date.UTC(y, m - 1, d + days)));
}

/** Calendar months later, clamped to the month's last day (31 January + 1 month = 28/29 February). */
export function addMonths(iso: string, n: number): string {
  const [y, m, d] = parts(iso);
  const lastDay = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(y, m - 1 + n, Math.min(d, lastDay))));
}

/** A vilkår's length in months (»2 år« = 24). */
export function inMonths(v: Vilkaar): number {
  return v.enhed === 'aar' ? v.vaerdi * 12 : v.vaerdi;
}

/** »9 måneder«, »2 år«. */
export function periodText(v: Vilkaar): string {
  if (v.enhed === 'aar') return `${v.vaerdi} år`;
  return `${v.vaerdi} ${v.vaerdi === 1 ? 'måned' : 'måneder'}`;
}
