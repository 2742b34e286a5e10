/**
 * The synthetic documents of the scale benchmark: HSAs, delingsaftaler, anmodninger and one
 * case per sundhedsråd. Their shape and length follow the real documents of case
 * EMN-2025-10366, so rendering cost per document is representative; every number, DokID, date
 * and text is invented, and the texts say so.
 */
import type { AnmodningData, Bilag, DelingsaftaleData, DelingsOpgave, HsaData, Kommune, Opgave, SagData, Underpunkt } from '../model/types.ts';
import type { Decision } from './models.ts';
import type { ScaleRaad } from './region.ts';

/** What every generated document says about its text: invented for the benchmark, no real source. */
const SYNTHETIC = { type: 'syntetisk', kilde: 'genereret til ydelsesmåling' } as const;

const HSA_VERSION = '2026-02-24';
const IKRAFTTRAEDEN = '2027-01-01';
const MARK = 'Syntetisk testdokument til ydelsesmåling; ikke en rigtig aftale.';

/** FNV-1a: a small deterministic hash, so synthetic amounts differ per document but never per run. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * DokIDs are 8 digits starting with 9 (the real ones start with 12): kind digit 1–3 after the
 * kommunekode for agreements, 0 after the råd number for cases, so no two can collide.
 */
const dokid = {
  hsa: (kode: string, opgave: number) => `9${kode}1${opgave}01`,
  delingsaftale: (kode: string) => `9${kode}2001`,
  anmodning: (kode: string, opgave: number) => `9${kode}3${opgave}01`,
  sag: (raadIndex: number) => `99${String(raadIndex + 1).padStart(2, '0')}0001`,
  eksternt: (raadIndex: number) => `99${String(raadIndex + 1).padStart(2, '0')}0002`,
  laterSag: (raadIndex: number) => `99${String(raadIndex + 1).padStart(2, '0')}0003`,
  laterEksternt: (raadIndex: number) => `99${String(raadIndex + 1).padStart(2, '0')}0004`,
};

export function sagsId(raadIndex: number): string {
  return `SYN-2026-${9000 + raadIndex + 1}`;
}

export function hsa(args: { kommune: Kommune; opgave: Opgave; opgaveNo: number; sagsId: string; pladser?: number; forbehold: boolean }): HsaData {
  const { kommune, opgave } = args;
  const term = opgave.betegnelse;
  return {
    dokumenttype: 'hsa',
    tekstgrundlag: SYNTHETIC,
    id: `hsa-${kommune.slug}-${opgave.id}`,
    dokid: dokid.hsa(kommune.kode, args.opgaveNo),
    sags_id: args.sagsId,
    version: HSA_VERSION,
    status: 'udkast',
    kommune: kommune.kode,
    opgave: opgave.id,
    formaal:
      `Regionen og ${kommune.navn} har det fælles mål, at borgerne får ${term} af ensartet høj faglig kvalitet tæt på eget hjem ` +
      `og med sammenhæng i forløbet, i tråd med principperne om lighed i sundhed, sammenhæng, nærhed, faglig kvalitet, ` +
      `bæredygtige tilbud og helhedssyn på tværs af sektorgrænser.\n\n${MARK}`,
    bidrag: {
      region:
        'Regionen har fra 1. januar 2027 myndigheds- og finansieringsansvaret for opgaven. Regionen sikrer, at borgerne kan ' +
        'modtage de ydelser, de har ret til, at ydelserne lever op til den nationalt aftalte faglige kvalitet, og at der samlet ' +
        'set er tilstrækkelig kapacitet.',
      kommune: `${kommune.navn} driver opgaven under regionens myndighedsansvar og leverer ydelserne til borgerne efter de gældende nationale kvalitetsstandarder.`,
    },
    ansvarsfordeling: [
      { ydelse: 'Myndigheds- og finansieringsansvar', ansvarlig: 'region' },
      {
        ydelse: 'Drift af opgaven og levering af ydelserne til borgerne',
        ansvarlig: 'kommune',
        beskrivelse: `Gælder borgere med bopæl i ${kommune.kortnavn}.`,
      },
      { ydelse: 'Tilstrækkelig samlet kapacitet i sundhedsrådets område', ansvarlig: 'region' },
      { ydelse: 'Udvikling af opgaven i overensstemmelse med reformens intentioner', ansvarlig: 'faelles' },
    ],
    ...(args.pladser === undefined
      ? {}
      : { kapacitet: { pladser: args.pladser, beskrivelse: `Syntetisk antal: ${args.pladser} pladser, fordelt efter kommunens størrelse.` } }),
    finansiering: {
      beskrivelse:
        'Regionen finansierer kommunens drift af opgaven fra 1. januar 2027. Beløbet reguleres i tillægsaftaler, når de nye ' +
        'kvalitetsstandarder foreligger.\n\n- Afregning kvartalsvis bagud\n- Pris- og lønregulering efter de almindelige satser',
      aarligt_beloeb_kr: 2_000_000 + (hash(`${kommune.kode}:${opgave.id}`) % 18_000) * 1_000,
    },
    opfoelgning:
      'Parterne følger løbende op på samarbejdet. I efteråret 2026 konkretiseres aftalen, og der udarbejdes tillægsaftaler, ' +
      'bl.a. for at korrigere krav til opgaveløsningen og økonomien som følge af nye kvalitetsstandarder. Kommunens ' +
      'bemærkninger og forbehold håndteres i det arbejde.',
    evaluering: {
      senest: '2028-12-31',
      beskrivelse:
        'Samarbejdet evalueres af kommunen og regionen i løbet af de første to år, hvorefter der træffes beslutning om, ' +
        'hvorvidt opgaven fortsat skal løses i et horisontalt samarbejde, eller om driften skal overgå til regionen.',
    },
    opsigelse: { varsel_maaneder: 9, beskrivelse: 'Begge parter kan opsige aftalen med ni måneders varsel til udgangen af en måned.' },
    mislighold:
      'Misligholder en part sine forpligtelser væsentligt, kan den anden part skriftligt kræve forholdet bragt i orden inden ' +
      'for en rimelig frist. Sker det ikke, drøftes sagen i sundhedsrådet, før aftalen kan opsiges.',
    ikrafttraeden: IKRAFTTRAEDEN,
    godkendelser: { regionsraad: null, kommunalbestyrelse: null },
    ...(args.forbehold
      ? {
          forbehold: [
            `${kommune.kortnavn} tager forbehold for den endelige økonomi, indtil kvalitetsstandarderne for ${term} foreligger.`,
            'Kommunen ønsker, at **merforbrug** som følge af nye krav drøftes i sundhedsrådet.',
          ],
        }
      : {}),
  };
}

