/**
 * Documents for the rule tests, written from fixed templates: every template field sits on a
 * fixed line, so cases assert literal line:column positions; the line numbers are listed beside
 * each template. Each builder gives the file (agreements/<id>.yaml) and its YAML text.
 */
import type { CaseFile } from './rule-tester.ts';

/** Sundhedsråd Midt- og Vestsjælland in region.yaml's order: code → slug. */
const KOMMUNER = [
  ['316', 'holbaek'],
  ['326', 'kalundborg'],
  ['350', 'lejre'],
  ['370', 'naestved'],
  ['306', 'odsherred'],
  ['329', 'ringsted'],
  ['330', 'slagelse'],
  ['340', 'soroe'],
] as const;

const KOMMUNAL_OPGAVER = ['sundheds-og-omsorgspladser', 'patientrettet-forebyggelse', 'akutsygepleje'] as const;

function slugOf(kode: string): string {
  const hit = KOMMUNER.find(([k]) => k === kode);
  if (!hit) throw new Error(`no slug for ${kode}`);
  return hit[1];
}

export function hsa(options: HsaOptions = {}): CaseFile {
  const { text, id } = hsaYaml(options);
  return { file: `agreements/${id}.yaml`, content: text };
}

export function delingsaftale(options: DelingsaftaleOptions = {}): CaseFile {
  const { text, id } = delingsaftaleYaml(options);
  return { file: `agreements/${id}.yaml`, content: text };
}

export function anmodning(options: AnmodningOptions = {}): CaseFile {
  const { text, id } = anmodningYaml(options);
  return { file: `agreements/${id}.yaml`, content: text };
}

export function sag(options: SagOptions = {}): CaseFile {
  const { text, id } = sagYaml(options);
  return { file: `agreements/${id}.yaml`, content: text };
}

/**
 * The real case's shape for all eight kommuner: 24 HSAs (with 20 sundheds- og omsorgspladser
 * each, 160 of 193), eight delingsaftaler (rehabilitering in drift, the rest myndighedsansvar)
 * and a case deciding kommunal drift for three opgaver and regional for one, with the 24 HSAs
 * as bilag 1a–3h. It passes every rule. The case comes last.
 */
export function fullCase(options: { sag?: SagOptions; skipHsa?: string[]; skipDelingsaftale?: string[] } = {}): CaseFile[] {
  const files: CaseFile[] = [];
  for (const opgave of KOMMUNAL_OPGAVER) {
    for (const [kommune] of KOMMUNER) {
      const id = `hsa-${slugOf(kommune)}-${opgave}`;
      if (options.skipHsa?.includes(id)) continue;
      files.push(hsa({ kommune, opgave, pladser: opgave === 'sundheds-og-omsorgspladser' ? '20' : undefined }));
    }
  }
  for (const [kommune] of KOMMUNER) if (!options.skipDelingsaftale?.includes(kommune)) files.push(delingsaftale({ kommune }));
  files.push(sag({ bilag: fullBilag(), ...options.sag }));
  return files;
}

/** The 24 HSA bilag in the real case's order. */
export function fullBilag(): BilagOption[] {
  return KOMMUNAL_OPGAVER.flatMap((opgave) => KOMMUNER.map(([kommune]) => ({ dokument: `hsa-${slugOf(kommune)}-${opgave}`, version: '2026-02-24' })));
}

/** Values are YAML source text, e.g. `null` or `2026-04-20`. */
export interface HsaOptions {
  kommune?: string;
  opgave?: string;
  id?: string;
  version?: string;
  status?: string;
  senest?: string;
  varsel?: string;
  ikrafttraeden?: string;
  regionsraad?: string;
  kommunalbestyrelse?: string;
  /**
   * Adds `underskrifter:` on line 29 with each party's signature dates: line 30 `region:`, then
   * three lines per signatory (navn, titel, dato at col 13), then `kommune:` likewise.
   */
  underskrifter?: { region: string[]; kommune: string[] };
  /** Raw YAML lines appended at the end (after underskrifter and kapacitet). */
  extra?: string[];
  /** Adds a kapacitet block after the other lines (line 29–30 without underskrifter). */
  pladser?: string;
}

/** The clauses an HSA and a delingsaftale have in every text, which an approved one has written. */
const HSA_CLAUSES = ['visitation', 'data_og_journalfoering', 'tilsyn_og_klage', 'aendringer_og_tillaeg', 'varighed', 'tvister'];
const DELINGSAFTALE_CLAUSES = ['kontrakter', 'it', 'arkiv'];

