/**
 * TypeScript shapes of the data, mirroring schemas/*.schema.json. Values reach these types only
 * after schema validation succeeded, so the casts in the loader are backed by ajv.
 */

export type IsoDate = string;
export type Status = 'udkast' | 'godkendt' | 'underskrevet' | 'opsagt';
type Party = 'region' | 'kommune' | 'faelles';
export type OperatingModel = 'kommunal' | 'regional' | 'anmodning';

export interface Kilde {
  dokument: string;
  afsnit: string;
}

export interface Underskrift {
  navn: string;
  titel: string;
  dato: IsoDate;
  kilde?: string;
}

export type SigningParty = 'region' | 'kommune';

export interface Underskrifter {
  region: Underskrift[];
  kommune: Underskrift[];
}

/** Fingerprint of a signed document's Markdown: whole text and each clause (16 hex digits). */
export interface Laast {
  sha256: string;
  afsnit: string[];
}

/** A begrundelse for a date after its frist, by the field's dotted path (»godkendelser.regionsraad«). */
type Forsinkelser = Record<string, string>;

/** What every agreement that both parties sign records about its life after the draft. */
interface SignedLifecycle {
  underskrifter?: Underskrifter;
  laast?: Laast;
  forsinkelser?: Forsinkelser;
}

export interface Godkendelser {
  regionsraad: IsoDate | null;
  kommunalbestyrelse: IsoDate | null;
}

export interface Kommune {
  kode: string;
  navn: string;
  kortnavn: string;
  slug: string;
  /** Not in the sources; shown in § 1 when recorded. */
  cvr?: string;
}

export interface Sundhedsraad {
  id: string;
  navn: string;
  sundheds_og_omsorgspladser: number | null;
  kommuner: string[];
  kilde: Kilde;
}

export interface Underskriverkrav {
  antal: number;
  betegnelse: string;
  kilde: Kilde;
}

export interface RegionData {
  dokumenttype: 'region';
  id: string;
  navn: string;
  cvr?: string;
  sundhedsraad: Sundhedsraad[];
  underskrivere?: Record<SigningParty, Underskriverkrav>;
  kommuner: Kommune[];
}

export interface Opgave {
  id: string;
  navn: string;
  betegnelse: string;
  lovgrundlag?: string;
  beskrivelse: string;
  kilde: Kilde;
}

export interface OpgaverData {
  dokumenttype: 'opgaver';
  id: string;
  opgaver: Opgave[];
}

export interface Frist {
  id: string;
  dato: IsoDate;
  betegnelse: string;
  kilde: Kilde;
}

export interface Vilkaar {
  id: string;
  vaerdi: number;
  enhed: 'maaneder' | 'aar';
  betegnelse: string;
  kilde: Kilde;
}

interface FristerData {
  dokumenttype: 'frister';
  id: string;
  frister: Frist[];
  vilkaar: Vilkaar[];
}

export interface Opsigelse {
  varsel_maaneder: number;
  beskrivelse?: string;
  meddelt?: { dato: IsoDate; part: SigningParty; ophoer?: IsoDate; begrundelse?: string };
}

/** Where a document's text comes from: the adopted text, or one reconstructed from other sources. */
export interface Tekstgrundlag {
  type: 'vedtaget' | 'rekonstrueret' | 'syntetisk';
  kilde: string;
}

export interface HsaData extends SignedLifecycle {
  dokumenttype: 'hsa';
  tekstgrundlag?: Tekstgrundlag;
  id: string;
  dokid: string | null;
  sags_id?: string;
  version: IsoDate;
  status: Status;
  kommune: string;
  opgave: string;
  formaal: string;
  bidrag: { region: string; kommune: string };
  ansvarsfordeling: Array<{ ydelse: string; ansvarlig: Party; beskrivelse?: string }>;
  kapacitet?: { pladser: number | null; beskrivelse?: string };
  finansiering: { beskrivelse: string; aarligt_beloeb_kr: number | null };
  opfoelgning: string;
  evaluering: { senest: IsoDate; beskrivelse: string };
  opsigelse: Opsigelse;
  mislighold: string;
  /** Clauses the sources do not fill: absent or null renders as »Udestår« (see kinds/hsa.ts `pending`). */
  visitation?: string | null;
  data_og_journalfoering?: string | null;
  tilsyn_og_klage?: string | null;
  aendringer_og_tillaeg?: string | null;
  varighed?: string | null;
  tvister?: string | null;
  ikrafttraeden: IsoDate;
  godkendelser: Godkendelser;
  forbehold?: string[];
}

export interface Post {
  beskrivelse: string;
  antal?: number | null;
  vaerdi_kr?: number | null;
  note?: string;
}

interface Ansat {
  stilling: string;
  antal: number;
  aarsvaerk?: number | null;
}

export interface DelingsOpgave {
  opgave: string;
  overdragelse: 'drift' | 'myndighedsansvar';
  /** null: not yet stated (»Udestår«); []: stated to be none (»Ingen«). */
  aktiver: Post[] | null;
  passiver: Post[] | null;
  rettigheder: Post[] | null;
  pligter: Post[] | null;
  ansatte: Ansat[] | null;
  bemaerkninger?: string;
}

