/**
 * The year after the draft, for the synthetic dataset only: decisions, approvals (one of them
 * late, with its begrundelse), both parties' signatures, a later case that changes one pair.
 * The sources record none of this after February 2026, so every name, date and protocol here is
 * invented and says SYNTETISK; the shipped data under agreements/ has none of it.
 */
import type { Beslutning, HsaData, TillaegData, Underskrift } from '../model/types.ts';

const SYN = 'SYNTETISK';

/** The regionsråd's meeting that decided the first cases (the real date in sag 003's videre proces). */
const DECIDED_ON = '2026-03-17';

/** Every first case: the sundhedsråd recommends, the Forberedende Regionsråd adopts. */
export function firstCaseDecisions(sagsId: string): Beslutning[] {
  return [
    { organ: 'sundhedsraad', dato: '2026-02-26', udfald: 'tiltraadt', protokol: `Sundhedsrådets møde 26. februar 2026, sag ${sagsId} (${SYN})` },
    {
      organ: 'regionsraad',
      betegnelse: 'Forberedende Regionsråd',
      dato: DECIDED_ON,
      udfald: 'tiltraadt',
      protokol: `Forberedende Regionsråd 17. marts 2026, punkt 12 (${SYN})`,
    },
  ];
}

/** The later case that moves one pair: decided in the autumn. */
export function laterCaseDecisions(sagsId: string): Beslutning[] {
  return [
    {
      organ: 'regionsraad',
      betegnelse: 'Regionsrådet',
      dato: '2026-09-15',
      udfald: 'tiltraadt',
      protokol: `Regionsrådet 15. september 2026, sag ${sagsId} (${SYN})`,
    },
  ];
}

/** Example texts for the clauses an approved HSA must have written (the sources give none). */
export const SYNTHETIC_CLAUSES = {
  visitation: `Regionen visiterer borgerne til opgavens ydelser; kommunen leverer ydelserne til de visiterede borgere (${SYN} eksempeltekst).`,
  data_og_journalfoering: `Kommunen journalfører i sit eget journalsystem, og parterne udveksler data efter gældende regler (${SYN} eksempeltekst).`,
  tilsyn_og_klage: `Borgerne klager efter de almindelige regler; regionen følger op på klager i samarbejdet (${SYN} eksempeltekst).`,
  aendringer_og_tillaeg: `Ændringer aftales skriftligt i en tillægsaftale, som begge parter godkender og underskriver (${SYN} eksempeltekst).`,
  varighed: `Aftalen gælder, indtil den opsiges (${SYN} eksempeltekst).`,
  tvister: `Uenighed drøftes først mellem parterne og derefter i sundhedsrådet (${SYN} eksempeltekst).`,
} as const;

const signer = (navn: string, titel: string, dato: string): Underskrift => ({ navn: `${navn} (${SYN})`, titel, dato });

/**
 * Where an HSA stands in the synthetic year, by its position among the kommune's HSAs and the
 * kommune's position in its råd: most are approved; every third kommune's are signed by both
 * parties; the first HSA of every fifth kommune is approved late by the regionsråd with a
 * begrundelse (a warning, the build renders); every seventh kommune's region has signed, the
 * kommune not yet (»mangler underskrift«).
 */
export function hsaLifecycle(hsa: HsaData, kommuneNo: number, hsaNo: number): HsaData {
  const late = kommuneNo % 5 === 0 && hsaNo === 0;
  const regionsraad = late ? '2026-04-20' : DECIDED_ON;
  const kommunalbestyrelse = '2026-03-24';
  const approved: HsaData = {
    ...hsa,
    // An approved text has no »Udestår« (tekst/udestaar): the clauses the sources leave open get example texts.
    ...SYNTHETIC_CLAUSES,
    status: 'godkendt',
    godkendelser: { regionsraad, kommunalbestyrelse },
    ...(late
      ? {
          forsinkelser: {
            'godkendelser.regionsraad': `Regionsrådets behandling blev flyttet til mødet 20. april 2026 (${SYN} eksempel på en begrundet forsinkelse).`,
          },
        }
      : {}),
  };
  const after = late ? '2026-04-27' : '2026-03-30';
  if (kommuneNo % 3 === 0) {
    return {
      ...approved,
      status: 'underskrevet',
      underskrifter: {
        region: [signer('Regionsrådsformand', 'Regionsrådsformand', after), signer('Regionsdirektør', 'Regionsdirektør', after)],
        kommune: [signer('Borgmester', 'Borgmester', after), signer('Kommunaldirektør', 'Kommunaldirektør', after)],
      },
    };
  }
  if (kommuneNo % 7 === 1) {
    return {
      ...approved,
      underskrifter: {
        region: [signer('Regionsrådsformand', 'Regionsrådsformand', after), signer('Regionsdirektør', 'Regionsdirektør', after)],
        kommune: [],
      },
    };
  }
  return approved;
}

/**
 * Tillæg 1 to a signed HSA, as the autumn of 2026 brings them (sag 003: »I efteråret 2026
 * konkretiseres aftalen, og der udarbejdes tillægsaftaler«): a new amount, a new follow-up
 * text and a clause on the quality standards; approved, not yet signed.
 */
export function tillaegTo(base: HsaData): TillaegData {
  const amount = base.finansiering.aarligt_beloeb_kr ?? 0;
  return {
    dokumenttype: 'tillaeg',
    id: `tillaeg-${base.id.replace(/^hsa-/, '')}-1`,
    dokid: null,
    ...(base.sags_id ? { sags_id: base.sags_id } : {}),
    til: base.id,
    til_version: base.version,
    nummer: 1,
    kommune: base.kommune,
    version: '2026-11-03',
    status: 'godkendt',
    ikrafttraeden: '2027-01-01',
    formaal: `De nationale kvalitetsstandarder foreligger, og aftalen tilpasses dem (${SYN} tillæg til ydelsesmåling).`,
    aendringer: {
      felter: [
        { sti: 'finansiering.aarligt_beloeb_kr', vaerdi: Math.round(amount * 1.1), begrundelse: `Tilpasset kvalitetsstandarderne (${SYN}).` },
        { sti: 'opfoelgning', vaerdi: `Parterne følger op hvert kvartal på de nye kvalitetsstandarder og økonomien (${SYN}).` },
      ],
      afsnit: [
        { titel: 'Kvalitetsstandarder', tekst: `Kommunen leverer ydelserne efter de nationale kvalitetsstandarder (${SYN}).`, efter: 'Økonomi og afregning' },
      ],
    },
    godkendelser: { regionsraad: '2026-11-10', kommunalbestyrelse: '2026-11-17' },
  };
}

/** One HSA terminated by its kommune after entry into force: notice 1 February 2027, ends 1 November 2027. */
export function terminated(hsa: HsaData): HsaData {
  return {
    ...hsa,
    status: 'opsagt',
    opsigelse: { ...hsa.opsigelse, meddelt: { dato: '2027-02-01', part: 'kommune', begrundelse: `Kommunen ønsker, at regionen overtager driften (${SYN}).` } },
  };
}