/**
 * Lines: 1 dokumenttype · 2 id · 3 dokid · 4 version (col 10) · 5 status (col 9) · 6 kommune ·
 * 7 opgave (col 9) · 20 evaluering.senest (col 11) · 23 opsigelse.varsel_maaneder (col 20) ·
 * 25 ikrafttraeden (col 16) · 27 godkendelser.regionsraad (col 16) ·
 * 28 godkendelser.kommunalbestyrelse (col 23) · 29 underskrifter, if given ·
 * then kapacitet: / pladser (col 12), if given.
 */
function hsaYaml(o: HsaOptions): { id: string; text: string } {
  const kommune = o.kommune ?? '316';
  const opgave = o.opgave ?? 'akutsygepleje';
  const id = o.id ?? `hsa-${slugOf(kommune)}-${opgave}`;
  const lines = [
    'dokumenttype: hsa',
    `id: ${id}`,
    'dokid: null',
    `version: ${o.version ?? '2026-02-24'}`,
    `status: ${o.status ?? 'udkast'}`,
    `kommune: "${kommune}"`,
    `opgave: ${opgave}`,
    'formaal: Et fælles mål.',
    'bidrag:',
    '  region: Regionens bidrag.',
    '  kommune: Kommunens bidrag.',
    'ansvarsfordeling:',
    '  - ydelse: Drift af opgaven',
    '    ansvarlig: kommune',
    'finansiering:',
    '  beskrivelse: Regionen finansierer driften.',
    '  aarligt_beloeb_kr: null',
    'opfoelgning: Løbende opfølgning.',
    'evaluering:',
    `  senest: ${o.senest ?? '2028-12-31'}`,
    '  beskrivelse: Samarbejdet evalueres.',
    'opsigelse:',
    `  varsel_maaneder: ${o.varsel ?? '9'}`,
    'mislighold: Udestår.',
    `ikrafttraeden: ${o.ikrafttraeden ?? '2027-01-01'}`,
    'godkendelser:',
    `  regionsraad: ${o.regionsraad ?? 'null'}`,
    `  kommunalbestyrelse: ${o.kommunalbestyrelse ?? 'null'}`,
  ];
  if (o.underskrifter !== undefined) {
    lines.push('underskrifter:');
    for (const party of ['region', 'kommune'] as const) {
      const dates = o.underskrifter[party];
      if (dates.length === 0) lines.push(`  ${party}: []`);
      else {
        lines.push(`  ${party}:`);
        dates.forEach((dato, i) =>
          lines.push(
            `    - navn: ${party === 'region' ? 'Regionens' : 'Kommunens'} underskriver ${i + 1}`,
            `      titel: Titel ${i + 1}`,
            `      dato: ${dato}`,
          ),
        );
      }
    }
  }
  if (o.pladser !== undefined) lines.push('kapacitet:', `  pladser: ${o.pladser}`);
  if (o.extra !== undefined) lines.push(...o.extra);
  // An approved text has its open clauses written (tekst/udestaar); last, so no line above moves.
  if ((o.status ?? 'udkast') !== 'udkast') lines.push(...HSA_CLAUSES.map((field) => `${field}: Aftalt tekst.`));
  return { id, text: lines.join('\n') + '\n' };
}

export interface DelingsaftaleOptions {
  kommune?: string;
  version?: string;
  status?: string;
  referencedato?: string;
  udkast?: string;
  aftalt?: string;
  regionsraad?: string;
  kommunalbestyrelse?: string;
  /** Defaults to rehabilitering in drift and the three others as myndighedsansvar. */
  opgaver?: Array<[opgave: string, overdragelse: 'drift' | 'myndighedsansvar']>;
  /** Adds a delingsraad block after the opgaver: afgoerelse on its second line (col 15). */
  delingsraad?: string;
}

/**
 * Lines: 4 version (col 10) · 5 status · 6 kommune · 7 referencedato (col 16) ·
 * 9 udkast_fremsendt (col 19) · 10 aftalt (col 9) · 12 godkendelser.regionsraad (col 16) ·
 * 13 godkendelser.kommunalbestyrelse (col 23) · 14 opgaver: · opgave k starts on line 15 + 7k,
 * its overdragelse on 16 + 7k (col 19) · with 4 opgaver, delingsraad: on 43, afgoerelse on 44.
 */
