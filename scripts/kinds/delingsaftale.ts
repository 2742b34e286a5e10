import { signatureTable, signedOn } from './lifecycle.ts';
import { kommuneName, versionLabel } from '../model/names.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { Post } from '../model/types.ts';
import { formatDate } from '../basics/format.ts';
import { draftPrefix, fromCalendar, fristerView, opgaveView, openClauses, partiesView, provenance, regionName, statusLabel } from './common.ts';
import { bilagPlaceReads, identityLine } from './case-place.ts';
import { fromFrist } from './deadlines.ts';
import { defineDocumentKind } from './kind.ts';
import { latest, orNotSet } from './meta.ts';

type Delingsaftale = SourceDocument<'delingsaftale'>;

const postView = (p: Post) => ({ beskrivelse: p.beskrivelse, antal: p.antal ?? null, vaerdi_kr: p.vaerdi_kr ?? null, note: p.note ?? null });

const categories = [
  ['aktiver', 'Aktiver'],
  ['passiver', 'Passiver'],
  ['rettigheder', 'Rettigheder'],
  ['pligter', 'Pligter'],
] as const;

/** Clauses the sources do not fill: absent or null, the template writes »Udestår: <what>«. */
const OPEN_CLAUSES = [
  { field: 'ansatte_overgang', what: 'vilkårene for de ansattes overgang' },
  { field: 'kontrakter', what: 'overdragelsen af kontrakter' },
  { field: 'it', what: 'overdragelsen af it-systemer og data' },
  { field: 'arkiv', what: 'overdragelsen af arkivalier' },
] as const;

/** The terms of the staff's move matter only where staff moves, or may (not yet stated). */
const staffMayMove = (d: Delingsaftale['data']) => d.opgaver.some((o) => o.ansatte === null || o.ansatte.length > 0);

