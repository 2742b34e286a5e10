import { isDocumentKind, type DocumentKind } from '../model/kinds.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { Frist, IsoDate, Kilde, Vilkaar } from '../model/types.ts';
import { latestDay } from '../model/dates.ts';

/**
 * One deadline of one document: a step that must happen by a date (approval, draft, agreement,
 * notification), or a date the document itself sets (entry into force, evaluation, end of
 * period). Every date and source comes from the data: the frist calendar in
 * agreements/reference/frister.yaml or the document's own fields.
 */
export interface DocumentDeadline {
  /** Stable per (document, deadline): »hsa-holbaek-akutsygepleje/hsa-godkendelse«. */
  key: string;
  /** The frist or vilkår id in the calendar the deadline comes from. */
  source: string;
  doc: SourceDocument<DocumentKind>;
  /** The kommuner concerned: the document's own, or a case's sundhedsråd's. */
  kommuner: string[];
  dato: IsoDate;
  /** What must happen, as the calendar words it. */
  betegnelse: string;
  /** A few Danish words for tables and lists: »godkendelse«, »ikrafttræden«. */
  label: string;
  kilde: Kilde;
  /**
   * When the step is recorded as done: a date; `null` while it is not recorded yet; `undefined`
   * for a date the data has no field to record as done (entry into force, evaluation).
   */
  done: IsoDate | null | undefined;
  /** While not done: what is missing, in Danish (»regionsrådets godkendelse«). */
  missing?: string;
}

export type DeadlineState = 'opfyldt' | 'aaben' | 'overskredet' | 'kommende' | 'passeret';

/**
 * A deadline as of `today`: a recorded step is opfyldt; an unrecorded one is åben until its day
 * has ended and overskredet from the day after (a step due on the 1st is overdue on the 2nd,
 * as in the check's forsinket/… rules); a date with nothing to record is kommende, then passeret.
 */
export function deadlineState(d: DocumentDeadline, today: IsoDate): DeadlineState {
  if (d.done === undefined) return today > d.dato ? 'passeret' : 'kommende';
  if (d.done !== null) return 'opfyldt';
  return today > d.dato ? 'overskredet' : 'aaben';
}

type Build = (repo: Repository, doc: SourceDocument<DocumentKind>) => DocumentDeadline[];

interface Step {
  label: string;
  /** See DocumentDeadline.done. */
  done: IsoDate | null | undefined;
  missing?: string;
  /** The document's own date, where it sets one; else the calendar's. */
  dato?: IsoDate;
}

function fromFrist(doc: SourceDocument<DocumentKind>, kommuner: string[], f: Frist | undefined, step: Step): DocumentDeadline[] {
  if (!f) return []; // ref/missing-frist reports a calendar without the id, once
  const { label, done, missing, dato } = step;
  return [{ key: `${doc.data.id}/${f.id}`, source: f.id, doc, kommuner, dato: dato ?? f.dato, betegnelse: f.betegnelse, label, kilde: f.kilde, done, ...(done === null && missing ? { missing } : {}) }];
}

function fromVilkaar(doc: SourceDocument<DocumentKind>, kommuner: string[], v: Vilkaar | undefined, label: string, dato: IsoDate): DocumentDeadline[] {
  if (!v) return [];
  return [{ key: `${doc.data.id}/${v.id}`, source: v.id, doc, kommuner, dato, betegnelse: v.betegnelse, label, kilde: v.kilde, done: undefined }];
}

const hsa: Build = (repo, doc) => {
  const d = (doc as SourceDocument<'hsa'>).data;
  const k = [d.kommune];
  const { regionsraad, kommunalbestyrelse } = d.godkendelser;
  const missing = [regionsraad === null && 'regionsrådets', kommunalbestyrelse === null && 'kommunalbestyrelsens'].filter(Boolean).join(' og ');
  return [
    // Both approvals recorded: the step is done on the later of the two days.
    ...fromFrist(doc, k, repo.frist('hsa-godkendelse'), { label: 'godkendelse', done: regionsraad && kommunalbestyrelse ? latestDay(regionsraad, kommunalbestyrelse)! : null, missing: `${missing} godkendelse` }),
    ...fromFrist(doc, k, repo.frist('ikrafttraeden'), { label: 'ikrafttræden', done: undefined, dato: d.ikrafttraeden }),
    ...fromVilkaar(doc, k, repo.vilkaar('hsa-evaluering'), 'evaluering', d.evaluering.senest),
  ];
};

