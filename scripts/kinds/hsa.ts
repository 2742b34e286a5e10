import { latestDay, lastDayOfPeriod } from '../model/dates.ts';
import { kommuneName, opgaveTerm, versionLabel } from '../model/names.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { formatDate } from '../basics/format.ts';
import { countInWords } from '../basics/number-words.ts';
import type { Repository } from '../model/repository.ts';
import { draftPrefix, fromCalendar, fristerView, modelNote, opgaveView, openClauses, partiesView, provenance, regionName, statusLabel } from './common.ts';
import { fromFrist, fromVilkaar } from './deadlines.ts';
import { bilagPlaceReads, identityLine } from './case-place.ts';
import { defineDocumentKind } from './kind.ts';
import { latest, orNotSet } from './meta.ts';
import { signatureTable, signedOn } from './lifecycle.ts';
import { terminationFrom, terminationText } from './termination.ts';

type Hsa = SourceDocument<'hsa'>;

const termination = ({ data: d }: Hsa) => terminationFrom(d.opsigelse, d.opgave);

/** The title block's status: »Opsagt af kommunen den … med ophør den …« once terminated. */
function statusText(doc: Hsa): string {
  const t = termination(doc);
  return t ? terminationText(t) : statusLabel[doc.data.status];
}

/**
 * The source gives the evaluation as a period (»i løbet af de første to år«, vilkår
 * hsa-evaluering); the date in the data is that period's last day counted from ikrafttræden.
 * When it is, the text says it is computed and from what; an other date is the parties' own.
 */
function computedEvaluation(repo: Repository, { data: d }: Hsa): { periode: string; fra: string } | null {
  const term = repo.vilkaar('hsa-evaluering');
  if (!term || lastDayOfPeriod(d.ikrafttraeden, term) !== d.evaluering.senest) return null;
  return { periode: countInWords(term.vaerdi, term.enhed === 'aar' ? 'år' : 'måned', term.enhed === 'aar' ? 'år' : 'måneder'), fra: d.ikrafttraeden };
}

/**
 * Clauses a jurist expects in every HSA that the sources do not fill (issue 16): absent or null,
 * the template writes »Udestår: <what>«, so the clause numbering is the same in every HSA.
 */
const OPEN_CLAUSES = [
  { field: 'visitation', heading: 'Visitation', what: 'bestemmelserne om visitation' },
  { field: 'data_og_journalfoering', heading: 'Data og journalføring', what: 'bestemmelserne om data og journalføring' },
  { field: 'tilsyn_og_klage', heading: 'Tilsyn og klage', what: 'bestemmelserne om tilsyn og klage' },
  { field: 'aendringer_og_tillaeg', heading: 'Ændringer og tillæg', what: 'bestemmelserne om ændringer og tillæg' },
  { field: 'varighed', heading: 'Varighed', what: 'aftalens varighed' },
  { field: 'tvister', heading: 'Tvister', what: 'bestemmelserne om tvister' },
] as const;

const clauseOf = (field: (typeof OPEN_CLAUSES)[number]['field']) => {
  const c = OPEN_CLAUSES.find((o) => o.field === field)!;
  return { heading: c.heading, fields: [c.field] };
};

const partyLabel = { region: 'Regionen', kommune: 'Kommunen', faelles: 'Fælles' } as const;

