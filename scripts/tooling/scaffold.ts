import path from 'node:path';
import { NO_SUNDHEDSRAAD } from '../emit/layout.ts';
import type { DocumentKind } from '../model/kinds.ts';
import type { Repository } from '../model/repository.ts';
import type { Frist, Kilde, Vilkaar } from '../model/types.ts';
import { formatDate } from '../basics/format.ts';
import { lastDayOfPeriod } from '../model/dates.ts';
import { ArgumentError, findKommune, findOpgave, findSundhedsraad } from './lookup.ts';
import { modelKey, modelLabel, operatingModels } from './operating-models.ts';
import { fillRequired, PLACEHOLDER } from './scaffold-fill.ts';
import { commentedYaml, type FieldNotes } from './scaffold-yaml.ts';
import { allowsNull, schemaFileOf, type SchemaDocs } from '../validate/schema-docs.ts';

/** What `npm run new` was asked for; values as typed (a kommune by code or name). */
export type ScaffoldRequest =
  | { kind: 'hsa'; kommune: string; opgave: string }
  | { kind: 'delingsaftale'; kommune: string }
  | { kind: 'anmodning'; kommune: string; opgave: string }
  | { kind: 'sag'; sundhedsraad: string; sagsId: string; punkt: number; titel: string; dokid?: string; aaben: boolean };

export interface Scaffold {
  id: string;
  /** Repository-relative path of the new file. */
  file: string;
  text: string;
  /** Things staff should know about the new file (Danish), e.g. a case that decides otherwise. */
  notes: string[];
}

/** The data cannot give a value the new file needs (a frist missing from the calendar); Danish message. */
export class ScaffoldError extends Error {}

export const DATA_DIR = 'agreements';

const cite = (k: Kilde) => `${k.dokument}, ${k.afsnit}`;

function needFrist(repo: Repository, id: string): Frist {
  const f = repo.frist(id);
  if (!f) throw new ScaffoldError(`Fristkalenderen (agreements/reference/frister.yaml) mangler fristen »${id}«`);
  return f;
}

function needVilkaar(repo: Repository, id: string): Vilkaar {
  const v = repo.vilkaar(id);
  if (!v) throw new ScaffoldError(`Fristkalenderen (agreements/reference/frister.yaml) mangler vilkåret »${id}«`);
  return v;
}

const fromCalendar = (f: Frist | Vilkaar) => `Standardværdi fra fristkalenderen (${f.id}): ${f.betegnelse}. Kilde: ${cite(f.kilde)}.`;

/** Where a kommune's documents live: agreements/<sundhedsråd or uden-sundhedsraad>/<slug>/. */
function kommuneDir(repo: Repository, code: string): string {
  const kommune = repo.kommune(code)!;
  return `${DATA_DIR}/${repo.sundhedsraadOf(code)?.id ?? NO_SUNDHEDSRAAD}/${kommune.slug}`;
}

interface Plan {
  id: string;
  dir: string;
  overrides: Map<string, unknown>;
  optional: Set<string>;
  notes: Map<string, string>;
  messages: string[];
}

function hsa(repo: Repository, kommuneArg: string, opgaveArg: string, today: string): Plan {
  const kommune = findKommune(repo, kommuneArg);
  const opgave = findOpgave(repo, opgaveArg);
  const start = needFrist(repo, 'ikrafttraeden');
  const varsel = needVilkaar(repo, 'hsa-opsigelsesvarsel');
  const evaluering = needVilkaar(repo, 'hsa-evaluering');
  const godkendelse = needFrist(repo, 'hsa-godkendelse');
  const id = `hsa-${kommune.slug}-${opgave.id}`;
  const overrides = new Map<string, unknown>([
    ['id', id],
    ['version', today],
    ['status', 'udkast'],
    ['kommune', kommune.kode],
    ['opgave', opgave.id],
    // The two duties that define kommunal drift under the region's authority; the rest is the parties' to add.
    ['ansvarsfordeling', [
      { ydelse: 'Myndigheds- og finansieringsansvar', ansvarlig: 'region' },
      { ydelse: 'Drift af opgaven og levering af ydelserne til borgerne', ansvarlig: 'kommune' },
    ]],
    ['evaluering.senest', lastDayOfPeriod(start.dato, evaluering)],
    ['opsigelse.varsel_maaneder', varsel.vaerdi],
    ['ikrafttraeden', start.dato],
  ]);
  const optional = new Set<string>();
  // The capacity rules count places per sundhedsråd; a null tells them it is not agreed yet.
  if (opgave.id === 'sundheds-og-omsorgspladser') optional.add('kapacitet');
  const notes = new Map([
    ['version', 'Sat til datoen, filen blev oprettet; ret den, når en ny version af aftalen sendes ud.'],
    ['ansvarsfordeling', 'De to første ydelser følger af driftsmodellen (kommunal drift under regionens myndighedsansvar); tilføj de øvrige.'],
    ['evaluering.senest', `Standardværdi: ikrafttrædelsen plus ${evaluering.vaerdi} ${evaluering.enhed === 'aar' ? 'år' : 'måneder'} minus én dag. ${fromCalendar(evaluering)}`],
    ['opsigelse.varsel_maaneder', fromCalendar(varsel)],
    ['ikrafttraeden', fromCalendar(start)],
    ['godkendelser', `Fristen er ${formatDate(godkendelse.dato)} (${godkendelse.betegnelse}).`],
  ]);
  return { id, dir: kommuneDir(repo, kommune.kode), overrides, optional, notes, messages: modelMessages(repo, kommune.kode, opgave.id, 'kommunal') };
}

