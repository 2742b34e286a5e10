import type { DataPath } from '../basics/locate.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { Underpunkt } from '../model/types.ts';
import { servedBy } from './common.ts';
import { fromFrist } from './deadlines.ts';
import { defineDocumentKind } from './kind.ts';
import { latest, orNotSet } from './meta.ts';
import { bilagLine, numberBilag } from './sag-bilag.ts';
import { formatDate } from '../basics/format.ts';

type Sag = SourceDocument<'sag'>;

/** Every lettered sub-point of the case's indstilling, with its data path. */
function underpunkter(doc: Sag): Array<{ path: DataPath; underpunkt: Underpunkt }> {
  return doc.data.indstilling.punkter.flatMap((punkt, i) =>
    (punkt.underpunkter ?? []).map((underpunkt, j) => ({ path: ['indstilling', 'punkter', i, 'underpunkter', j] as DataPath, underpunkt })),
  );
}

/** Every ændring of the case's recorded decisions, with its data path. */
function changes(doc: Sag) {
  return (doc.data.beslutninger ?? []).flatMap((b, i) =>
    (b.aendringer ?? []).map((change, j) => ({ path: ['beslutninger', i, 'aendringer', j] as DataPath, change })),
  );
}

const letters = 'abcdefghijklmnopqrstuvwxyz';

const organLabel = { sundhedsraad: 'Sundhedsrådet', regionsraad: 'Regionsrådet' } as const;
const udfaldLabel = { tiltraadt: 'tiltrådt', 'tiltraadt-med-aendringer': 'tiltrådt med ændringer', udsat: 'udsat', forkastet: 'forkastet' } as const;
const modelText = { kommunal: 'kommunal drift', regional: 'regional drift', anmodning: 'anmodning om fortsat kommunal drift' } as const;

