import { kommuneName, opgaveTerm } from '../model/names.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { formatDate } from '../basics/format.ts';
import { fromCalendar, fristerView, modelNote, opgaveView, partiesView, provenance, regionName } from './common.ts';
import { bilagPlaceReads, identityLine } from './case-place.ts';
import { fromFrist } from './deadlines.ts';
import { defineDocumentKind } from './kind.ts';
import { latest, orNotSet } from './meta.ts';

type Anmodning = SourceDocument<'anmodning'>;

/** Anmodning: the region asks a kommune to go on operating a task for a period after 1 January 2027. */
export const anmodning = defineDocumentKind<'anmodning'>({
  id: 'anmodning',
  nouns: ['anmodning', 'anmodninger'],
  schema: 'schemas/anmodning.schema.json',
  template: 'anmodning',
  numberedClauses: false,
  scope: { type: 'kommune', kommune: (doc) => doc.data.kommune },

  view(repo, { data: d }) {
    return {
      ...partiesView(repo, d.kommune),
      opgave: opgaveView(repo, d.opgave),
      id: d.id,
      dokid: d.dokid ?? null,
      tekstgrundlag: provenance(d.tekstgrundlag),
      dato: d.dato ?? null,
      meddelt: d.meddelt,
      periode_start: d.periode_start,
      periode_slut: d.periode_slut,
      begrundelse: d.begrundelse ?? null,
      frister: fristerView(repo, ['anmodning-meddelelse', 'anmodning-periode-slut']),
    };
  },

  meta(repo, { data: d }) {
    const region = regionName(repo);
    const kommune = kommuneName(repo, d.kommune);
    const opgave = repo.opgave(d.opgave);
    return {
      title: `Anmodning om fortsat kommunal drift af ${opgave?.betegnelse ?? d.opgave}`,
      titleBlock: [
        { label: 'Afsender', value: region },
        { label: 'Modtager', value: kommune },
        { label: 'Dato', value: orNotSet(d.dato, formatDate) },
        { label: 'Opgave', value: opgave?.navn ?? d.opgave },
        { label: 'Periode', value: `${formatDate(d.periode_start)} – ${formatDate(d.periode_slut)}` },
        { label: 'Meddelt ministeriet', value: orNotSet(d.meddelt, formatDate) },
        { label: 'DokID', value: orNotSet(d.dokid) },
      ],
      runningHeader: `Anmodning om fortsat drift · ${opgave?.navn ?? d.opgave} · ${kommune}`,
      runningSubheader: identityLine(repo, d.id, { dokid: d.dokid, version: null }, d.tekstgrundlag),
      subject: `Anmodning fra ${region} til ${kommune} om fortsat drift af ${opgave?.betegnelse ?? d.opgave}`,
      keywords: ['anmodning', opgave?.navn ?? d.opgave, kommune, 'opgaveflyt 2027'],
      draft: false,
      date: latest(d.dato, d.meddelt, d.periode_start) ?? d.periode_start,
      kommuner: [d.kommune],
      opgave: d.opgave,
      version: null,
      status: null,
    };
  },

  name: (repo, { data: d }) => `Anmodning om fortsat kommunal drift af ${opgaveTerm(repo, d.opgave)} ${kommuneName(repo, d.kommune)}`,
  label: (repo, { data: d }) => `Anmodning om fortsat drift af ${opgaveTerm(repo, d.opgave)}`,
  groupName: (repo, { data: d }) => `anmodningerne om ${opgaveTerm(repo, d.opgave)}`,
  // The running header names the case that lists the letter as a bilag, and its number there.
  reads: (repo, { data: d }) => bilagPlaceReads(repo, d.id),
  kommuneMentions: ({ data: d }) => [{ path: ['kommune'], value: d.kommune }],
  opgaveMentions: ({ data: d }) => [{ path: ['opgave'], value: d.opgave }],

  deadlines(repo, doc: Anmodning) {
    const d = doc.data;
    const k = [d.kommune];
    return [
      ...fromFrist(doc, k, repo.frist('anmodning-meddelelse'), { label: 'meddelt ministeriet', done: d.meddelt, missing: 'meddelelse til ministeriet' }),
      ...fromFrist(doc, k, repo.frist('anmodning-periode-slut'), { label: 'kommunal drift slutter', done: undefined, dato: d.periode_slut }),
    ];
  },

  governs: {
    model: 'anmodning',
    exclusive: true,
    noun: 'Anmodning',
    fit: (doc, opgave) => (doc.data.opgave === opgave ? 0 : undefined),
    // An anmodning has no status: its notification to the ministry is what counts.
    state: ({ data: d }) => (d.meddelt ? `meddelt ${formatDate(d.meddelt)}` : 'ikke meddelt'),
  },

  scaffold: {
    headline: 'Anmodning om fortsat kommunal drift',
    options: [
      { name: 'kommune', value: 'KODE|NAVN', required: true },
      { name: 'opgave', value: 'OPGAVE', required: true },
    ],
    help: ['Anmodning om fortsat kommunal drift'],
    plan(ctx, args) {
      const kommune = ctx.kommune(String(args.kommune));
      const opgave = ctx.opgave(String(args.opgave));
      const meddelelse = ctx.frist('anmodning-meddelelse');
      const start = ctx.frist('ikrafttraeden');
      const slut = ctx.frist('anmodning-periode-slut');
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
      return {
        id,
        dir: ctx.kommuneDir(kommune.kode),
        overrides,
        optional: new Set(['dokid', 'begrundelse']),
        notes,
        messages: modelNote(ctx, kommune.kode, opgave.id, 'anmodning'),
      };
    },
  },
});