/** A note when a case decides another model for the pair than the document being created serves. */
function modelMessages(repo: Repository, kommune: string, opgave: string, serves: 'kommunal' | 'anmodning'): string[] {
  const decision = operatingModels(repo).get(modelKey(kommune, opgave));
  if (!decision || decision.model === serves) return [];
  return [`Bemærk: sag ${decision.sag.data.sags_id} indstiller »${modelLabel[decision.model].toLowerCase()}« for ${repo.kommune(kommune)?.navn ?? kommune} og ${repo.opgave(opgave)?.betegnelse ?? opgave}, ikke ${modelLabel[serves].toLowerCase()}.`];
}

function delingsaftale(repo: Repository, kommuneArg: string): Plan {
  const kommune = findKommune(repo, kommuneArg);
  const reference = needFrist(repo, 'referencedato-deling');
  const udkast = needFrist(repo, 'delingsaftale-udkast');
  const indgaaelse = needFrist(repo, 'delingsaftale-indgaaelse');
  const models = operatingModels(repo);
  const id = `delingsaftale-${kommune.slug}`;
  const undecided: string[] = [];
  const opgaver = repo.opgaver.map((o) => {
    const model = models.get(modelKey(kommune.kode, o.id))?.model;
    if (!model) undecided.push(o.betegnelse);
    // Regional drift (and, until a case decides otherwise, the reform's default) moves the drift;
    // where the kommune keeps operating, only the authority moves.
    const overdragelse = model === 'kommunal' || model === 'anmodning' ? 'myndighedsansvar' : 'drift';
    return {
      opgave: o.id,
      overdragelse,
      aktiver: [],
      passiver: [],
      rettigheder: [],
      pligter: [],
      ansatte: [],
      bemaerkninger: `${PLACEHOLDER} kommunens opgørelse af aktiver, passiver, rettigheder, pligter og ansatte, der i overvejende grad er knyttet til opgaven pr. ${formatDate(reference.dato)}.`,
    };
  });
  const overrides = new Map<string, unknown>([
    ['id', id],
    ['status', 'udkast'],
    ['kommune', kommune.kode],
    ['referencedato', reference.dato],
    ['opgaver', opgaver],
  ]);
  const decidedBy = [...new Set([...models.values()].filter((m) => m.kommune === kommune.kode).map((m) => m.sag.data.sags_id))];
  const notes = new Map([
    ['referencedato', fromCalendar(reference)],
    ['udkast_fremsendt', `Fristen er ${formatDate(udkast.dato)}.`],
    ['aftalt', `Fristen er ${formatDate(indgaaelse.dato)}.`],
    ['opgaver', decidedBy.length > 0 ? `Overdragelsen følger indstillingen i sag ${decidedBy.join(', ')}: drift ved regional drift, myndighedsansvar ved kommunal drift eller anmodning.` : 'Ingen sag har afgjort driftsmodellerne endnu: alle opgaver står med overdragelse af driften; ret til myndighedsansvar for de opgaver, kommunen skal drive videre.'],
  ]);
  const messages = undecided.length > 0 && decidedBy.length > 0 ? [`Bemærk: ingen sag afgør driften af ${undecided.join(', ')} for ${kommune.navn}; de står med overdragelse af driften.`] : [];
  return { id, dir: kommuneDir(repo, kommune.kode), overrides, optional: new Set(), notes, messages };
}

function anmodning(repo: Repository, kommuneArg: string, opgaveArg: string): Plan {
  const kommune = findKommune(repo, kommuneArg);
  const opgave = findOpgave(repo, opgaveArg);
  const meddelelse = needFrist(repo, 'anmodning-meddelelse');
  const start = needFrist(repo, 'ikrafttraeden');
  const slut = needFrist(repo, 'anmodning-periode-slut');
  const id = `anmodning-${kommune.slug}-${opgave.id}`;
  const overrides = new Map<string, unknown>([
    ['id', id],
    ['kommune', kommune.kode],
    ['opgave', opgave.id],
    ['periode_start', start.dato],
    ['periode_slut', slut.dato],
  ]);
  const notes = new Map([
    ['meddelt', `Fristen er ${formatDate(meddelelse.dato)} (${meddelelse.betegnelse}).`],
    ['periode_start', fromCalendar(start)],
    ['periode_slut', fromCalendar(slut)],
  ]);
  return { id, dir: kommuneDir(repo, kommune.kode), overrides, optional: new Set(['dokid', 'begrundelse']), notes, messages: modelMessages(repo, kommune.kode, opgave.id, 'anmodning') };
}