export interface DelingsaftaleData extends SignedLifecycle {
  dokumenttype: 'delingsaftale';
  tekstgrundlag?: Tekstgrundlag;
  id: string;
  dokid: string | null;
  version: IsoDate | null;
  status: Status;
  kommune: string;
  referencedato: IsoDate;
  vederlagsfri: true;
  udkast_fremsendt: IsoDate | null;
  aftalt: IsoDate | null;
  godkendelser: Godkendelser;
  delingsraad?: { afgoerelse: IsoDate; beskrivelse: string };
  opgaver: DelingsOpgave[];
  /** Clauses the sources do not fill: absent or null renders as »Udestår« (see kinds/delingsaftale.ts `pending`). */
  ansatte_overgang?: string | null;
  kontrakter?: string | null;
  it?: string | null;
  arkiv?: string | null;
}

export interface AnmodningData {
  dokumenttype: 'anmodning';
  tekstgrundlag?: Tekstgrundlag;
  id: string;
  dokid?: string | null;
  kommune: string;
  opgave: string;
  /** The letter's date (sent to the kommune); null until sent. */
  dato?: IsoDate | null;
  meddelt: IsoDate | null;
  periode_start: IsoDate;
  periode_slut: IsoDate;
  begrundelse?: string;
  forsinkelser?: Forsinkelser;
}

interface Moede {
  organ: string;
  dato: IsoDate | null;
  /** The date as the case writes it (»17. marts«, without the year), shown instead of dato. */
  dato_tekst?: string;
}

export interface Underpunkt {
  tekst: string;
  opgave?: string;
  driftsmodel?: OperatingModel;
  kommuner?: string[];
}

export type Bilag =
  | { dokument: string; version?: IsoDate; registreret_titel?: string; eksternt?: undefined }
  | { eksternt: { titel: string; dokid: string; fil?: string; sha256?: string }; registreret_titel?: string; dokument?: undefined };

type Organ = 'sundhedsraad' | 'regionsraad';
type Udfald = 'tiltraadt' | 'tiltraadt-med-aendringer' | 'udsat' | 'forkastet';

export interface Beslutning {
  organ: Organ;
  betegnelse?: string;
  dato: IsoDate;
  udfald: Udfald;
  protokol: string;
  aendringer?: Array<{ opgave: string; driftsmodel: OperatingModel; kommuner?: string[] }>;
  bemaerkning?: string;
}

export interface SagData {
  dokumenttype: 'sag';
  id: string;
  sags_id: string;
  dokid: string | null;
  sundhedsraad: string;
  moede: Moede;
  punkt: number;
  titel: string;
  aaben: boolean;
  resume: string;
  indstilling: {
    indledning: string;
    punkter: Array<{ tekst: string; underpunkter?: Underpunkt[] }>;
    afgoerelse?: string;
  };
  sagsfremstilling: string;
  oekonomi: string;
  videre_proces: Moede[];
  tidligere_beslutninger: Array<{ organ: string; dato: IsoDate; beskrivelse: string }>;
  bilag: Bilag[];
  beslutninger?: Beslutning[];
  forsinkelser?: Forsinkelser;
}

/** A changed field of the base agreement: its dotted YAML path and the new value. */
export interface FeltAendring {
  sti: string;
  vaerdi: unknown;
  begrundelse?: string;
}

/** A clause the tillæg adds to the base agreement, after the clause headed `efter` (or at the end). */
interface NytAfsnit {
  titel: string;
  tekst: string;
  efter?: string;
}

/** Tillægsaftale: amends a signed agreement (`til`, an HSA) from its ikrafttræden on. */
export interface TillaegData extends SignedLifecycle {
  dokumenttype: 'tillaeg';
  tekstgrundlag?: Tekstgrundlag;
  id: string;
  dokid: string | null;
  sags_id?: string;
  til: string;
  til_version: IsoDate;
  nummer: number;
  kommune: string;
  version: IsoDate;
  status: Status;
  ikrafttraeden: IsoDate;
  formaal: string;
  aendringer: { felter: FeltAendring[]; afsnit: NytAfsnit[] };
  godkendelser: Godkendelser;
}

/**
 * The consolidated text of an agreement as amended by its tillæg in force: made from the data
 * (never a file), one per amended agreement.
 */
interface KonsolideretData {
  dokumenttype: 'konsolideret';
  id: string;
  grundaftale: string;
  kommune: string;
  /** The ids of the tillæg applied, in nummer order. */
  tillaeg: string[];
}

export interface DataByKind {
  region: RegionData;
  opgaver: OpgaverData;
  frister: FristerData;
  hsa: HsaData;
  delingsaftale: DelingsaftaleData;
  anmodning: AnmodningData;
  sag: SagData;
  tillaeg: TillaegData;
  konsolideret: KonsolideretData;
}
