import type { List, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell } from 'mdast';
import { agreementDocuments, documentName, kindOf, kommuneOf, registry, shortDocumentLabel } from '../kinds/index.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { formatDate } from '../basics/format.ts';
import { stringifyMarkdown } from '../render/markdown.ts';
import { modelLabel } from './operating-models.ts';
import { caseOutcome } from '../model/decisions.ts';
import { missingSignatures, partyLabel } from '../kinds/lifecycle.ts';
import type { CellTermination, RaadStatus, StatusCell } from './status-matrix.ts';
import type { OperatingModel } from '../model/types.ts';

export const STATUS_TITLE = 'Status for opgaveflyttet';

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const strong = (value: string): PhrasingContent => ({ type: 'strong', children: [text(value)] });
const paragraph = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });

/** »Samarbejdsaftale: Udkast, V20260224«; an anmodning has no status, so its notification is what counts. */
function documentState(doc: SourceDocument): string {
  const governs = kindOf(doc).governs!;
  return `${governs.noun}: ${governs.state(doc)}`;
}

/** »Delingsaftale: dækker driften«, or what is missing, for the model that follows a termination. */
function followingDocument(t: CellTermination): PhrasingContent {
  const noun = governingNoun(t.follows);
  if (!t.document) return strong(`${noun} mangler`);
  return t.covered ? text(`${noun} dækker opgaven`) : strong(`${noun} dækker ikke opgaven`);
}

const governingNoun = (model: OperatingModel) => registry.documents().find((k) => k.governs?.model === model)?.governs?.noun ?? modelLabel[model];

/**
 * A terminated pair: before the end date the decided model and the document »opsagt pr. …«;
 * from the end date on the model that follows, and whether its document covers the opgave.
 */
function terminatedCell(c: StatusCell, t: CellTermination, model: PhrasingContent[]): PhrasingContent[] {
  const ends = `opsagt pr. ${formatDate(t.ophoer)}`;
  const parts: PhrasingContent[][] = t.ended
    ? [[strong(modelLabel[t.follows]), text(' efter opsigelse')], [text(`${kindOf(c.document!).governs!.noun} ${ends}`)], [followingDocument(t)]]
    : [model, [text(documentState(c.document!))], [strong(ends)], [text(`derefter ${modelLabel[t.follows].toLowerCase()} (`), followingDocument(t), text(')')]];
  return parts.flatMap((p, i) => (i === 0 ? p : [text(' · '), ...p]));
}

/** One cell: model · document, status and version · next deadline. Built as nodes, so data stays literal. */
function cellContent(c: StatusCell): PhrasingContent[] {
  const parts: PhrasingContent[][] = [
    [c.model ? strong(modelLabel[c.model]) : text('Ikke afgjort'), ...(c.state === 'indstillet' ? [text(' (indstillet)')] : [])],
  ];
  if (c.termination) return terminatedCell(c, c.termination, parts[0]!);
  if (c.document) parts.push([text(documentState(c.document))]);
  else if (c.expected) parts.push([strong(`${registry.documents().find((k) => k.id === c.expected)?.governs?.noun ?? c.expected} mangler`)]);
  for (const d of c.late ?? []) {
    // A late step stays visible: the warning the check gives, with the data's begrundelse.
    parts.push([strong(`${d.label} ${formatDate(d.done!)} efter fristen`), text(` (${d.late!.begrundelser.length > 0 ? 'begrundet' : 'uden begrundelse'})`)]);
  }
  if (c.next) {
    const { deadline, state } = c.next;
    parts.push(
      state === 'overskredet'
        ? [strong(`overskredet ${formatDate(deadline.dato)}`), text(`: ${deadline.label}`)]
        : [text(`næste ${formatDate(deadline.dato)}: ${deadline.label}`)],
    );
  }
  return parts.flatMap((p, i) => (i === 0 ? p : [text(' · '), ...p]));
}

function matrixTable(repo: Repository, raad: RaadStatus): Table {
  const row = (cells: PhrasingContent[][]) => ({ type: 'tableRow' as const, children: cells.map((children): TableCell => ({ type: 'tableCell', children })) });
  return {
    type: 'table',
    align: [],
    children: [
      row([[text('Kommune')], ...repo.opgaver.map((o) => [text(o.navn)])]),
      ...raad.rows.map((r) => row([[text(`${r.kommune.kortnavn} (${r.kommune.kode})`)], ...r.cells.map(cellContent)])),
    ],
  };
}