function transferred(opgave: Opgave, kode: string, drift: boolean): DelingsOpgave {
  if (!drift) {
    return {
      opgave: opgave.id,
      overdragelse: 'myndighedsansvar',
      aktiver: [],
      passiver: [],
      rettigheder: [],
      pligter: [],
      ansatte: [],
      bemaerkninger: 'Kommunen driver opgaven videre; kun myndighedsansvaret overgår til regionen. Der er ingen aktiver eller passiver at overføre.',
    };
  }
  const n = 2 + (hash(`${kode}:${opgave.id}:ansatte`) % 9);
  return {
    opgave: opgave.id,
    overdragelse: 'drift',
    aktiver: [
      { beskrivelse: 'Træningsudstyr og hjælpemidler', antal: 10 + n, vaerdi_kr: 50_000 * n },
      { beskrivelse: 'Biler (leasede)', antal: Math.ceil(n / 3), vaerdi_kr: null, note: 'Leasingaftalerne overdrages, se passiver.' },
    ],
    passiver: [{ beskrivelse: 'Leasingaftaler for biler', antal: Math.ceil(n / 3), vaerdi_kr: 120_000 * Math.ceil(n / 3) }],
    rettigheder: [{ beskrivelse: 'Licens til journalsystem', antal: n, vaerdi_kr: null }],
    pligter: [{ beskrivelse: 'Kontrakt om rengøring af træningslokaler', vaerdi_kr: 80_000 }],
    ansatte: [
      { stilling: 'Fysioterapeut', antal: n, aarsvaerk: n - 0.5 },
      { stilling: 'Ergoterapeut', antal: Math.ceil(n / 2), aarsvaerk: Math.ceil(n / 2) },
    ],
    bemaerkninger: 'Driften overgår til regionen 1. januar 2027. Opgørelsen pr. 25. maj 2025 er syntetisk.',
  };
}

export function delingsaftale(kommune: Kommune, opgaver: readonly Opgave[], regional: (opgave: string) => boolean): DelingsaftaleData {
  return {
    dokumenttype: 'delingsaftale',
    tekstgrundlag: SYNTHETIC,
    id: `delingsaftale-${kommune.slug}`,
    dokid: dokid.delingsaftale(kommune.kode),
    version: null,
    status: 'udkast',
    kommune: kommune.kode,
    referencedato: '2025-05-25',
    vederlagsfri: true,
    udkast_fremsendt: null,
    aftalt: null,
    godkendelser: { regionsraad: null, kommunalbestyrelse: null },
    opgaver: opgaver.map((o) => transferred(o, kommune.kode, regional(o.id))),
  };
}

