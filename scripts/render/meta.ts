import { kommuneName, versionLabel } from '../model/names.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { NOT_SET, formatDate } from '../basics/format.ts';
import { statusLabel } from './views/common.ts';

export interface DocumentMeta {
  title: string;
  /** Label/value rows shown under the title (Markdown list, PDF table). */
  titleBlock: Array<{ label: string; value: string }>;
  runningHeader: string;
  subject: string;
  keywords: string[];
  draft: boolean;
  /** ISO date the PDF's CreationDate comes from: the document's own latest date. */
  date: string;
  /** Kommuner the document concerns (all of the case's sundhedsråd for a case). */
  kommuner: string[];
  opgave: string | null;
  version: string | null;
  status: string | null;
}

const orNotSet = (v: string | null | undefined, f: (x: string) => string = (x) => x) => (v ? f(v) : NOT_SET);

function latest(...dates: Array<string | null | undefined>): string | undefined {
  return dates.filter((d): d is string => typeof d === 'string').sort().at(-1);
}

/** Title, title block and PDF metadata of a document, all from its data. */
export function documentMeta(repo: Repository, doc: SourceDocument): DocumentMeta {
  const region = repo.ofKind('region')[0]?.data.navn ?? 'Regionen';
  switch (doc.kind) {
    case 'hsa': {
      const d = (doc as SourceDocument<'hsa'>).data;
      const opgave = repo.opgave(d.opgave);
      const kommune = kommuneName(repo, d.kommune);
      return {
        title: `Horisontal samarbejdsaftale om ${opgave?.betegnelse ?? d.opgave}`,
        titleBlock: [
          { label: 'Parter', value: `${region} og ${kommune}` },
          { label: 'Opgave', value: opgave?.navn ?? d.opgave },
          { label: 'Version', value: versionLabel(d.version) },
          { label: 'Status', value: statusLabel[d.status] },
          { label: 'DokID', value: orNotSet(d.dokid) },
          { label: 'Sags ID', value: orNotSet(d.sags_id) },
          { label: 'Ikrafttræden', value: formatDate(d.ikrafttraeden) },
        ],
        runningHeader: `Horisontal samarbejdsaftale · ${kommune} · ${versionLabel(d.version)}`,
        subject: `Horisontal samarbejdsaftale mellem ${region} og ${kommune} om ${opgave?.betegnelse ?? d.opgave}`,
        keywords: ['horisontal samarbejdsaftale', opgave?.navn ?? d.opgave, kommune, versionLabel(d.version), 'opgaveflyt 2027'],
        draft: d.status === 'udkast',
        date: latest(d.version, d.godkendelser.regionsraad, d.godkendelser.kommunalbestyrelse, d.underskrevet) ?? d.version,
        kommuner: [d.kommune],
        opgave: d.opgave,
        version: d.version,
        status: d.status,
      };
    }
    case 'delingsaftale': {
      const d = (doc as SourceDocument<'delingsaftale'>).data;
      const kommune = kommuneName(repo, d.kommune);
      const label = d.version ? ` · ${versionLabel(d.version)}` : '';
      return {
        title: 'Delingsaftale om overførsel af aktiver, passiver, rettigheder, pligter og ansatte',
        titleBlock: [
          { label: 'Parter', value: `${kommune} og ${region}` },
          { label: 'Opgaver', value: d.opgaver.map((o) => repo.opgave(o.opgave)?.navn ?? o.opgave).join(', ') },
          { label: 'Version', value: orNotSet(d.version, versionLabel) },
          { label: 'Status', value: statusLabel[d.status] },
          { label: 'DokID', value: orNotSet(d.dokid) },
          { label: 'Skæringsdato', value: formatDate(d.referencedato) },
        ],
        runningHeader: `Delingsaftale · ${kommune}${label}`,
        subject: `Delingsaftale mellem ${kommune} og ${region}`,
        keywords: ['delingsaftale', kommune, 'opgaveflyt 2027'],
        draft: d.status === 'udkast',
        date: latest(d.version, d.udkast_fremsendt, d.aftalt, d.godkendelser.regionsraad, d.godkendelser.kommunalbestyrelse, d.delingsraad?.afgoerelse) ?? d.referencedato,
        kommuner: [d.kommune],
        opgave: null,
        version: d.version,
        status: d.status,
      };
    }
    case 'anmodning': {
      const d = (doc as SourceDocument<'anmodning'>).data;
      const kommune = kommuneName(repo, d.kommune);
      const opgave = repo.opgave(d.opgave);
      return {
        title: `Anmodning om fortsat kommunal drift af ${opgave?.betegnelse ?? d.opgave}`,
        titleBlock: [
          { label: 'Parter', value: `${region} og ${kommune}` },
          { label: 'Opgave', value: opgave?.navn ?? d.opgave },
          { label: 'Periode', value: `${formatDate(d.periode_start)} – ${formatDate(d.periode_slut)}` },
          { label: 'Meddelt ministeriet', value: orNotSet(d.meddelt, formatDate) },
          { label: 'DokID', value: orNotSet(d.dokid) },
        ],
        runningHeader: `Anmodning om fortsat drift · ${kommune}`,
        subject: `Anmodning fra ${region} til ${kommune} om fortsat drift af ${opgave?.betegnelse ?? d.opgave}`,
        keywords: ['anmodning', opgave?.navn ?? d.opgave, kommune, 'opgaveflyt 2027'],
        draft: false,
        date: latest(d.meddelt, d.periode_start) ?? d.periode_start,
        kommuner: [d.kommune],
        opgave: d.opgave,
        version: null,
        status: null,
      };
    }
    case 'sag': {
      const d = (doc as SourceDocument<'sag'>).data;
      const raad = repo.sundhedsraad(d.sundhedsraad);
      return {
        title: `Punkt ${d.punkt}: ${d.titel}`,
        titleBlock: [
          { label: 'Sundhedsråd', value: raad?.navn ?? d.sundhedsraad },
          { label: 'Møde', value: `${d.moede.organ}, ${orNotSet(d.moede.dato, formatDate)}` },
          { label: 'Punkt', value: `${d.punkt} (${d.aaben ? 'Åben' : 'Lukket'})` },
          { label: 'Sags ID', value: d.sags_id },
          { label: 'Dok ID', value: orNotSet(d.dokid) },
        ],
        runningHeader: `${raad?.navn ?? d.sundhedsraad} · Punkt ${d.punkt} · ${d.sags_id}`,
        subject: `${raad?.navn ?? d.sundhedsraad}: ${d.titel}`,
        keywords: ['sundhedsråd', raad?.navn ?? d.sundhedsraad, d.sags_id, 'opgaveflyt 2027'],
        draft: false,
        date: latest(d.moede.dato, ...d.videre_proces.map((m) => m.dato), ...d.tidligere_beslutninger.map((b) => b.dato)) ?? '1970-01-01', // no date in the data: a fixed, obviously-unknown one
        kommuner: [...(raad?.kommuner ?? [])],
        opgave: null,
        version: null,
        status: null,
      };
    }
    default:
      throw new Error(`${doc.kind} is reference data, not a document to render`);
  }
}
