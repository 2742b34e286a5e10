import path from 'node:path';
import { NOT_SET, formatDate, formatKroner, formatNumber } from '../basics/format.ts';
import { suggest } from '../basics/quote.ts';
import { applyChanges, inForce, lookupPath, tillaegLabel, tillaegTo } from '../model/amendments.ts';
import { kommuneName, versionLabel } from '../model/names.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { draftPrefix, fromCalendar, partiesView, provenance, regionName, statusLabel } from './common.ts';
import type { Clause, DocumentKindModule } from './kind.ts';
import { defineDocumentKind } from './kind.ts';
import { bilagPlaceReads, identityLine } from './case-place.ts';
import { signatureTable, signedOn } from './lifecycle.ts';
import { latest, orNotSet } from './meta.ts';
import { registry } from './registry.ts';

type Tillaeg = SourceDocument<'tillaeg'>;
type Konsolideret = SourceDocument<'konsolideret'>;

/** The document a tillæg amends and its kind, if it exists and its kind has clauses (can be amended). */
export function baseOf(repo: Repository, id: string): { doc: SourceDocument; kind: DocumentKindModule; clauses: readonly Clause[] } | undefined {
  const doc = repo.byId(id);
  if (!doc || !registry.isDocument(doc.kind)) return undefined;
  const kind = registry.of(doc);
  return kind.clauses ? { doc, kind, clauses: kind.clauses } : undefined;
}

/** The clause that shows a data path: the clause naming the longest prefix of it. */
export function clauseOf(clauses: readonly Clause[], sti: string): Clause | undefined {
  let best: { clause: Clause; length: number } | undefined;
  for (const clause of clauses) {
    for (const field of clause.fields) {
      if ((sti === field || sti.startsWith(`${field}.`)) && field.length > (best?.length ?? -1)) best = { clause, length: field.length };
    }
  }
  return best?.clause;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A value as the tillæg shows it: literal text, or Markdown (free text, lists of values). */
type ValueView = { tekst: string; markdown: null } | { tekst: null; markdown: string };

const text = (t: string): ValueView => ({ tekst: t, markdown: null });

/** A leaf value as the agreements format it: amounts »1.234.567 kr.«, dates »1. januar 2027«, null »(ikke fastsat)«. */
function leafText(value: unknown, key: string): string {
  if (value === null || value === undefined) return NOT_SET;
  if (typeof value === 'number') return key.endsWith('_kr') ? formatKroner(value) : formatNumber(value);
  if (typeof value === 'boolean') return value ? 'ja' : 'nej';
  if (typeof value === 'string') return ISO_DATE.test(value) ? formatDate(value) : value;
  return JSON.stringify(value);
}

/** Markdown lines for a list or a section of fields: »- felt: værdi«, nested by two spaces. */
function structureLines(value: unknown, indent: string): string[] {
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [String(i + 1), v]) : Object.entries(value as Record<string, unknown>);
  return entries.flatMap(([key, v]) => {
    const label = Array.isArray(value) ? '' : `${key}: `;
    if (v !== null && typeof v === 'object') return [`${indent}- ${label}`.trimEnd(), ...structureLines(v, `${indent}  `)];
    // Free text inside a list item stays on its line.
    return [`${indent}- ${label}${leafText(v, key).replace(/\s*\n\s*/g, ' ')}`];
  });
}

/** A changed field's value, formatted as the agreement formats it. */
function valueView(value: unknown, sti: string): ValueView {
  const key = sti.split('.').at(-1)!;
  if (value !== null && typeof value === 'object') return { tekst: null, markdown: structureLines(value, '').join('\n') };
  if (typeof value === 'string' && !ISO_DATE.test(value)) return { tekst: null, markdown: value };
  return text(leafText(value, key));
}

/** The base's data as amended by the given tillæg, applied in nummer order. */
const amended = (base: SourceDocument, tillaeg: readonly Tillaeg[]): unknown =>
  tillaeg.reduce<unknown>((data, t) => applyChanges(data, t.data.aendringer.felter), base.data);

/** The tillæg in force before this one (lower nummer), whose changes the »hidtil« values include. */
const earlier = (repo: Repository, doc: Tillaeg) => tillaegTo(repo, doc.data.til).filter((t) => t !== doc && inForce(t) && t.data.nummer < doc.data.nummer);