export function anmodning(kommune: Kommune, opgave: Opgave, opgaveNo: number): AnmodningData {
  return {
    dokumenttype: 'anmodning',
    tekstgrundlag: SYNTHETIC,
    id: `anmodning-${kommune.slug}-${opgave.id}`,
    dokid: dokid.anmodning(kommune.kode, opgaveNo),
    kommune: kommune.kode,
    opgave: opgave.id,
    meddelt: null,
    periode_start: IKRAFTTRAEDEN,
    periode_slut: '2028-12-31',
    begrundelse: `Regionen har endnu ikke et tilbud om ${opgave.betegnelse} i ${kommune.kortnavn}s område klar til 1. januar 2027.\n\n${MARK}`,
  };
}

const verb = {
  kommunal: 'varetages af kommunerne',
  regional: 'varetages af regionen',
  anmodning: 'fortsætter i kommunerne efter anmodning fra regionen til og med 2028',
} as const;

function underpunkt(d: Decision, opgave: Opgave, names: (codes: string[]) => string): Underpunkt {
  const who = d.all ? '' : ` for ${names(d.kommuner)}`;
  return {
    tekst: `Den fremtidige drift af ${opgave.betegnelse}${who} ${verb[d.model]}`,
    opgave: d.opgave,
    driftsmodel: d.model,
    ...(d.all ? {} : { kommuner: d.kommuner }),
  };
}

function section(d: Decision, opgave: Opgave, names: (codes: string[]) => string): string {
  const who = d.all ? 'alle sundhedsrådets kommuner' : names(d.kommuner);
  const how = {
    kommunal: `Der indgås en horisontal samarbejdsaftale mellem regionen og hver af kommunerne (${who}), som beskriver rammer og samarbejdet om opgaven.`,
    regional: `Driften overgår til regionen for ${who}, og delingsaftalerne beskriver, hvilke aktiver, passiver, rettigheder, pligter og ansatte der overføres.`,
    anmodning: `Regionen anmoder ${who} om at fortsætte driften som i dag til og med 2028, betalt af regionen, mens et regionalt tilbud etableres.`,
  }[d.model];
  return (
    `## ${opgave.navn}: ${d.model === 'anmodning' ? 'anmodning om fortsat kommunal drift' : `${d.model} drift`}\n\n` +
    `Sundhedsrådet har drøftet scenarier for, hvordan ${opgave.betegnelse} fremover skal varetages. ${how}\n\n` +
    'Udgangspunktet er, at samarbejdet evalueres af kommunerne og regionen i løbet af de første to år, hvorefter der ' +
    'træffes beslutning om, hvordan opgaven skal løses fremover.'
  );
}

/**
 * The case of one råd: its indstilling decides every (kommune, opgave) once; the bilag are the
 * HSAs grouped per opgave, then the anmodninger per opgave, then one external bilag that the
 * text refers to by its derived number.
 */