const delingsaftale: Build = (repo, doc) => {
  const d = (doc as SourceDocument<'delingsaftale'>).data;
  const k = [d.kommune];
  const decided = d.delingsraad?.afgoerelse ?? null;
  return [
    ...fromFrist(doc, k, repo.frist('delingsaftale-udkast'), { label: 'udkast sendt', done: d.udkast_fremsendt, missing: 'fremsendelse af udkastet' }),
    // Without agreement in time the Delingsråd decides; its decision settles the agreement step too.
    ...fromFrist(doc, k, repo.frist('delingsaftale-indgaaelse'), { label: 'aftale indgået', done: d.aftalt ?? decided, missing: 'indgåelse af aftalen' }),
    // The Delingsråd's deadline applies only while the parties have not agreed.
    ...(d.aftalt !== null && !d.delingsraad ? [] : fromFrist(doc, k, repo.frist('delingsraad-afgoerelse'), { label: 'Delingsrådets afgørelse', done: decided, missing: 'Delingsrådets afgørelse' })),
    ...fromFrist(doc, k, repo.frist('ikrafttraeden'), { label: 'ikrafttræden', done: undefined }),
  ];
};

const anmodning: Build = (repo, doc) => {
  const d = (doc as SourceDocument<'anmodning'>).data;
  const k = [d.kommune];
  return [
    ...fromFrist(doc, k, repo.frist('anmodning-meddelelse'), { label: 'meddelt ministeriet', done: d.meddelt, missing: 'meddelelse til ministeriet' }),
    ...fromFrist(doc, k, repo.frist('anmodning-periode-slut'), { label: 'kommunal drift slutter', done: undefined, dato: d.periode_slut }),
  ];
};

/** What a case's indstilling must reach in time: the deadlines of the operating models it decides. */
const servedBy: Record<string, string> = { kommunal: 'hsa-godkendelse', anmodning: 'anmodning-meddelelse' };

const sag: Build = (repo, doc) => {
  const d = (doc as SourceDocument<'sag'>).data;
  const k = [...(repo.sundhedsraad(d.sundhedsraad)?.kommuner ?? [])];
  const ids = new Set(d.indstilling.punkter.flatMap((p) => (p.underpunkter ?? []).flatMap((u) => (u.driftsmodel && servedBy[u.driftsmodel] ? [servedBy[u.driftsmodel]!] : []))));
  // The case is done with a deadline once the meeting that treats it is recorded.
  return [...ids].sort().flatMap((id) => fromFrist(doc, k, repo.frist(id), { label: 'behandlet i sundhedsrådet', done: d.moede.dato, missing: 'sundhedsrådets mødedato' }));
};

const builders: Record<DocumentKind, Build> = { hsa, delingsaftale, anmodning, sag };

const compare = (a: DocumentDeadline, b: DocumentDeadline) => (a.dato !== b.dato ? (a.dato < b.dato ? -1 : 1) : a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Every deadline of every document, in date order. A terminated agreement (status opsagt) has
 * none left. Documents with a duplicated id count once, as everywhere else.
 */
export function documentDeadlines(repo: Repository): DocumentDeadline[] {
  return repo.documents
    .filter((d): d is SourceDocument<DocumentKind> => isDocumentKind(d.kind) && repo.byId(d.data.id) === d)
    .filter((d) => (d.data as { status?: string }).status !== 'opsagt')
    .flatMap((d) => builders[d.kind](repo, d))
    .sort(compare);
}