/** The lower-cased title of the base: »horisontal samarbejdsaftale om akutsygepleje«. */
function baseTitle(repo: Repository, doc: Tillaeg): string {
  const base = baseOf(repo, doc.data.til);
  const title = base ? base.kind.meta(repo, base.doc).title : doc.data.til;
  return title.charAt(0).toLowerCase() + title.slice(1);
}

function changesView(repo: Repository, doc: Tillaeg) {
  const base = baseOf(repo, doc.data.til);
  const before = base ? amended(base.doc, earlier(repo, doc)) : {};
  const clauses = base?.clauses ?? [];
  const byClause = new Map<string, { afsnit: string; order: number; felter: object[] }>();
  for (const change of doc.data.aendringer.felter) {
    const clause = clauseOf(clauses, change.sti);
    const heading = clause?.heading ?? change.sti;
    const old = lookupPath(before, change.sti);
    const group = byClause.get(heading) ?? { afsnit: heading, order: clause ? clauses.indexOf(clause) : clauses.length, felter: [] };
    group.felter.push({
      sti: change.sti,
      // »årligt beløb«; the clause's name for a field that is the whole clause; else the path, quoted.
      betegnelse: clause?.labels?.[change.sti] ?? (clause?.fields.includes(change.sti) ? clause.heading.toLowerCase() : `»${change.sti}«`),
      foer: old.found ? valueView(old.value, change.sti) : text(NOT_SET),
      efter: valueView(change.vaerdi, change.sti),
      begrundelse: change.begrundelse ?? null,
    });
    byClause.set(heading, group);
  }
  // In the order of the agreement's clauses, as the tillæg is read beside it.
  return [...byClause.values()].sort((a, b) => a.order - b.order).map(({ afsnit, felter }) => ({ afsnit, felter }));
}

/** Where an added clause goes, in words: »Indsættes efter afsnittet »Finansiering«.« */
function placement(clauses: readonly Clause[], efter: string | undefined): string {
  if (efter !== undefined) return `Indsættes i aftalen efter afsnittet »${efter}«.`;
  const closing = clauses.find((c) => c.closing);
  return closing ? `Indsættes i aftalen før afsnittet »${closing.heading}«.` : 'Indsættes sidst i aftalen.';
}

/**
 * Tillægsaftale: amends an agreement (an HSA, or any kind that declares its clauses) from its
 * ikrafttræden on: fields of the agreement get new values, clauses are added. Rendered as the
 * tillæg itself (old → new, clause by clause), and through the kind below as the agreement's
 * consolidated text with every tillæg in force.
 */
/** The base agreement's name, with the version the tillæg amends unless the name already ends with it. */
const baseLine = (name: string, amends: string) => (name.endsWith(amends) ? name : `${name} (ændrer ${amends})`);