export function sag(args: {
  raad: ScaleRaad;
  decisions: readonly Decision[];
  opgaver: readonly Opgave[];
  kommune: Map<string, Kommune>;
  /** Documents not to attach (a pair a later case moved: its document never existed). */
  omit?: ReadonlySet<string>;
}): SagData {
  const { raad, decisions, opgaver } = args;
  const names = (codes: string[]) => {
    const list = codes.map((c) => args.kommune.get(c)?.kortnavn ?? c);
    return list.length === 1 ? list[0]! : `${list.slice(0, -1).join(', ')} og ${list.at(-1)!}`;
  };
  const opgave = (id: string) => opgaver.find((o) => o.id === id)!;
  const groups: Bilag[][] = [];
  for (const model of ['kommunal', 'anmodning'] as const) {
    for (const o of opgaver) {
      const codes = decisions.filter((d) => d.opgave === o.id && d.model === model).flatMap((d) => d.kommuner);
      if (codes.length === 0) continue;
      const group: Bilag[] = codes.flatMap((c) => {
        const slug = args.kommune.get(c)!.slug;
        const bilag: Bilag = model === 'kommunal' ? { dokument: `hsa-${slug}-${o.id}`, version: HSA_VERSION } : { dokument: `anmodning-${slug}-${o.id}` };
        return args.omit?.has(bilag.dokument) ? [] : [bilag];
      });
      if (group.length > 0) groups.push(group);
    }
  }
  const external = groups.length + 1;
  const id = sagsId(raad.index);
  return {
    dokumenttype: 'sag',
    id: `sag-${id.toLowerCase()}`,
    sags_id: id,
    dokid: dokid.sag(raad.index),
    sundhedsraad: raad.raad.id,
    moede: { organ: `Forberedende ${raad.raad.navn}`, dato: '2026-02-26' },
    punkt: 3,
    titel: 'Opgaveflyt mellem kommuner og region (SYNTETISK)',
    aaben: true,
    resume:
      `${MARK}\n\nMed sundhedsreformen flyttes finansierings- og myndighedsansvaret for fire opgaver fra kommuner til regionen. ` +
      `I denne sag forelægges de driftsmodeller, som ${raad.raad.navn} har prioriteret, med henblik på indstilling til det Forberedende Regionsråd.`,
    indstilling: {
      indledning: `Administrationen indstiller, at det Forberedende ${raad.raad.navn}`,
      punkter: [
        { tekst: 'Godkender, at', underpunkter: decisions.map((d) => underpunkt(d, opgave(d.opgave), names)) },
        {
          tekst:
            'Anbefaler, at Regionsrådet og kommunerne godkender de horisontale samarbejdsaftaler for de opgaver, som fremover skal varetages af kommunerne',
        },
        { tekst: 'Tager orienteringen om processen frem mod indgåelse af delingsaftaler til efterretning' },
      ],
      afgoerelse: 'Sagen afgøres af det Forberedende Regionsråd.',
    },
    sagsfremstilling: [
      `Med sundhedsreformen flyttes myndigheds- og finansieringsansvaret for ${opgaver.map((o) => o.betegnelse).join(', ')} fra kommunerne til regionen.`,
      ...decisions.map((d) => section(d, opgave(d.opgave), names)),
      '## Kommunernes tilbagemeldinger',
      `Kommunerne har behandlet udkastene politisk. De kommunale tilbagemeldinger er vedlagt som bilag ${external}.`,
    ].join('\n\n'),
    oekonomi: 'Opgaverne finansieres af regionen fra 1. januar 2027 (syntetisk sag; ingen beløb).',
    videre_proces: [
      { organ: 'Forberedende Forretningsudvalg', dato: '2026-03-17' },
      { organ: 'Forberedende Regionsråd', dato: '2026-03-17' },
    ],
    tidligere_beslutninger: [{ organ: `Forberedende ${raad.raad.navn}`, dato: '2026-01-19', beskrivelse: 'Drøftede scenarier for opgaveflyttet.' }],
    bilag: [
      ...groups.flat(),
      { eksternt: { titel: 'Kommunernes tilbagemelding efter politisk behandling af opgaveflyt (syntetisk)', dokid: dokid.eksternt(raad.index) } },
    ],
  };
}

/**
 * A later case of the same råd that decides one pair again (kommunal drift instead of the
 * anmodning the first case decided), with the new HSA as its only bilag and the external
 * tilbagemelding under its own DokID. Its meeting comes after the frist its indstilling serves,
 * which the data explains (forsinkelser).
 */
export function laterSag(args: { raad: ScaleRaad; kommune: Kommune; opgave: Opgave; hsaVersion: string }): SagData {
  const { raad, kommune, opgave } = args;
  const base = sag({
    raad,
    decisions: [{ opgave: opgave.id, model: 'kommunal', kommuner: [kommune.kode], all: false }],
    opgaver: [opgave],
    kommune: new Map([[kommune.kode, kommune]]),
  });
  const id = `SYN-2026-${9500 + raad.index + 1}`;
  return {
    ...base,
    id: `sag-${id.toLowerCase()}`,
    sags_id: id,
    dokid: dokid.laterSag(raad.index),
    moede: { ...base.moede, dato: '2026-09-01' },
    videre_proces: [{ organ: 'Regionsrådet', dato: '2026-09-15' }],
    tidligere_beslutninger: [],
    punkt: 5,
    titel: `Ændret driftsmodel for ${opgave.betegnelse} i ${kommune.kortnavn} (SYNTETISK)`,
    bilag: [
      { dokument: `hsa-${kommune.slug}-${opgave.id}`, version: args.hsaVersion },
      { eksternt: { titel: 'Kommunens tilbagemelding (syntetisk)', dokid: dokid.laterEksternt(raad.index) } },
    ],
    forsinkelser: { 'moede.dato': 'Kommunen bad i august 2026 om at drive opgaven selv; sagen kunne først behandles efter fristen (SYNTETISK).' },
  };
}