/** A case for a sundhedsråd meeting: it recommends the operating models and lists the agreements as bilag. */
export const sag = defineDocumentKind<'sag'>({
  id: 'sag',
  nouns: ['sag', 'sager'],
  schema: 'schemas/sag.schema.json',
  template: 'sag',
  // A council case keeps the plain headings of its original.
  numberedClauses: false,
  scope: { type: 'sundhedsraad', sundhedsraad: (doc) => doc.data.sundhedsraad },
  // A closed punkt (aaben: false) stays with the council.
  inBundle: (doc) => doc.data.aaben,

  view(repo, doc) {
    const d = doc.data;
    return {
      id: d.id,
      sags_id: d.sags_id,
      dokid: d.dokid,
      sundhedsraad: { id: d.sundhedsraad, navn: repo.sundhedsraad(d.sundhedsraad)?.navn ?? d.sundhedsraad },
      moede: d.moede,
      punkt: d.punkt,
      titel: d.titel,
      aaben: d.aaben,
      resume: d.resume,
      indstilling: {
        indledning: d.indstilling.indledning,
        punkter: d.indstilling.punkter.map((p) => ({
          tekst: p.tekst,
          underpunkter: (p.underpunkter ?? []).map((u, i) => ({ bogstav: `${letters[i % letters.length]!}.`, tekst: u.tekst })),
        })),
        afgoerelse: d.indstilling.afgoerelse ?? null,
      },
      sagsfremstilling: d.sagsfremstilling,
      oekonomi: d.oekonomi,
      // A date is shown as the case writes it (»17. marts«) where the data records that wording.
      videre_proces: d.videre_proces.map((m) => ({ organ: m.organ, dato: m.dato, dato_tekst: m.dato_tekst ?? null })),
      tidligere_beslutninger: d.tidligere_beslutninger,
      // What the bodies decided, in order: the history stays on the case even when a later case decides again.
      beslutninger: (d.beslutninger ?? []).map((b) => ({
        organ: b.betegnelse ?? organLabel[b.organ],
        dato: b.dato,
        udfald: udfaldLabel[b.udfald],
        protokol: b.protokol,
        bemaerkning: b.bemaerkning ?? null,
        aendringer: (b.aendringer ?? []).map(
          (c) =>
            `${repo.opgave(c.opgave)?.navn ?? c.opgave}: ${modelText[c.driftsmodel]} for ${
              c.kommuner ? c.kommuner.map((k) => repo.kommune(k)?.navn ?? k).join(', ') : 'alle sundhedsrådets kommuner'
            }`,
        ),
      })),
      bilag: numberBilag(repo, doc).map((b) => ({ linje: bilagLine(doc, b) })),
    };
  },

  meta(repo, { data: d }) {
    const raad = repo.sundhedsraad(d.sundhedsraad);
    return {
      title: `Punkt ${d.punkt}: ${d.titel}`,
      documentTitle: `${raad?.navn ?? d.sundhedsraad}, punkt ${d.punkt}: ${d.titel} (${d.sags_id})`,
      titleBlock: [
        { label: 'Sundhedsråd', value: raad?.navn ?? d.sundhedsraad },
        // Where the case does not state the meeting date, the header says so instead of a date.
        {
          label: 'Møde',
          value: d.moede.dato ? `${d.moede.organ}, ${d.moede.dato_tekst ?? formatDate(d.moede.dato)}` : `${d.moede.organ} (mødedato ikke angivet i sagen)`,
        },
        { label: 'Punkt', value: `${d.punkt} (${d.aaben ? 'Åben' : 'Lukket'})` },
        { label: 'Sags ID', value: d.sags_id },
        { label: 'Dok ID', value: orNotSet(d.dokid) },
      ],
      runningHeader: `${raad?.navn ?? d.sundhedsraad} · Punkt ${d.punkt} · ${d.sags_id}`,
      subject: `${raad?.navn ?? d.sundhedsraad}: ${d.titel}`,
      keywords: ['sundhedsråd', raad?.navn ?? d.sundhedsraad, d.sags_id, 'opgaveflyt 2027'],
      draft: false,
      date:
        latest(
          d.moede.dato,
          ...d.videre_proces.map((m) => m.dato),
          ...d.tidligere_beslutninger.map((b) => b.dato),
          ...(d.beslutninger ?? []).map((b) => b.dato),
        ) ?? '1970-01-01', // no date in the data: a fixed, obviously-unknown one
      kommuner: [...(raad?.kommuner ?? [])],
      opgave: null,
      version: null,
      status: null,
    };
  },

  name: (_repo, { data: d }) => `Punkt ${d.punkt}: ${d.titel}`,
  label: (_repo, { data: d }) => `Sag ${d.sags_id}, punkt ${d.punkt}`,
  groupName: () => 'sagerne',
  // The bilag list names the documents it attaches (their generated names and DokIDs).
  reads: (repo, { data: d }) => d.bilag.flatMap((b) => (b.dokument === undefined ? [] : (repo.byId(b.dokument) ?? []))),
  // The indstilling's lettered sub-points name the kommuner and opgaver they decide for.
  // So do the ændringer of its recorded decisions.
  kommuneMentions: (doc) => [
    ...underpunkter(doc).flatMap(({ path, underpunkt }) => (underpunkt.kommuner ?? []).map((value, k) => ({ path: [...path, 'kommuner', k], value }))),
    ...changes(doc).flatMap(({ path, change }) => (change.kommuner ?? []).map((value, k) => ({ path: [...path, 'kommuner', k], value }))),
  ],
  opgaveMentions: (doc) => [
    ...underpunkter(doc).flatMap(({ path, underpunkt }) => (underpunkt.opgave === undefined ? [] : [{ path: [...path, 'opgave'], value: underpunkt.opgave }])),
    ...changes(doc).map(({ path, change }) => ({ path: [...path, 'opgave'], value: change.opgave })),
  ],
  externalDokids: ({ data: d }) =>
    d.bilag.flatMap((b, i) => (b.eksternt ? [{ path: ['bilag', i, 'eksternt', 'dokid'], value: b.eksternt.dokid, titel: b.eksternt.titel }] : [])),

  deadlines(repo, doc: Sag) {
    const d = doc.data;
    const k = [...(repo.sundhedsraad(d.sundhedsraad)?.kommuner ?? [])];
    // The models the case decides: its indstilling's, and those its adopted decisions changed to.
    const models = [
      ...d.indstilling.punkter.flatMap((p) => (p.underpunkter ?? []).flatMap((u) => (u.driftsmodel ? [u.driftsmodel] : []))),
      ...changes(doc).map(({ change }) => change.driftsmodel),
    ];
    const ids = new Set(models.flatMap((m) => (servedBy[m] ? [servedBy[m]] : [])));
    // The case is done with a deadline once the meeting that treats it is recorded, or, where the
    // meeting date is not known (sag 003 does not state it), the sundhedsråd's recorded decision.
    const treated = d.moede.dato ?? (d.beslutninger ?? []).find((b) => b.organ === 'sundhedsraad')?.dato ?? null;
    return [...ids]
      .sort()
      .flatMap((id) => fromFrist(doc, k, repo.frist(id), { label: 'behandlet i sundhedsrådet', done: treated, missing: 'sundhedsrådets mødedato' }));
  },

  scaffold: {
    headline: 'Sag til sundhedsrådet',
    options: [
      { name: 'sundhedsraad', value: 'ID', required: true },
      { name: 'sags-id', value: 'SAGS-ID', required: true },
      { name: 'punkt', value: 'N', required: true },
      { name: 'titel', value: 'TEKST', required: true },
      { name: 'dokid', value: 'DOKID', required: false },
      { name: 'lukket', required: false },
    ],
    help: [
      'Sag til et sundhedsråd, fx',
      'npm run new -- sag --sundhedsraad midt-og-vestsjaelland \\',
      '  --sags-id EMN-2026-1234 --punkt 4 --titel "Nærsundhedsplan" --dokid 12345678',
    ],
    plan(ctx, args) {
      const raad = ctx.sundhedsraad(String(args.sundhedsraad));
      const given = String(args['sags-id']);
      const sagsId = given.trim().toUpperCase();
      const fits = (field: string, value: string) => {
        const pattern = ctx.schemaPattern(field);
        return pattern === undefined || new RegExp(pattern, 'u').test(value);
      };
      if (!fits('sags_id', sagsId)) ctx.refuse(`Sags ID skal have formen EMN-2026-1234, ikke »${given}«`);
      const punktArg = String(args.punkt);
      if (!/^\d+$/.test(punktArg)) ctx.refuse(`--punkt skal være et helt tal, ikke »${punktArg}«`);
      const punkt = Number(punktArg);
      if (punkt < 1 || punkt > 999) ctx.refuse('Punktet skal være et helt tal fra 1 til 999');
      const titel = String(args.titel).trim();
      if (!titel) ctx.refuse('Titlen må ikke være tom');
      let dokid: string | null = null;
      if (typeof args.dokid === 'string') {
        if (!fits('dokid', args.dokid)) ctx.refuse(`DokID skal være 5–10 cifre, ikke »${args.dokid}«`);
        dokid = args.dokid;
      } else if (!ctx.schemaAllowsNull('dokid')) {
        // schemas/sag.schema.json requires the DokID (no null), so there is no honest default.
        ctx.refuse('En sag skal have sagsfremstillingens DokID: angiv det med --dokid (skemaet for sager tillader ikke null)');
      }
      const id = `sag-${sagsId.toLowerCase()}`;
      const overrides = new Map<string, unknown>([
        ['id', id],
        ['sags_id', sagsId],
        ['dokid', dokid],
        ['sundhedsraad', raad.id],
        ['moede.organ', raad.navn],
        ['punkt', punkt],
        ['titel', titel],
        ['aaben', args.lukket !== true],
        ['indstilling.indledning', `${ctx.placeholder} Administrationen indstiller, at …`],
      ]);
      const notes = new Map([
        ['moede', 'Udfyld mødedatoen, når den kendes.'],
        ['bilag', 'Tilføj et bilag som »- dokument: <id>« med »version: <dato>«, eller som »- eksternt: …«.'],
      ]);
      const messages =
        raad.kommuner.length === 0
          ? [
              `Bemærk: ${raad.navn} har ingen bekræftede kommuner i agreements/reference/region.yaml, så indstillingens driftsmodeller gælder endnu ingen kommuner.`,
            ]
          : [];
      return { id, dir: ctx.sundhedsraadDir(raad.id), overrides, optional: new Set(), notes, messages };
    },
  },
});