function delingsaftaleYaml(o: DelingsaftaleOptions): { id: string; text: string } {
  const kommune = o.kommune ?? '316';
  const id = `delingsaftale-${slugOf(kommune)}`;
  const opgaver = o.opgaver ?? [
    ['specialiseret-rehabilitering', 'drift'],
    ['akutsygepleje', 'myndighedsansvar'],
    ['sundheds-og-omsorgspladser', 'myndighedsansvar'],
    ['patientrettet-forebyggelse', 'myndighedsansvar'],
  ];
  const lines = [
    'dokumenttype: delingsaftale',
    `id: ${id}`,
    'dokid: null',
    `version: ${o.version ?? 'null'}`,
    `status: ${o.status ?? 'udkast'}`,
    `kommune: "${kommune}"`,
    `referencedato: ${o.referencedato ?? '2025-05-25'}`,
    'vederlagsfri: true',
    `udkast_fremsendt: ${o.udkast ?? 'null'}`,
    `aftalt: ${o.aftalt ?? 'null'}`,
    'godkendelser:',
    `  regionsraad: ${o.regionsraad ?? 'null'}`,
    `  kommunalbestyrelse: ${o.kommunalbestyrelse ?? 'null'}`,
    'opgaver:',
    ...opgaver.flatMap(([opgave, overdragelse]) => [
      `  - opgave: ${opgave}`,
      `    overdragelse: ${overdragelse}`,
      '    aktiver: []',
      '    passiver: []',
      '    rettigheder: []',
      '    pligter: []',
      '    ansatte: []',
    ]),
  ];
  if (o.delingsraad !== undefined) lines.push('delingsraad:', `  afgoerelse: ${o.delingsraad}`, '  beskrivelse: Delingsrådets afgørelse.');
  if ((o.status ?? 'udkast') !== 'udkast') lines.push(...DELINGSAFTALE_CLAUSES.map((field) => `${field}: Aftalt tekst.`));
  return { id, text: lines.join('\n') + '\n' };
}

export interface AnmodningOptions {
  kommune?: string;
  opgave?: string;
  meddelt?: string;
  start?: string;
  slut?: string;
}

/** Lines: 3 kommune · 4 opgave · 5 meddelt (col 10) · 6 periode_start (col 16) · 7 periode_slut (col 15). */
function anmodningYaml(o: AnmodningOptions): { id: string; text: string } {
  const kommune = o.kommune ?? '316';
  const opgave = o.opgave ?? 'akutsygepleje';
  const id = `anmodning-${slugOf(kommune)}-${opgave}`;
  const lines = [
    'dokumenttype: anmodning',
    `id: ${id}`,
    `kommune: "${kommune}"`,
    `opgave: ${opgave}`,
    `meddelt: ${o.meddelt ?? 'null'}`,
    `periode_start: ${o.start ?? '2027-01-01'}`,
    `periode_slut: ${o.slut ?? '2028-12-31'}`,
  ];
  return { id, text: lines.join('\n') + '\n' };
}

export type BilagOption = ({ dokument: string; version?: string } | { eksternt: { titel: string; dokid: string; fil?: string; sha256?: string } }) & {
  /** The title the case registers the bilag under; written as the entry's last line. */
  registreret_titel?: string;
};

export interface UnderpunktOption {
  opgave: string;
  driftsmodel: 'kommunal' | 'regional' | 'anmodning';
  /** Written as a flow list on the underpunkt's fourth line: kommuner: ["316", "326"]. */
  kommuner?: string[];
}

export interface SagOptions {
  id?: string;
  /** A second case needs its own Sags ID, DokID and punkt. */
  second?: boolean;
  moede?: string;
  underpunkter?: UnderpunktOption[];
  videreProces?: Array<{ organ: string; dato: string; dato_tekst?: string }>;
  tidligere?: Array<{ organ: string; dato: string }>;
  bilag?: BilagOption[];
  /** Raw YAML lines before `sagsfremstilling:` (e.g. a `beslutninger:` block). */
  extra?: string[];
  /** YAML source after `sagsfremstilling:`; multi-line blocks are welcome (it is the last field). */
  sagsfremstilling?: string;
}

const DEFAULT_UNDERPUNKTER: UnderpunktOption[] = [
  { opgave: 'akutsygepleje', driftsmodel: 'kommunal' },
  { opgave: 'sundheds-og-omsorgspladser', driftsmodel: 'kommunal' },
  { opgave: 'patientrettet-forebyggelse', driftsmodel: 'kommunal' },
  { opgave: 'specialiseret-rehabilitering', driftsmodel: 'regional' },
];

/**
 * Lines: 5 sundhedsraad · 8 moede.dato (col 9) · 14 indstilling: · underpunkt j (without
 * kommuner lists) starts on line 19 + 3j: tekst, then opgave (col 19), then driftsmodel (col 24);
 * a kommuner list adds a fourth line (items from col 22, each `"316", ` 7 wide). Then
 * videre_proces, tidligere_beslutninger and bilag (two lines per entry), sagsfremstilling last.
 */