/** »a«, »a og b«, »a, b og c«: the opgaver a line of a clause speaks for. */
function andList(items: string[]): string | null {
  if (items.length === 0) return null;
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} og ${items.at(-1)!}`;
}

/**
 * One category of a clause across the agreement's opgaver (issue 16: the same clauses in every
 * delingsaftale, whatever its opgaver): the items stated, and which opgaver have stated there are
 * none ([]: »Ingen for …«) or not yet (null: »Udestår: … for …«).
 */
function across<T, V>(opgaver: ReadonlyArray<{ navn: string; items: T[] | null }>, view: (item: T) => V) {
  return {
    poster: opgaver.flatMap((o) => (o.items ?? []).map((item) => ({ opgave: o.navn, ...view(item) }))),
    ingen: andList(opgaver.filter((o) => o.items?.length === 0).map((o) => o.navn.toLowerCase())),
    udestaar: andList(opgaver.filter((o) => o.items === null).map((o) => o.navn.toLowerCase())),
  };
}

/** Delingsaftale: assets, liabilities, rights, duties and staff that move from a kommune to the region. */
export const delingsaftale = defineDocumentKind<'delingsaftale'>({
  id: 'delingsaftale',
  nouns: ['delingsaftale', 'delingsaftaler'],
  schema: 'schemas/delingsaftale.schema.json',
  template: 'delingsaftale',
  numberedClauses: true,
  scope: { type: 'kommune', kommune: (doc) => doc.data.kommune },

  view(repo, { data: d }) {
    const named = <T>(opgaver: typeof d.opgaver, items: (o: (typeof d.opgaver)[number]) => T[] | null) =>
      opgaver.map((o) => ({ navn: repo.opgave(o.opgave)?.navn ?? o.opgave, items: items(o) }));
    return {
      ...partiesView(repo, d.kommune),
      id: d.id,
      dokid: d.dokid,
      version: d.version,
      status: statusLabel[d.status],
      udkast: d.status === 'udkast',
      tekstgrundlag: provenance(d.tekstgrundlag),
      referencedato: d.referencedato,
      ikrafttraeden: repo.frist('ikrafttraeden')?.dato ?? null,
      udkast_fremsendt: d.udkast_fremsendt,
      aftalt: d.aftalt,
      godkendelser: d.godkendelser,
      underskrifter: signatureTable(repo, d.underskrifter),
      delingsraad: d.delingsraad ?? null,
      opgaver: d.opgaver.map((o) => ({ opgave: opgaveView(repo, o.opgave), drift: o.overdragelse === 'drift', bemaerkninger: o.bemaerkninger ?? null })),
      // null: not yet stated (the template says »Udestår«); []: stated to be none (»Ingen«).
      kategorier: categories.map(([key, titel]) => ({
        titel,
        ...across(
          named(d.opgaver, (o) => o[key]),
          postView,
        ),
      })),
      ansatte: {
        ...across(
          named(d.opgaver, (o) => o.ansatte),
          (a) => ({ stilling: a.stilling, antal: a.antal, aarsvaerk: a.aarsvaerk ?? null }),
        ),
        overgang: staffMayMove(d),
      },
      ...openClauses(OPEN_CLAUSES, d).view,
      frister: fristerView(repo, ['referencedato-deling', 'delingsaftale-udkast', 'delingsaftale-indgaaelse', 'delingsraad-afgoerelse', 'ikrafttraeden']),
    };
  },

  meta(repo, { data: d }) {
    const region = regionName(repo);
    const kommune = kommuneName(repo, d.kommune);
    return {
      title: 'Delingsaftale om overførsel af aktiver, passiver, rettigheder, pligter og ansatte',
      titleBlock: [
        { label: 'Parter', value: `${region} og ${kommune}` },
        { label: 'Opgaver', value: d.opgaver.map((o) => repo.opgave(o.opgave)?.navn ?? o.opgave).join(', ') },
        { label: 'Version', value: orNotSet(d.version, versionLabel) },
        { label: 'Status', value: statusLabel[d.status] },
        { label: 'DokID', value: orNotSet(d.dokid) },
        { label: 'Anvendelse opgjort pr.', value: formatDate(d.referencedato) },
      ],
      runningHeader: `Delingsaftale · ${kommune}`,
      runningSubheader: identityLine(repo, d.id, { dokid: d.dokid, version: d.version ? versionLabel(d.version) : null }, d.tekstgrundlag),
      subject: `Delingsaftale mellem ${kommune} og ${region}`,
      keywords: ['delingsaftale', kommune, 'opgaveflyt 2027'],
      draft: d.status === 'udkast',
      date:
        latest(
          d.version,
          d.udkast_fremsendt,
          d.aftalt,
          d.godkendelser.regionsraad,
          d.godkendelser.kommunalbestyrelse,
          d.delingsraad?.afgoerelse,
          signedOn(repo, d.underskrifter),
        ) ?? d.referencedato,
      kommuner: [d.kommune],
      opgave: null,
      version: d.version,
      status: d.status,
    };
  },

  name: (repo, { data: d }) => `${draftPrefix(d.status, 'delingsaftale')} ${kommuneName(repo, d.kommune)}${d.version ? ` ${versionLabel(d.version)}` : ''}`,
  label: () => 'Delingsaftale',
  groupName: () => 'delingsaftalerne',
  // The running header names the case that lists the agreement as a bilag, and its number there.
  reads: (repo, { data: d }) => bilagPlaceReads(repo, d.id),
  kommuneMentions: ({ data: d }) => [{ path: ['kommune'], value: d.kommune }],
  opgaveMentions: ({ data: d }) => d.opgaver.map((o, i) => ({ path: ['opgaver', i, 'opgave'], value: o.opgave })),

  deadlines(repo, doc: Delingsaftale) {
    const d = doc.data;
    const k = [d.kommune];
    const decided = d.delingsraad?.afgoerelse ?? null;
    return [
      ...fromFrist(doc, k, repo.frist('delingsaftale-udkast'), { label: 'udkast sendt', done: d.udkast_fremsendt, missing: 'fremsendelse af udkastet' }),
      // Without agreement in time the Delingsråd decides; its decision settles the agreement step too.
      ...fromFrist(doc, k, repo.frist('delingsaftale-indgaaelse'), { label: 'aftale indgået', done: d.aftalt ?? decided, missing: 'indgåelse af aftalen' }),
      // The Delingsråd's deadline applies only while the parties have not agreed.
      ...(d.aftalt !== null && !d.delingsraad
        ? []
        : fromFrist(doc, k, repo.frist('delingsraad-afgoerelse'), { label: 'Delingsrådets afgørelse', done: decided, missing: 'Delingsrådets afgørelse' })),
      ...fromFrist(doc, k, repo.frist('ikrafttraeden'), { label: 'ikrafttræden', done: undefined }),
    ];
  },

  pending: ({ data: d }) => [
    ...d.opgaver.flatMap((o, i) =>
      [...categories.map(([key]) => key), 'ansatte' as const]
        .filter((key) => o[key] === null)
        .map((key) => ({ path: ['opgaver', i, key], what: `opgørelsen af ${key}` })),
    ),
    ...openClauses(OPEN_CLAUSES, d).pending.filter(({ path }) => path[0] !== 'ansatte_overgang' || staffMayMove(d)),
  ],

  agreement: {
    status: (doc) => doc.data.status,
    approvals: (doc) => doc.data.godkendelser,
    signatures: (doc) => doc.data.underskrifter,
    locked: (doc) => doc.data.laast,
  },

  governs: {
    model: 'regional',
    noun: 'Delingsaftale',
    // One agreement per kommune is the rule: prefer the one that names the opgave.
    fit: (doc, opgave) => (doc.data.opgaver.some((o) => o.opgave === opgave) ? 0 : 1),
    // Regional drift needs the drift itself transferred, not only the authority (daekning/delingsaftale-drift).
    covers: (doc, opgave) => doc.data.opgaver.some((o) => o.opgave === opgave && o.overdragelse === 'drift'),
    state: ({ data: d }) => `${statusLabel[d.status]}, ${d.version ? versionLabel(d.version) : 'uden version'}`,
  },

  scaffold: {
    headline: 'Delingsaftale',
    options: [{ name: 'kommune', value: 'KODE|NAVN', required: true }],
    help: ['Delingsaftale; opgaverne følger sagens indstilling'],
    plan(ctx, args) {
      const kommune = ctx.kommune(String(args.kommune));
      const reference = ctx.frist('referencedato-deling');
      const udkast = ctx.frist('delingsaftale-udkast');
      const indgaaelse = ctx.frist('delingsaftale-indgaaelse');
      const id = `delingsaftale-${kommune.slug}`;
      const undecided: string[] = [];
      const opgaver = ctx.repo.opgaver.map((o) => {
        const model = ctx.decision(kommune.kode, o.id)?.model;
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
          bemaerkninger: `${ctx.placeholder} kommunens opgørelse af aktiver, passiver, rettigheder, pligter og ansatte, der i overvejende grad er knyttet til opgaven pr. ${formatDate(reference.dato)}.`,
        };
      });
      const overrides = new Map<string, unknown>([
        ['id', id],
        ['status', 'udkast'],
        ['kommune', kommune.kode],
        ['referencedato', reference.dato],
        ['opgaver', opgaver],
      ]);
      const decidedBy = [...new Set(ctx.decisionsFor(kommune.kode).map((m) => m.sag.data.sags_id))];
      const notes = new Map([
        ['referencedato', fromCalendar(reference)],
        ['udkast_fremsendt', `Fristen er ${formatDate(udkast.dato)}.`],
        ['aftalt', `Fristen er ${formatDate(indgaaelse.dato)}.`],
        [
          'opgaver',
          decidedBy.length > 0
            ? `Overdragelsen følger indstillingen i sag ${decidedBy.join(', ')}: drift ved regional drift, myndighedsansvar ved kommunal drift eller anmodning.`
            : 'Ingen sag har afgjort driftsmodellerne endnu: alle opgaver står med overdragelse af driften; ret til myndighedsansvar for de opgaver, kommunen skal drive videre.',
        ],
      ]);
      const messages =
        undecided.length > 0 && decidedBy.length > 0
          ? [`Bemærk: ingen sag afgør driften af ${undecided.join(', ')} for ${kommune.navn}; de står med overdragelse af driften.`]
          : [];
      // The clauses every delingsaftale has: null until written (rendered »Udestår«), so staff see them in the file.
      return { id, dir: ctx.kommuneDir(kommune.kode), overrides, optional: new Set(OPEN_CLAUSES.map((c) => c.field)), notes, messages };
    },
  },
});
