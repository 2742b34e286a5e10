import type { DocumentKind } from '../model/kinds.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { Frist, IsoDate, Kilde, Vilkaar } from '../model/types.ts';

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
  /** The document was terminated before this date: the step is no longer due (calendar: STATUS:CANCELLED). */
  cancelled?: true;
  /**
   * Done after its date (reality over plan): the begrundelser the data gives for the late dates
   * (`forsinkelser`), empty when it gives none (then the check reports an error).
   */
  late?: { begrundelser: string[] };
}

export type DeadlineState = 'opfyldt' | 'aaben' | 'overskredet' | 'kommende' | 'passeret' | 'aflyst';

/**
 * A deadline as of `today`: a recorded step is opfyldt; an unrecorded one is åben until its day
 * has ended and overskredet from the day after (a step due on the 1st is overdue on the 2nd,
 * as in the check's forsinket/… rules); a date with nothing to record is kommende, then passeret.
 * A step the document's termination cancelled is aflyst, whatever the day.
 */
export function deadlineState(d: DocumentDeadline, today: IsoDate): DeadlineState {
  if (d.cancelled) return 'aflyst';
  if (d.done === undefined) return today > d.dato ? 'passeret' : 'kommende';
  if (d.done !== null) return 'opfyldt';
  return today > d.dato ? 'overskredet' : 'aaben';
}

export interface Step {
  label: string;
  /** See DocumentDeadline.done. */
  done: IsoDate | null | undefined;
  missing?: string;
  /** The document's own date, where it sets one; else the calendar's. */
  dato?: IsoDate;
}

/** The value at a dotted path of the data (»godkendelser.regionsraad«). */
function valueAt(data: unknown, dotted: string): unknown {
  let value = data;
  for (const key of dotted.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/**
 * A step done after its date, with the begrundelser the document gives for it: those
 * `forsinkelser` whose field holds a date after the frist and no later than the day the step
 * was done (the late approvals that made it late).
 */
function lateness(doc: SourceDocument<DocumentKind>, dato: IsoDate, done: IsoDate | null | undefined): Pick<DocumentDeadline, 'late'> {
  if (typeof done !== 'string' || done <= dato) return {};
  const forsinkelser = (doc.data as { forsinkelser?: Record<string, string> }).forsinkelser ?? {};
  const begrundelser = Object.entries(forsinkelser).flatMap(([field, text]) => {
    const value = valueAt(doc.data, field);
    return typeof value === 'string' && value > dato && value <= done ? [text.replace(/\s+/g, ' ').trim()] : [];
  });
  return { late: { begrundelser: [...new Set(begrundelser)] } };
}

export function fromFrist(doc: SourceDocument<DocumentKind>, kommuner: string[], f: Frist | undefined, step: Step): DocumentDeadline[] {
  if (!f) return []; // ref/manglende-frist reports a calendar without the id, once
  const { label, done, missing, dato } = step;
  return [
    {
      key: `${doc.data.id}/${f.id}`,
      source: f.id,
      doc,
      kommuner,
      dato: dato ?? f.dato,
      betegnelse: f.betegnelse,
      label,
      kilde: f.kilde,
      done,
      ...(done === null && missing ? { missing } : {}),
      ...lateness(doc, dato ?? f.dato, done),
    },
  ];
}

export function fromVilkaar(doc: SourceDocument<DocumentKind>, kommuner: string[], v: Vilkaar | undefined, label: string, dato: IsoDate): DocumentDeadline[] {
  if (!v) return [];
  return [{ key: `${doc.data.id}/${v.id}`, source: v.id, doc, kommuner, dato, betegnelse: v.betegnelse, label, kilde: v.kilde, done: undefined }];
}