function casesLine(repo: Repository, raad: RaadStatus): RootContent {
  if (raad.cases.length === 0) return paragraph(text('Ingen sag afgør endnu driftsmodellerne for disse kommuner.'));
  const names = raad.cases
    .map((s) => {
      const outcome = caseOutcome(s);
      const how = outcome.state === 'besluttet' ? `besluttet ${formatDate(outcome.beslutning!.dato)}` : 'indstillet, endnu ikke besluttet';
      return `${documentName(repo, s)} (${s.data.sags_id}, ${how})`;
    })
    .join('; ');
  return paragraph(
    text(`Driftsmodeller efter ${names}. Den seneste beslutning gælder; indtil regionsrådet har besluttet, gælder indstillingen (»indstillet«).`),
  );
}

/**
 * »Mangler underskrift«: per kommune, every approved agreement that still lacks signatures,
 * per party, so the secretariat sees who has to sign what.
 */
function signaturesSection(repo: Repository, raad: RaadStatus): RootContent[] {
  const lines: PhrasingContent[][] = [];
  const agreements = agreementDocuments(repo).filter(({ doc }) => repo.byId(doc.data.id) === doc);
  for (const { kommune } of raad.rows) {
    for (const { doc, agreement } of agreements) {
      if (kommuneOf(doc) !== kommune.kode || agreement.status(doc) !== 'godkendt') continue;
      const missing = missingSignatures(repo, agreement.signatures(doc));
      if (missing.length === 0) continue;
      const who = missing.map((m) => `${partyLabel(m.party)} mangler ${m.missing} af ${m.required}`).join(', ');
      lines.push([strong(`${kommune.kortnavn}:`), text(` ${shortDocumentLabel(repo, doc)} (${doc.data.id}): ${who}`)]);
    }
  }
  if (lines.length === 0) return [];
  return [
    { type: 'heading', depth: 3, children: [text(`Mangler underskrift (${lines.length})`)] },
    { type: 'list', ordered: false, spread: false, children: lines.map((l) => ({ type: 'listItem', spread: false, children: [paragraph(...l)] })) },
  ];
}

function section(repo: Repository, raad: RaadStatus): RootContent[] {
  const title = raad.raad?.navn ?? 'Kommuner uden bekræftet sundhedsråd';
  const heading: RootContent = { type: 'heading', depth: 2, children: [text(title)] };
  if (raad.rows.length === 0) {
    return [heading, paragraph(text('Ingen bekræftede kommuner: ingen kilde bekræfter endnu, hvilke kommuner der hører til sundhedsrådet.'))];
  }
  return [heading, casesLine(repo, raad), matrixTable(repo, raad), ...signaturesSection(repo, raad)];
}

function intro(today: string): RootContent[] {
  return [
    paragraph(
      text(
        `Pr. ${formatDate(today)}. For hver kommune og opgave: den gældende driftsmodel (regionsrådets beslutning; »indstillet«, så længe den ikke er registreret), det dokument, der bærer den (samarbejdsaftale ved kommunal drift, delingsaftale ved regional drift, anmodning ved fortsat kommunal drift), dokumentets status og version, og dets næste frist. `,
      ),
      text('Alt er dannet af data i agreements/; ret data, ikke denne oversigt.'),
    ),
  ];
}

/** The overview's body: what the PDF is made from. */
function statusBody(repo: Repository, matrix: readonly RaadStatus[], today: string): Root {
  return { type: 'root', children: [...intro(today), ...matrix.flatMap((r) => section(repo, r))] };
}

/** The whole out/status.md: a title and the body, normalised by the project's remark settings. */
export function statusMarkdown(repo: Repository, matrix: readonly RaadStatus[], today: string): { markdown: string; body: string } {
  const body = stringifyMarkdown(statusBody(repo, matrix, today));
  const list: List = {
    type: 'list',
    ordered: false,
    spread: false,
    children: [{ type: 'listItem', spread: false, children: [paragraph(strong('Pr.:'), text(` ${formatDate(today)}`))] }],
  };
  const header = stringifyMarkdown({ type: 'root', children: [{ type: 'heading', depth: 1, children: [text(STATUS_TITLE)] }, list] });
  return { markdown: `${header}\n${body}`, body };
}