/** Horisontal samarbejdsaftale: the kommune keeps operating a task under the region's authority. */
export const hsa = defineDocumentKind<'hsa'>({
  id: 'hsa',
  nouns: ['samarbejdsaftale (HSA)', 'samarbejdsaftaler (HSA)'],
  schema: 'schemas/hsa.schema.json',
  template: 'hsa',
  numberedClauses: true,
  scope: { type: 'kommune', kommune: (doc) => doc.data.kommune },

  view(repo, doc) {
    const d = doc.data;
    const t = termination(doc);
    return {
      ...partiesView(repo, d.kommune),
      opgave: opgaveView(repo, d.opgave),
      id: d.id,
      dokid: d.dokid,
      sags_id: d.sags_id ?? null,
      version: d.version,
      status: statusLabel[d.status],
      udkast: d.status === 'udkast',
      tekstgrundlag: provenance(d.tekstgrundlag),
      formaal: d.formaal,
      bidrag: d.bidrag,
      ansvarsfordeling: d.ansvarsfordeling.map((a) => ({ ydelse: a.ydelse, ansvarlig: partyLabel[a.ansvarlig], beskrivelse: a.beskrivelse ?? null })),
      kapacitet: d.kapacitet ? { pladser: d.kapacitet.pladser, beskrivelse: d.kapacitet.beskrivelse ?? null } : null,
      finansiering: d.finansiering,
      opfoelgning: d.opfoelgning,
      evaluering: { ...d.evaluering, beregnet: computedEvaluation(repo, doc) },
      opsigelse: {
        varsel_maaneder: d.opsigelse.varsel_maaneder,
        // The Q&A writes the notice in words: »kan opsiges med et varsel på ni måneder«.
        varsel: countInWords(d.opsigelse.varsel_maaneder, 'måned', 'måneder'),
        beskrivelse: d.opsigelse.beskrivelse ?? null,
        meddelt: t
          ? {
              tekst: `Aftalen er ${terminationText(t).replace(/^O/, 'o')}${t.computed ? '' : ' efter aftale mellem parterne'}`,
              begrundelse: t.begrundelse ?? null,
            }
          : null,
      },
      mislighold: d.mislighold,
      ...openClauses(OPEN_CLAUSES, d).view,
      ikrafttraeden: d.ikrafttraeden,
      // The day the law moves the task (reference data), which the agreement's own start date
      // must meet but does not set: a late agreement must not restate the law with its own date.
      opgaveflytning: repo.frist('ikrafttraeden')?.dato ?? d.ikrafttraeden,
      godkendelser: d.godkendelser,
      underskrifter: signatureTable(repo, d.underskrifter),
      forbehold: d.forbehold && d.forbehold.length > 0 ? d.forbehold : null,
      frister: fristerView(repo, ['hsa-godkendelse', 'ikrafttraeden']),
    };
  },

  meta(repo, doc) {
    const d = doc.data;
    const region = regionName(repo);
    const opgave = repo.opgave(d.opgave);
    const kommune = kommuneName(repo, d.kommune);
    return {
      title: `Horisontal samarbejdsaftale om ${opgave?.betegnelse ?? d.opgave}`,
      titleBlock: [
        { label: 'Parter', value: `${region} og ${kommune}` },
        { label: 'Opgave', value: opgave?.navn ?? d.opgave },
        { label: 'Version', value: versionLabel(d.version) },
        { label: 'Status', value: statusText(doc) },
        { label: 'DokID', value: orNotSet(d.dokid) },
        { label: 'Sags ID', value: orNotSet(d.sags_id) },
        { label: 'Ikrafttræden', value: formatDate(d.ikrafttraeden) },
      ],
      // Two lines that each fit at the header's size: which agreement, then its identity and its place as a bilag.
      // The opgave by its short name: »specialiseret rehabilitering og dele af den avancerede genoptræning« would not fit.
      runningHeader: `Horisontal samarbejdsaftale · ${opgave?.navn ?? d.opgave} · ${kommune}`,
      runningSubheader: identityLine(repo, d.id, { dokid: d.dokid, version: versionLabel(d.version) }, d.tekstgrundlag),
      subject: `Horisontal samarbejdsaftale mellem ${region} og ${kommune} om ${opgave?.betegnelse ?? d.opgave}`,
      keywords: ['horisontal samarbejdsaftale', opgave?.navn ?? d.opgave, kommune, versionLabel(d.version), 'opgaveflyt 2027'],
      draft: d.status === 'udkast',
      date:
        latest(d.version, d.godkendelser.regionsraad, d.godkendelser.kommunalbestyrelse, signedOn(repo, d.underskrifter), d.opsigelse.meddelt?.dato) ??
        d.version,
      kommuner: [d.kommune],
      opgave: d.opgave,
      version: d.version,
      status: d.status,
    };
  },

  name: (repo, { data: d }) =>
    `${draftPrefix(d.status, 'horisontal samarbejdsaftale')} for ${opgaveTerm(repo, d.opgave)} ${kommuneName(repo, d.kommune)} ${versionLabel(d.version)}`,
  label: (repo, { data: d }) => `Samarbejdsaftale om ${opgaveTerm(repo, d.opgave)}`,
  groupName: (repo, { data: d }) => `samarbejdsaftalerne om ${opgaveTerm(repo, d.opgave)}`,
  // The running header names the case that lists the agreement as a bilag, and its number there.
  reads: (repo, { data: d }) => bilagPlaceReads(repo, d.id),
  kommuneMentions: ({ data: d }) => [{ path: ['kommune'], value: d.kommune }],
  opgaveMentions: ({ data: d }) => [{ path: ['opgave'], value: d.opgave }],

  deadlines(repo, doc: Hsa) {
    const d = doc.data;
    const k = [d.kommune];
    const { regionsraad, kommunalbestyrelse } = d.godkendelser;
    const missing = [regionsraad === null && 'regionsrådets', kommunalbestyrelse === null && 'kommunalbestyrelsens'].filter(Boolean).join(' og ');
    return [
      // Both approvals recorded: the step is done on the later of the two days.
      ...fromFrist(doc, k, repo.frist('hsa-godkendelse'), {
        label: 'godkendelse',
        done: regionsraad && kommunalbestyrelse ? latestDay(regionsraad, kommunalbestyrelse)! : null,
        missing: `${missing} godkendelse`,
      }),
      ...fromFrist(doc, k, repo.frist('ikrafttraeden'), { label: 'ikrafttræden', done: undefined, dato: d.ikrafttraeden }),
      ...fromVilkaar(doc, k, repo.vilkaar('hsa-evaluering'), 'evaluering', d.evaluering.senest),
    ];
  },

  // The clauses of templates/hsa.md.hbs in order, the same in every HSA (tests/kinds/tillaeg.test.ts compares them with a rendering).
  clauses: [
    { heading: 'Parter', fields: ['kommune'] },
    { heading: 'Formål', fields: ['formaal'] },
    { heading: 'Hjemmel', fields: [] },
    {
      heading: 'Opgaven',
      fields: ['opgave', 'kapacitet'],
      labels: { 'kapacitet.pladser': 'antal pladser', 'kapacitet.beskrivelse': 'beskrivelsen af kapaciteten' },
    },
    {
      heading: 'Ydelser og kvalitet',
      fields: ['bidrag', 'ansvarsfordeling'],
      labels: { 'bidrag.region': 'regionens bidrag', 'bidrag.kommune': 'kommunens bidrag', ansvarsfordeling: 'ansvarsfordelingen' },
    },
    clauseOf('visitation'),
    {
      heading: 'Økonomi og afregning',
      fields: ['finansiering'],
      labels: { 'finansiering.aarligt_beloeb_kr': 'årligt beløb', 'finansiering.beskrivelse': 'finansieringsmodellen' },
    },
    clauseOf('data_og_journalfoering'),
    clauseOf('tilsyn_og_klage'),
    {
      heading: 'Opfølgning og evaluering',
      fields: ['opfoelgning', 'evaluering'],
      labels: { opfoelgning: 'opfølgningen', 'evaluering.senest': 'fristen for evalueringen', 'evaluering.beskrivelse': 'evalueringen' },
    },
    clauseOf('aendringer_og_tillaeg'),
    clauseOf('varighed'),
    {
      heading: 'Opsigelse',
      fields: ['opsigelse'],
      labels: { 'opsigelse.varsel_maaneder': 'opsigelsesvarslet (måneder)', 'opsigelse.beskrivelse': 'opsigelsesvilkårene' },
    },
    { heading: 'Misligholdelse', fields: ['mislighold'] },
    clauseOf('tvister'),
    { heading: 'Ikrafttræden og godkendelse', fields: ['ikrafttraeden', 'godkendelser'], closing: true },
    { heading: 'Kommunens forbehold', fields: ['forbehold'], closing: true },
    { heading: 'Frister', fields: [], closing: true },
    { heading: 'Underskrifter', fields: ['underskrifter'], closing: true },
  ],

  pending: ({ data: d }) => openClauses(OPEN_CLAUSES, d).pending,

  agreement: {
    status: (doc) => doc.data.status,
    approvals: (doc) => doc.data.godkendelser,
    signatures: (doc) => doc.data.underskrifter,
    locked: (doc) => doc.data.laast,
  },

  terminates: {
    of: termination,
    follows: 'regional',
  },

  governs: {
    model: 'kommunal',
    exclusive: true,
    noun: 'Samarbejdsaftale',
    fit: (doc, opgave) => (doc.data.opgave === opgave ? 0 : undefined),
    state: ({ data: d }) => `${statusLabel[d.status]}, ${versionLabel(d.version)}`,
  },

  scaffold: {
    headline: 'Horisontal samarbejdsaftale',
    options: [
      { name: 'kommune', value: 'KODE|NAVN', required: true },
      { name: 'opgave', value: 'OPGAVE', required: true },
    ],
    help: ['Horisontal samarbejdsaftale, fx', 'npm run new -- hsa --kommune 316 --opgave akutsygepleje'],
    plan(ctx, args) {
      const kommune = ctx.kommune(String(args.kommune));
      const opgave = ctx.opgave(String(args.opgave));
      const start = ctx.frist('ikrafttraeden');
      const varsel = ctx.vilkaar('hsa-opsigelsesvarsel');
      const evaluering = ctx.vilkaar('hsa-evaluering');
      const godkendelse = ctx.frist('hsa-godkendelse');
      const id = `hsa-${kommune.slug}-${opgave.id}`;
      const overrides = new Map<string, unknown>([
        ['id', id],
        ['version', ctx.today],
        ['status', 'udkast'],
        ['kommune', kommune.kode],
        ['opgave', opgave.id],
        // The two duties that define kommunal drift under the region's authority; the rest is the parties' to add.
        [
          'ansvarsfordeling',
          [
            { ydelse: 'Myndigheds- og finansieringsansvar', ansvarlig: 'region' },
            { ydelse: 'Drift af opgaven og levering af ydelserne til borgerne', ansvarlig: 'kommune' },
          ],
        ],
        ['evaluering.senest', lastDayOfPeriod(start.dato, evaluering)],
        ['opsigelse.varsel_maaneder', varsel.vaerdi],
        ['ikrafttraeden', start.dato],
      ]);
      const optional = new Set<string>();
      // The capacity rules count places per sundhedsråd; a null tells them it is not agreed yet.
      if (opgave.id === 'sundheds-og-omsorgspladser') optional.add('kapacitet');
      // The clauses every HSA has: null until written (rendered »Udestår«), so staff see them in the file.
      for (const { field } of OPEN_CLAUSES) optional.add(field);
      const notes = new Map([
        ['version', 'Sat til datoen, filen blev oprettet; ret den, når en ny version af aftalen sendes ud.'],
        ['ansvarsfordeling', 'De to første ydelser følger af driftsmodellen (kommunal drift under regionens myndighedsansvar); tilføj de øvrige.'],
        [
          'evaluering.senest',
          `Standardværdi: ikrafttrædelsen plus ${evaluering.vaerdi} ${evaluering.enhed === 'aar' ? 'år' : 'måneder'} minus én dag. ${fromCalendar(evaluering)}`,
        ],
        ['opsigelse.varsel_maaneder', fromCalendar(varsel)],
        ['ikrafttraeden', fromCalendar(start)],
        ['godkendelser', `Fristen er ${formatDate(godkendelse.dato)} (${godkendelse.betegnelse}).`],
      ]);
      return { id, dir: ctx.kommuneDir(kommune.kode), overrides, optional, notes, messages: modelNote(ctx, kommune.kode, opgave.id, 'kommunal') };
    },
  },
});