/** Does a value fit the pattern the schema gives a sag's field? (Checked here for a clear message.) */
function fits(schemas: SchemaDocs, key: string, value: string): boolean {
  const pattern = schemas.property(schemas.forKind('sag'), key)?.node.pattern;
  return typeof pattern !== 'string' || new RegExp(pattern, 'u').test(value);
}

function sag(repo: Repository, schemas: SchemaDocs, r: Extract<ScaffoldRequest, { kind: 'sag' }>): Plan {
  const raad = findSundhedsraad(repo, r.sundhedsraad);
  const sagsId = r.sagsId.trim().toUpperCase();
  if (!fits(schemas, 'sags_id', sagsId)) throw new ArgumentError(`Sags ID skal have formen EMN-2026-1234, ikke »${r.sagsId}«`);
  if (!Number.isInteger(r.punkt) || r.punkt < 1 || r.punkt > 999) throw new ArgumentError('Punktet skal være et helt tal fra 1 til 999');
  if (!r.titel.trim()) throw new ArgumentError('Titlen må ikke være tom');
  const dokidSchema = schemas.property(schemas.forKind('sag'), 'dokid')!;
  let dokid: string | null = null;
  if (r.dokid !== undefined) {
    if (!fits(schemas, 'dokid', r.dokid)) throw new ArgumentError(`DokID skal være 5–10 cifre, ikke »${r.dokid}«`);
    dokid = r.dokid;
  } else if (!allowsNull(dokidSchema.node)) {
    // schemas/sag.schema.json requires the DokID (no null), so there is no honest default.
    throw new ArgumentError('En sag skal have sagsfremstillingens DokID: angiv det med --dokid (skemaet for sager tillader ikke null)');
  }
  const id = `sag-${sagsId.toLowerCase()}`;
  const overrides = new Map<string, unknown>([
    ['id', id],
    ['sags_id', sagsId],
    ['dokid', dokid],
    ['sundhedsraad', raad.id],
    ['moede.organ', raad.navn],
    ['punkt', r.punkt],
    ['titel', r.titel.trim()],
    ['aaben', r.aaben],
    ['indstilling.indledning', `${PLACEHOLDER} Administrationen indstiller, at …`],
  ]);
  const notes = new Map([
    ['moede', 'Udfyld mødedatoen, når den kendes.'],
    ['bilag', 'Tilføj et bilag som »- dokument: <id>« med »version: <dato>«, eller som »- eksternt: …«.'],
  ]);
  const messages = raad.kommuner.length === 0 ? [`Bemærk: ${raad.navn} har ingen bekræftede kommuner i agreements/reference/region.yaml, så indstillingens driftsmodeller gælder endnu ingen kommuner.`] : [];
  return { id, dir: `${DATA_DIR}/${raad.id}`, overrides, optional: new Set(), notes, messages };
}

const headline: Record<DocumentKind, string> = {
  hsa: 'Horisontal samarbejdsaftale',
  delingsaftale: 'Delingsaftale',
  anmodning: 'Anmodning om fortsat kommunal drift',
  sag: 'Sag til sundhedsrådet',
};

/**
 * A new data file with every required field: ids by the naming convention (schemas/README.md),
 * dates and terms from the frist calendar, null where a value is not known, »Udestår: …« where
 * text must be written, `status: udkast`, and the schema's Danish descriptions as comments.
 */
export function scaffold(repo: Repository, schemas: SchemaDocs, request: ScaffoldRequest, options: { today: string }): Scaffold {
  const plan =
    request.kind === 'hsa' ? hsa(repo, request.kommune, request.opgave, options.today)
    : request.kind === 'delingsaftale' ? delingsaftale(repo, request.kommune)
    : request.kind === 'anmodning' ? anmodning(repo, request.kommune, request.opgave)
    : sag(repo, schemas, request);
  const schema = schemas.forKind(request.kind);
  const file = `${plan.dir}/${plan.id}.yaml`;
  const schemaPath = path.posix.relative(plan.dir, schemaFileOf(request.kind));
  const data = fillRequired(schemas, schema, plan.overrides, plan.optional) as Record<string, unknown>;
  const text = commentedYaml(schemas, {
    schemaLine: `yaml-language-server: $schema=${schemaPath}`,
    header: [
      `${headline[request.kind]}, oprettet med »npm run new« ${formatDate(options.today)}.`,
      schema.node.description ?? '',
      '',
      `Udfyld alt, der står »${PLACEHOLDER} …«, og erstat null, når oplysningen kendes. Kommentaren over hvert felt kommer fra ${schemaFileOf(request.kind)}. Kør »npm run check« bagefter.`,
    ],
    data,
    schema,
    notes: plan.notes as FieldNotes,
  });
  return { id: plan.id, file, text, notes: plan.messages };
}
