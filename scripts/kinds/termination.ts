import { formatDate } from '../basics/format.ts';
import type { DataPath } from '../basics/locate.ts';
import { terminationDate } from '../model/dates.ts';
import type { IsoDate, OperatingModel, Opsigelse, SigningParty } from '../model/types.ts';

/**
 * A recorded termination (opsigelse) of an agreement, with the day it takes effect. Every stage
 * that needs the end date (rules, status overview, calendar, `npm run new -- opsigelse`) reads
 * it from here, so the arithmetic is written once (model/dates.ts, terminationDate).
 */
export interface Termination {
  /** The day notice was given to the other party. */
  meddelt: IsoDate;
  part: SigningParty;
  /** The day the termination takes effect: the agreement no longer applies from this day. */
  ophoer: IsoDate;
  /** True when `ophoer` is the notice day plus the notice period; false when the data overrides it. */
  computed: boolean;
  /** The notice day plus the notice period, whether or not the data overrides it. */
  earliest: IsoDate;
  varselMaaneder: number;
  begrundelse?: string;
  /** The opgave whose operating model ends. */
  opgave: string;
  /** Where the record sits in the document (»opsigelse.meddelt«), for findings. */
  path: DataPath;
}

/**
 * What a kind that can be terminated tells the stages (declared as `terminates` in its module).
 */
export interface Terminates<D> {
  /** The termination recorded in the document; undefined while none is recorded. */
  of(doc: D): Termination | undefined;
  /** The operating model that follows for the (kommune, opgave) from the end date on. */
  readonly follows: OperatingModel;
}

/** The termination an `opsigelse` block records, if any. */
export function terminationFrom(opsigelse: Opsigelse, opgave: string): Termination | undefined {
  const m = opsigelse.meddelt;
  if (!m) return undefined;
  const earliest = terminationDate(m.dato, opsigelse.varsel_maaneder);
  return {
    meddelt: m.dato,
    part: m.part,
    ophoer: m.ophoer ?? earliest,
    computed: m.ophoer === undefined,
    earliest,
    varselMaaneder: opsigelse.varsel_maaneder,
    ...(m.begrundelse === undefined ? {} : { begrundelse: m.begrundelse }),
    opgave,
    path: ['opsigelse', 'meddelt'],
  };
}

const partName: Record<SigningParty, string> = { region: 'regionen', kommune: 'kommunen' };

/** »opsagt af kommunen den 15. marts 2027«. */
export function noticeText(t: Termination): string {
  return `opsagt af ${partName[t.part]} den ${formatDate(t.meddelt)}`;
}

/** »Opsagt af kommunen den 15. marts 2027 med ophør den 15. december 2027«. */
export function terminationText(t: Termination): string {
  return `O${noticeText(t).slice(1)} med ophør den ${formatDate(t.ophoer)}`;
}
