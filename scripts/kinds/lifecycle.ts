import type { Repository } from '../model/repository.ts';
import type { Godkendelser, IsoDate, Kilde, Laast, SigningParty, Status, Underskrift, Underskrifter, Underskriverkrav } from '../model/types.ts';
import { latestDay } from '../model/dates.ts';

/**
 * What an agreement that both parties approve and sign (an HSA, a delingsaftale, a tillæg)
 * tells the stages about its life after the draft. A kind declares it as `agreement` in its
 * module; rules, status and the kommune bundle ask through it and never read a kind's fields.
 */
export interface Agreement<D> {
  status(doc: D): Status;
  approvals(doc: D): Godkendelser;
  /** Undefined: no signature recorded yet (the field is absent). */
  signatures(doc: D): Underskrifter | undefined;
  /** The fingerprint of the signed text, once recorded. */
  locked(doc: D): Laast | undefined;
}

export const SIGNING_PARTIES: readonly SigningParty[] = ['region', 'kommune'];

const partyNoun: Record<SigningParty, string> = { region: 'regionen', kommune: 'kommunen' };
export const partyLabel = (party: SigningParty) => partyNoun[party];

/**
 * The default when agreements/reference/region.yaml names no requirement: two per party (the
 * chair and a medunderskrift, lov om kommunernes styrelse § 32).
 */
const DEFAULT_REQUIREMENT: Underskriverkrav = {
  antal: 2,
  betegnelse: 'Formanden med medunderskrift af en bemyndiget person',
  kilde: { dokument: 'Lov om kommunernes styrelse', afsnit: '§ 32 (standardværdi)' },
};

/** How many signatories each party needs, from the reference data (with its citation). */
export function signatureRequirement(repo: Repository, party: SigningParty): Underskriverkrav & { kilde: Kilde } {
  return repo.ofKind('region')[0]?.data.underskrivere?.[party] ?? DEFAULT_REQUIREMENT;
}

export interface MissingSignatures {
  party: SigningParty;
  /** How many signatures the party still lacks. */
  missing: number;
  required: number;
}

/** Per party, the signatures still missing (parties with none missing are left out). */
export function missingSignatures(repo: Repository, signatures: Underskrifter | undefined): MissingSignatures[] {
  return SIGNING_PARTIES.flatMap((party) => {
    const required = signatureRequirement(repo, party).antal;
    const have = signatures?.[party].length ?? 0;
    return have >= required ? [] : [{ party, missing: required - have, required }];
  });
}

/** The day both parties' signatures are complete: the latest signature's date; undefined while any is missing. */
export function signedOn(repo: Repository, signatures: Underskrifter | undefined): IsoDate | undefined {
  if (!signatures || missingSignatures(repo, signatures).length > 0) return undefined;
  return latestDay(...SIGNING_PARTIES.flatMap((p) => signatures[p].map((s) => s.dato)));
}

export interface SignatureRowView {
  navn: string | null;
  titel: string | null;
  dato: IsoDate | null;
}

/**
 * The signature block's rows per party: every recorded signatory, then blank rows up to the
 * required number, so a printed copy has a line for each one still to sign.
 */
function signaturesView(repo: Repository, signatures: Underskrifter | undefined): Record<SigningParty, SignatureRowView[]> {
  const rows = (party: SigningParty): SignatureRowView[] => {
    const have: Underskrift[] = signatures?.[party] ?? [];
    const required = signatureRequirement(repo, party).antal;
    const blanks = Math.max(0, required - have.length);
    return [
      ...have.map((s) => ({ navn: s.navn, titel: s.titel, dato: s.dato })),
      ...Array.from({ length: blanks }, () => ({ navn: null, titel: null, dato: null })),
    ];
  };
  return { region: rows('region'), kommune: rows('kommune') };
}

/** The signature block as rows of (region, kommune) signatories, side by side. */
export function signatureTable(repo: Repository, signatures: Underskrifter | undefined): Array<Record<SigningParty, SignatureRowView>> {
  const { region, kommune } = signaturesView(repo, signatures);
  const blank: SignatureRowView = { navn: null, titel: null, dato: null };
  return Array.from({ length: Math.max(region.length, kommune.length) }, (_, i) => ({ region: region[i] ?? blank, kommune: kommune[i] ?? blank }));
}

/**
 * What an approved agreement still awaits from one party, for the kommune bundle: »2 af 2
 * underskrifter mangler«; null when nothing (not approved yet, or fully signed by that party).
 */
export function awaitedSignatures<D>(repo: Repository, agreement: Agreement<D> | undefined, doc: D, party: SigningParty): string | null {
  if (!agreement || agreement.status(doc) !== 'godkendt') return null;
  const missing = missingSignatures(repo, agreement.signatures(doc)).find((m) => m.party === party);
  return missing ? `${missing.missing} af ${missing.required} ${missing.required === 1 ? 'underskrift' : 'underskrifter'} mangler` : null;
}