function sagYaml(o: SagOptions): { id: string; text: string } {
  const id = o.id ?? 'sag-test';
  const lines = [
    'dokumenttype: sag',
    `id: ${id}`,
    `sags_id: EMN-2026-${o.second ? 2 : 1}`,
    `dokid: "${o.second ? '90000002' : '90000001'}"`,
    'sundhedsraad: midt-og-vestsjaelland',
    'moede:',
    '  organ: Forberedende Sundhedsråd Midt- og Vestsjælland',
    `  dato: ${o.moede ?? 'null'}`,
    `punkt: ${o.second ? 2 : 1}`,
    'titel: Opgaveflyt',
    'aaben: true',
    'oekonomi: "-"',
    'resume: Resumé.',
    'indstilling:',
    '  indledning: Administrationen indstiller, at',
    '  punkter:',
    '    - tekst: Godkender, at',
    (o.underpunkter ?? DEFAULT_UNDERPUNKTER).length > 0 ? '      underpunkter:' : '      underpunkter: []',
    ...(o.underpunkter ?? DEFAULT_UNDERPUNKTER).flatMap((u) => [
      `        - tekst: Driften af ${u.opgave}`,
      `          opgave: ${u.opgave}`,
      `          driftsmodel: ${u.driftsmodel}`,
      ...(u.kommuner ? [`          kommuner: [${u.kommuner.map((k) => `"${k}"`).join(', ')}]`] : []),
    ]),
  ];
  const meetings = (key: string, list: Array<{ organ: string; dato: string; dato_tekst?: string }> | undefined, extra: string[] = []) =>
    list && list.length > 0
      ? [
          `${key}:`,
          ...list.flatMap((m) => [
            `  - organ: ${m.organ}`,
            `    dato: ${m.dato}`,
            ...(m.dato_tekst === undefined ? [] : [`    dato_tekst: ${m.dato_tekst}`]),
            ...extra,
          ]),
        ]
      : [`${key}: []`];
  lines.push(...meetings('videre_proces', o.videreProces));
  lines.push(...meetings('tidligere_beslutninger', o.tidligere, ['    beskrivelse: Drøftet.']));
  const bilag = o.bilag ?? [];
  if (bilag.length === 0) lines.push('bilag: []');
  else {
    lines.push('bilag:');
    for (const b of bilag) {
      if ('dokument' in b) lines.push(`  - dokument: ${b.dokument}`, ...(b.version === undefined ? [] : [`    version: ${b.version}`]));
      else {
        lines.push('  - eksternt:', `      titel: ${b.eksternt.titel}`, `      dokid: "${b.eksternt.dokid}"`);
        if (b.eksternt.fil !== undefined) lines.push(`      fil: ${b.eksternt.fil}`);
        if (b.eksternt.sha256 !== undefined) lines.push(`      sha256: ${b.eksternt.sha256}`);
      }
      if (b.registreret_titel !== undefined) lines.push(`    registreret_titel: ${b.registreret_titel}`);
    }
  }
  if (o.extra) lines.push(...o.extra);
  lines.push(`sagsfremstilling: ${o.sagsfremstilling ?? 'Sagsfremstilling.'}`);
  return { id, text: lines.join('\n') + '\n' };
}

/** A bilag entry for a document, with the version it attaches (null: no version line). */
export const bilagDoc = (dokument: string, version: string | null = '2026-02-24'): BilagOption => (version === null ? { dokument } : { dokument, version });

/** An external bilag, with or without its file and checksum. */
export const ekstern = (fil?: string, sha256?: string): BilagOption => ({ eksternt: { titel: 'Kommunernes tilbagemelding', dokid: '12721612', fil, sha256 } });

/** Places for sundheds- og omsorgspladser in all eight kommuner's HSAs, by slug (undefined: no kapacitet block). */
export function places(pladser: (slug: string) => string | undefined): CaseFile[] {
  return KOMMUNER.map(([kommune, slug]) => hsa({ kommune, opgave: 'sundheds-og-omsorgspladser', pladser: pladser(slug) }));
}

/** Kommuner of Midt- og Vestsjælland but Lejre (350). */
export const SEVEN = ['316', '326', '370', '306', '329', '330', '340'];

const COVERAGE = [
  'daekning/driftsmodel',
  'daekning/hsa',
  'daekning/delingsaftale',
  'daekning/delingsaftale-drift',
  'daekning/delingsaftale-myndighed',
  'daekning/anmodning',
] as const;

/** The coverage rules other than `rule`, each with nothing to report (one mistake, one message). */
export function otherCoverageQuiet(rule: (typeof COVERAGE)[number]): Partial<Record<(typeof COVERAGE)[number], string[]>> {
  return Object.fromEntries(COVERAGE.filter((r) => r !== rule).map((r) => [r, []]));
}