export const tillaeg = defineDocumentKind<'tillaeg'>({
  id: 'tillaeg',
  nouns: ['tillægsaftale', 'tillægsaftaler'],
  schema: 'schemas/tillaeg.schema.json',
  template: 'tillaeg',
  numberedClauses: true,
  scope: { type: 'kommune', kommune: (doc) => doc.data.kommune },

  view(repo, doc) {
    const d = doc.data;
    const base = baseOf(repo, d.til);
    return {
      ...partiesView(repo, d.kommune),
      udkast: d.status === 'udkast',
      tekstgrundlag: provenance(d.tekstgrundlag),
      nummer: d.nummer,
      grundaftale: {
        titel: baseTitle(repo, doc),
        navn: base ? registry.nameOf(repo, base.doc) : d.til,
        dokid: orNotSet((base?.doc.data as { dokid?: string | null } | undefined)?.dokid),
        version: versionLabel(d.til_version),
      },
      formaal: d.formaal,
      aendringer: changesView(repo, doc),
      nye_afsnit: d.aendringer.afsnit.map((a) => ({ titel: a.titel, tekst: a.tekst, placering: placement(base?.clauses ?? [], a.efter) })),
      ikrafttraeden: d.ikrafttraeden,
      godkendelser: d.godkendelser,
      underskrifter: signatureTable(repo, d.underskrifter),
    };
  },

  meta(repo, doc) {
    const d = doc.data;
    const region = regionName(repo);
    const kommune = kommuneName(repo, d.kommune);
    const title = `Tillæg ${d.nummer} til ${baseTitle(repo, doc)}`;
    const base = baseOf(repo, d.til);
    const opgave = (base?.doc.data as { opgave?: string } | undefined)?.opgave;
    return {
      title,
      titleBlock: [
        { label: 'Parter', value: `${region} og ${kommune}` },
        { label: 'Grundaftale', value: baseLine(base ? registry.nameOf(repo, base.doc) : d.til, versionLabel(d.til_version)) },
        { label: 'Version', value: versionLabel(d.version) },
        { label: 'Status', value: statusLabel[d.status] },
        { label: 'DokID', value: orNotSet(d.dokid) },
        { label: 'Sags ID', value: orNotSet(d.sags_id) },
        { label: 'Ikrafttræden', value: formatDate(d.ikrafttraeden) },
      ],
      runningHeader: [`Tillæg ${d.nummer}`, ...(opgave ? [repo.opgave(opgave)?.navn ?? opgave] : []), kommune].join(' · '),
      runningSubheader: identityLine(repo, d.id, { dokid: d.dokid, version: versionLabel(d.version) }, d.tekstgrundlag),
      subject: `${title} mellem ${region} og ${kommune}`,
      keywords: ['tillægsaftale', `tillæg ${d.nummer}`, d.til, kommune, versionLabel(d.version), 'opgaveflyt 2027'],
      draft: d.status === 'udkast',
      date: latest(d.version, d.godkendelser.regionsraad, d.godkendelser.kommunalbestyrelse, signedOn(repo, d.underskrifter)) ?? d.version,
      kommuner: [d.kommune],
      opgave: opgave ?? null,
      version: d.version,
      status: d.status,
    };
  },

  name: (repo, doc) =>
    `${draftPrefix(doc.data.status, `tillæg ${doc.data.nummer} til ${baseTitle(repo, doc)}`)} ${kommuneName(repo, doc.data.kommune)} ${versionLabel(doc.data.version)}`,
  label: (_repo, { data: d }) => `Tillæg ${d.nummer} til ${d.til}`,
  groupName: () => 'tillægsaftalerne',
  // The base, and every tillæg: the »hidtil« values include the changes of the tillæg before
  // this one, found by scanning the tillæg (a change to any of them may change this text).
  // The base's title comes from its meta, which reads what the base reads (its place in a case).
  reads: (repo, { data: d }) => {
    const base = baseOf(repo, d.til);
    return [...(base ? [base.doc, ...base.kind.reads(repo, base.doc)] : []), ...repo.ofKind('tillaeg'), ...bilagPlaceReads(repo, d.id)];
  },
  kommuneMentions: ({ data: d }) => [{ path: ['kommune'], value: d.kommune }],
  opgaveMentions: () => [],
  // Its approval and ikrafttræden are held to the base's by the tillaeg/… rules; the frist
  // calendar has no frister for tillæg (they are made after the transfer).
  deadlines: () => [],

  agreement: {
    status: (doc) => doc.data.status,
    approvals: (doc) => doc.data.godkendelser,
    signatures: (doc) => doc.data.underskrifter,
    locked: (doc) => doc.data.laast,
  },

  scaffold: {
    headline: 'Tillægsaftale',
    options: [{ name: 'til', value: 'ID', required: true }],
    help: ['Tillægsaftale til en underskrevet eller godkendt aftale, fx', 'npm run new -- tillaeg --til hsa-lejre-akutsygepleje'],
    plan(ctx, args) {
      const til = String(args.til);
      const base = baseOf(ctx.repo, til);
      if (!base) {
        const doc = ctx.repo.byId(til);
        if (doc) return ctx.refuse(`${til} (${doc.file}) kan ikke ændres ved et tillæg`);
        const amendable = ctx.repo.documents.filter((d) => baseOf(ctx.repo, d.data.id)).map((d) => d.data.id);
        const guess = suggest(til, amendable);
        return ctx.refuse(`der findes intet dokument med id »${til}«${guess ? ` – mente du »${guess}«?` : ''}`);
      }
      const data = base.doc.data as { kommune?: string; version?: string | null; ikrafttraeden?: string };
      if (typeof data.kommune !== 'string') return ctx.refuse(`${til} hører ikke til én kommune`);
      if (!data.version) return ctx.refuse(`${til} har ingen version; et tillæg ændrer en bestemt version af aftalen`);
      const nummer = Math.max(0, ...tillaegTo(ctx.repo, til).map((t) => t.data.nummer)) + 1;
      const id = `tillaeg-${til.replace(new RegExp(`^${base.doc.kind}-`), '')}-${nummer}`;
      const start = ctx.frist('ikrafttraeden');
      // Not before the agreement's or an earlier tillæg's ikrafttræden (tillaeg/ikrafttraeden).
      const earliest = latest(start.dato, data.ikrafttraeden, ...tillaegTo(ctx.repo, til).map((t) => t.data.ikrafttraeden)) ?? start.dato;
      const future = earliest > ctx.today;
      const overrides = new Map<string, unknown>([
        ['id', id],
        ['til', til],
        ['til_version', data.version],
        ['nummer', nummer],
        ['kommune', data.kommune],
        ['version', ctx.today],
        ['status', 'udkast'],
        ['ikrafttraeden', future ? earliest : ctx.today],
        ['aendringer', { felter: [], afsnit: [] }],
      ]);
      const notes = new Map([
        ['version', 'Sat til datoen, filen blev oprettet; ret den, når en ny version af tillægget sendes ud.'],
        ['til_version', 'Den version af aftalen, tillægget ændrer (aftalens version, da filen blev oprettet).'],
        ['nummer', 'Tillæggene til en aftale nummereres 1, 2, 3 … uden huller.'],
        [
          'ikrafttraeden',
          future
            ? `Tidligst mulige dato (aftalens eller det seneste tillægs ikrafttræden); ret den til den dato, parterne aftaler. ${fromCalendar(start)}`
            : 'Sat til i dag: ret den til den dato, parterne aftaler (tidligst aftalens ikrafttræden og efter begge parters godkendelse af aftalen).',
        ],
        [
          'aendringer',
          'felter: ændrede felter i aftalen, fx »- sti: finansiering.aarligt_beloeb_kr« og »vaerdi: 1500000« (og evt. »begrundelse«). afsnit: nye afsnit med »titel«, »tekst« og evt. »efter« (overskriften på det afsnit, det nye følger efter).',
        ],
      ]);
      return {
        id,
        dir: path.posix.dirname(base.doc.file),
        overrides,
        optional: new Set<string>(),
        notes,
        messages: [`Tillæg ${nummer} til ${base.kind.name(ctx.repo, base.doc)} (${base.doc.file}).`],
      };
    },
  },
});

