/**
 * The kind registry: the shipped kinds, registered once, and what the stages ask of a document
 * through them. Adding a kind is a module beside these (see README, »Architecture«), its schema
 * and its template, and one line below.
 */
import type { DocumentKind } from '../model/kinds.ts';
import type { OperatingModel } from '../model/types.ts';
import { formatDate } from '../basics/format.ts';
import { kommuneName } from '../model/names.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { awaitedSignatures, type Agreement } from './lifecycle.ts';
import { anmodning } from './anmodning.ts';
import type { DocumentDeadline } from './deadlines.ts';
import { delingsaftale } from './delingsaftale.ts';
import { hsa } from './hsa.ts';
import type { DocumentKindModule } from './kind.ts';
import type { DocumentMeta } from './meta.ts';
import { frister, opgaver, region } from './reference.ts';
import { registry } from './registry.ts';
import { sag } from './sag.ts';
import { konsolideret, tillaeg } from './tillaeg.ts';
import { noticeText, type Termination } from './termination.ts';

for (const kind of [region, opgaver, frister, hsa, delingsaftale, anmodning, sag, tillaeg, konsolideret]) registry.register(kind);

export { registry };
export type { DocumentKindModule };

type Doc = SourceDocument<DocumentKind>;

/** The module of a document's kind. */
export const kindOf = (doc: SourceDocument): DocumentKindModule => registry.of(doc);

/**
 * The documents that are rendered (not reference data): the files in repository order, then the
 * documents kinds make from the data (a consolidated text), kind by kind.
 */
export const renderedDocuments = (repo: Repository): Doc[] => [
  ...repo.documents.filter((d): d is Doc => registry.isDocument(d.kind)),
  ...registry.documents().flatMap((k) => (k.derive?.(repo) ?? []) as Doc[]),
];

/** A rendered document by id: a file's (the first with the id), else a derived one. */
export const renderedDocument = (repo: Repository, id: string): Doc | undefined => {
  const doc = repo.byId(id);
  if (doc) return registry.isDocument(doc.kind) ? (doc as Doc) : undefined;
  return registry
    .documents()
    .flatMap((k) => (k.derive?.(repo) ?? []) as Doc[])
    .find((d) => d.data.id === id);
};

export const documentName = (repo: Repository, doc: SourceDocument): string => registry.nameOf(repo, doc);
export const documentMeta = (repo: Repository, doc: SourceDocument): DocumentMeta => kindOf(doc).meta(repo, doc);
/** What a viewer shows as the PDF's title, unique in the region (kommune, opgave, version; a case's sundhedsråd). */
export const documentTitle = (repo: Repository, doc: SourceDocument): string => documentMeta(repo, doc).documentTitle ?? documentName(repo, doc);
export const shortDocumentLabel = (repo: Repository, doc: SourceDocument): string => kindOf(doc).label(repo, doc);

/** The sundhedsråd a council document belongs to; undefined for a kommune's document. */
export function councilOf(doc: SourceDocument): string | undefined {
  const { scope } = kindOf(doc);
  return scope.type === 'sundhedsraad' ? scope.sundhedsraad(doc) : undefined;
}

/** The kommune a kommune's document belongs to; undefined for a council document. */
export function kommuneOf(doc: SourceDocument): string | undefined {
  const { scope } = kindOf(doc);
  return scope.type === 'kommune' ? scope.kommune(doc) : undefined;
}

/** The kommuner a document concerns: its own, or all of its sundhedsråd's. */
export function kommunerOf(repo: Repository, doc: SourceDocument): string[] {
  const council = councilOf(doc);
  return council === undefined ? [kommuneOf(doc)!] : [...(repo.sundhedsraad(council)?.kommuner ?? [])];
}

/** Who a document concerns, shortly: »Holbæk«, or for a council document its sundhedsråd's name. */
export function concernsLabel(repo: Repository, doc: SourceDocument): string {
  const council = councilOf(doc);
  if (council !== undefined) return repo.sundhedsraad(council)?.navn ?? council;
  const code = kommuneOf(doc)!;
  return repo.kommune(code)?.kortnavn ?? kommuneName(repo, code);
}

/** The termination recorded in a document whose kind can be terminated, with its end date; else undefined. */
export function terminationOf(doc: SourceDocument): Termination | undefined {
  return kindOf(doc).terminates?.of(doc);
}

/** The operating model that follows a terminated document's (kommune, opgave) from its end date on. */
export function modelAfterTermination(doc: SourceDocument): OperatingModel | undefined {
  return kindOf(doc).terminates?.follows;
}

const compareDeadlines = (a: DocumentDeadline, b: DocumentDeadline) =>
  a.dato !== b.dato ? (a.dato < b.dato ? -1 : 1) : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/**
 * A terminated document's deadlines: its end (»… ophører«, on the end date), and its own
 * deadlines, those after the notice day marked cancelled (the calendar keeps them as
 * STATUS:CANCELLED so clients remove them; the report and the overview skip them). A document
 * with status opsagt but no recorded notice (opsigelse/status reports it) keeps none.
 */
function terminatedDeadlines(repo: Repository, doc: Doc, own: DocumentDeadline[]): DocumentDeadline[] {
  const t = terminationOf(doc);
  if (!t) return (doc.data as { status?: string }).status === 'opsagt' ? [] : own;
  const kommuner = kommunerOf(repo, doc);
  const end: DocumentDeadline = {
    key: `${doc.data.id}/ophoer`,
    source: 'ophoer',
    doc,
    kommuner,
    dato: t.ophoer,
    betegnelse: `ophører (${noticeText(t)})`,
    label: 'ophør',
    kilde: { dokument: `${documentName(repo, doc)} (${doc.data.id})`, afsnit: `Opsigelse meddelt ${formatDate(t.meddelt)}` },
    done: undefined,
  };
  // A step already recorded as done stays as it is; what was still to come is cancelled.
  const cancel = (d: DocumentDeadline): DocumentDeadline => (d.dato > t.meddelt && typeof d.done !== 'string' ? { ...d, cancelled: true } : d);
  return [...own.map(cancel), end];
}

/**
 * Every deadline of every document, in date order, a terminated agreement's included (see
 * terminatedDeadlines; callers that list open deadlines skip the cancelled ones). Documents
 * with a duplicated id count once, as everywhere else.
 */
export function documentDeadlines(repo: Repository): DocumentDeadline[] {
  return renderedDocuments(repo)
    .filter((d) => repo.byId(d.data.id) === d)
    .flatMap((d) => terminatedDeadlines(repo, d, kindOf(d).deadlines(repo, d)))
    .sort(compareDeadlines);
}

export { deadlineState, type DeadlineState, type DocumentDeadline } from './deadlines.ts';
export type { DocumentMeta } from './meta.ts';
export { noticeText, terminationText, type Termination } from './termination.ts';

/** What an approved agreement still awaits from the kommune's signatories (the kommune bundle says so); null when nothing. */
export const awaitsKommune = (repo: Repository, doc: SourceDocument): string | null => awaitedSignatures(repo, kindOf(doc).agreement, doc, 'kommune');

/**
 * Every document of a kind that is an agreement both parties approve and sign, with its
 * module's lifecycle view (status, approvals, signatures, signed text), in repository order.
 */
export function agreementDocuments(repo: Repository): Array<{ doc: SourceDocument; agreement: Agreement<SourceDocument> }> {
  return registry.documents().flatMap((kind) => {
    const agreement = kind.agreement;
    return agreement ? repo.documents.filter((d) => d.kind === kind.id).map((doc) => ({ doc, agreement })) : [];
  });
}
