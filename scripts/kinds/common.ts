import type { Repository } from '../model/repository.ts';
import type { Frist, Kilde, OperatingModel, Status, Tekstgrundlag, Vilkaar } from '../model/types.ts';
import type { ScaffoldContext } from './kind.ts';

/** What the kind modules share: labels, view fragments, scaffold notes. */

export const statusLabel: Record<Status, string> = {
  udkast: 'Udkast',
  godkendt: 'Godkendt',
  underskrevet: 'Underskrevet',
  opsagt: 'Opsagt',
};

export interface FristView {
  dato: string;
  betegnelse: string;
  kilde: string;
}

const cite = (k: Kilde) => `${k.dokument}, ${k.afsnit}`;

/** A clause the sources do not fill: its data field, and what »Udestår« says is missing. */
export interface OpenClause<F extends string = string> {
  readonly field: F;
  readonly what: string;
}

/**
 * The clauses of a kind that the sources do not fill (issue 16): for the view, each field's text
 * or null (the template then writes »Udestår: …«); for tekst/udestaar, those still absent or null.
 */
export function openClauses<F extends string>(clauses: ReadonlyArray<OpenClause<F>>, data: Partial<Record<F, string | null>>) {
  return {
    view: Object.fromEntries(clauses.map(({ field }) => [field, data[field] ?? null])) as Record<F, string | null>,
    pending: clauses.filter(({ field }) => data[field] == null).map(({ field, what }) => ({ path: [field], what })),
  };
}

/**
 * What a document says about where its text comes from: a notice right under the title block
 * and a word in the running header, unless the text is the adopted one.
 */
export function provenance(t: Tekstgrundlag | undefined): { notits: string; sidehoved: string } | null {
  if (!t || t.type === 'vedtaget') return null;
  if (t.type === 'syntetisk') return { notits: `Syntetisk testdokument (${t.kilde}) — ikke en aftaletekst.`, sidehoved: 'Syntetisk testdokument' };
  return { notits: `Rekonstrueret fra ${t.kilde} — ikke aftalens egen tekst.`, sidehoved: 'Rekonstrueret tekst' };
}

/** A running header with the provenance word appended: »… · Rekonstrueret tekst«. */
export const withProvenance = (header: string, t: Tekstgrundlag | undefined) => {
  const p = provenance(t);
  return p ? `${header} · ${p.sidehoved}` : header;
};

/** The region's name from the reference data (»Region Østdanmark«). */
export const regionName = (repo: Repository) => repo.ofKind('region')[0]?.data.navn ?? 'Regionen';

/** »Udkast til delingsaftale« while a draft, else »Delingsaftale«. */
export const draftPrefix = (status: Status, noun: string) => (status === 'udkast' ? `Udkast til ${noun}` : noun.charAt(0).toUpperCase() + noun.slice(1));

/** A scaffold comment for a value taken from the frist calendar. */
export const fromCalendar = (f: Frist | Vilkaar) => `Standardværdi fra fristkalenderen (${f.id}): ${f.betegnelse}. Kilde: ${cite(f.kilde)}.`;

/** A note when a case decides another model for the pair than the document being created serves. */
export function modelNote(ctx: ScaffoldContext, kommune: string, opgave: string, serves: OperatingModel): string[] {
  const decision = ctx.decision(kommune, opgave);
  if (!decision || decision.model === serves) return [];
  const { repo } = ctx;
  return [
    `Bemærk: sag ${decision.sag.data.sags_id} indstiller »${ctx.modelLabel(decision.model).toLowerCase()}« for ${repo.kommune(kommune)?.navn ?? kommune} og ${repo.opgave(opgave)?.betegnelse ?? opgave}, ikke ${ctx.modelLabel(serves).toLowerCase()}.`,
  ];
}

/** The deadlines a document is bound by, from the frist calendar, in date order. */
export function fristerView(repo: Repository, ids: readonly string[]): FristView[] {
  return ids
    .map((id) => repo.frist(id))
    .filter((f) => f !== undefined)
    .map((f) => ({ dato: f.dato, betegnelse: f.betegnelse, kilde: cite(f.kilde) }))
    .sort((a, b) => (a.dato < b.dato ? -1 : a.dato > b.dato ? 1 : 0));
}

export function partiesView(repo: Repository, kommuneCode: string) {
  const region = regionName(repo);
  const kommune = repo.kommune(kommuneCode);
  return {
    region: { navn: region, cvr: repo.ofKind('region')[0]?.data.cvr ?? null },
    kommune: { kode: kommuneCode, navn: kommune?.navn ?? `Kommune ${kommuneCode}`, kortnavn: kommune?.kortnavn ?? kommuneCode, cvr: kommune?.cvr ?? null },
  };
}

export function opgaveView(repo: Repository, id: string) {
  const o = repo.opgave(id);
  return { id, navn: o?.navn ?? id, betegnelse: o?.betegnelse ?? id, lovgrundlag: o?.lovgrundlag ?? null, beskrivelse: o?.beskrivelse ?? null };
}

/** What a case's indstilling must reach in time: the deadlines of the operating models it decides. */
export const servedBy: Partial<Record<OperatingModel, string>> = { kommunal: 'hsa-godkendelse', anmodning: 'anmodning-meddelelse' };