/** The tillæg in force of each amended agreement whose text this kind can render, by the agreement's id. */
const derived = new WeakMap<Repository, Konsolideret[]>();

/** The consolidated text's tillæg (in force, in nummer order), from its data. */
const appliedTillaeg = (repo: Repository, doc: Konsolideret): Tillaeg[] =>
  doc.data.tillaeg.map((id) => repo.byId(id)).filter((t): t is Tillaeg => t?.kind === 'tillaeg');

/** »(ændret ved tillæg 1 og 2)« per clause heading, and the clauses added, in nummer order. */
function revisionsOf(repo: Repository, doc: Konsolideret) {
  const base = baseOf(repo, doc.data.grundaftale);
  const clauses = base?.clauses ?? [];
  const changed = new Map<string, number[]>();
  const added: Array<{ after: string; title: string; note: string; text: string }> = [];
  const closing = clauses.findIndex((c) => c.closing);
  for (const t of appliedTillaeg(repo, doc)) {
    for (const change of t.data.aendringer.felter) {
      const heading = clauseOf(clauses, change.sti)?.heading;
      if (heading === undefined) continue;
      const numbers = changed.get(heading) ?? [];
      if (!numbers.includes(t.data.nummer)) numbers.push(t.data.nummer);
      changed.set(heading, numbers);
    }
    for (const a of t.data.aendringer.afsnit) {
      // Without a place: after the last clause before the closing ones (ikrafttræden, signatures).
      const after = a.efter ?? added.at(-1)?.title ?? clauses[closing > 0 ? closing - 1 : clauses.length - 1]?.heading ?? '';
      added.push({ after, title: a.titel, note: `(indsat ved tillæg ${t.data.nummer})`, text: a.tekst });
    }
  }
  return { notes: [...changed].map(([heading, numbers]) => ({ heading, note: `(ændret ved ${tillaegLabel(numbers)})` })), added };
}

const CONSOLIDATED_TEMPLATE = 'hsa';

/**
 * The consolidated text of an agreement as amended by its tillæg in force (status godkendt or
 * underskrevet; drafts and terminated tillæg are left out), in nummer order: the agreement's own
 * template over its data with their changes applied, each changed clause marked »(ændret ved
 * tillæg 1)« and each added clause »(indsat ved tillæg 1)«. Made from the data, one per amended
 * agreement (id »<aftalens id>-konsolideret«), beside it in the kommune's folder and bundle; an
 * orientation, not a document anybody signs. Rendered for the agreements whose template it uses
 * (the HSA); another kind of agreement gets one by a kind like this with its template.
 */
export const konsolideret = defineDocumentKind<'konsolideret'>({
  id: 'konsolideret',
  nouns: ['konsolideret udgave', 'konsoliderede udgaver'],
  schema: 'schemas/konsolideret.schema.json',
  template: CONSOLIDATED_TEMPLATE,
  numberedClauses: true,
  // The base's kommune: the consolidated text sits beside it, in its folder and bundle.
  scope: { type: 'kommune', kommune: (doc) => doc.data.kommune },

  derive(repo) {
    const known = derived.get(repo);
    if (known) return known;
    const bases = new Map<string, Tillaeg[]>();
    for (const t of repo.ofKind('tillaeg')) {
      if (repo.byId(t.data.id) !== t || !inForce(t)) continue;
      bases.set(t.data.til, [...(bases.get(t.data.til) ?? []), t]);
    }
    const docs: Konsolideret[] = [];
    for (const [id, list] of [...bases].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const base = baseOf(repo, id);
      const kommune = (base?.doc.data as { kommune?: unknown } | undefined)?.kommune;
      if (!base || base.kind.template !== CONSOLIDATED_TEMPLATE || typeof kommune !== 'string') continue;
      const ordered = list.sort((a, b) => a.data.nummer - b.data.nummer);
      const doc = base.doc;
      docs.push({
        file: doc.file,
        kind: 'konsolideret',
        get yaml() {
          return doc.yaml;
        },
        data: { dokumenttype: 'konsolideret', id: `${id}-konsolideret`, grundaftale: id, kommune, tillaeg: ordered.map((t) => t.data.id) },
      });
    }
    derived.set(repo, docs);
    return docs;
  },

  view(repo, doc) {
    const base = baseOf(repo, doc.data.grundaftale)!;
    const data = amended(base.doc, appliedTillaeg(repo, doc));
    return base.kind.view(repo, { ...base.doc, data } as SourceDocument);
  },

  revisions: revisionsOf,

  meta(repo, doc) {
    const base = baseOf(repo, doc.data.grundaftale)!;
    const applied = appliedTillaeg(repo, doc);
    const own = base.kind.meta(repo, { ...base.doc, data: amended(base.doc, applied) } as SourceDocument);
    const label = tillaegLabel(applied.map((t) => t.data.nummer));
    return {
      ...own,
      title: `${own.title} som ændret ved ${label}`,
      titleBlock: [
        ...own.titleBlock,
        {
          label: 'Ændret ved',
          value: applied.map((t) => `Tillæg ${t.data.nummer} (${versionLabel(t.data.version)}, i kraft ${formatDate(t.data.ikrafttraeden)})`).join('; '),
        },
        { label: 'Konsolideret udgave', value: 'Til orientering; aftalen og tillæggene, som parterne har underskrevet, gælder' },
      ],
      // The consolidated text is no case's bilag: the base's place in a case stays off its header.
      runningSubheader: { left: ['Konsolideret udgave', own.runningSubheader?.left].filter(Boolean).join(' · '), right: null },
      subject: `${own.subject}, konsolideret med ${label}`,
      keywords: [...own.keywords, 'konsolideret udgave'],
      date: latest(own.date, ...applied.map((t) => kindMetaDate(repo, t))) ?? own.date,
    };
  },

  name: (repo, doc) => {
    const base = baseOf(repo, doc.data.grundaftale);
    const applied = appliedTillaeg(repo, doc).map((t) => t.data.nummer);
    return `${base ? registry.nameOf(repo, base.doc) : doc.data.grundaftale} som ændret ved ${tillaegLabel(applied)}`;
  },
  label: (_repo, doc) => `Konsolideret udgave af ${doc.data.grundaftale}`,
  groupName: () => 'de konsoliderede udgaver',
  // The base's meta is rendered here too, and with it what the base reads (its place in a case).
  reads: (repo, doc) => {
    const base = baseOf(repo, doc.data.grundaftale);
    return [...(base ? [base.doc, ...base.kind.reads(repo, base.doc)] : []), ...appliedTillaeg(repo, doc)];
  },
  kommuneMentions: () => [],
  opgaveMentions: () => [],
  deadlines: () => [],
});

const kindMetaDate = (repo: Repository, t: Tillaeg) => tillaeg.meta(repo, t).date;
