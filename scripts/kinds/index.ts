/**
 * The kind registry: the shipped kinds, registered once, and what the stages ask of a document
 * through them. Adding a kind is a module beside these (see README, »Architecture«), its schema
 * and its template, and one line below.
 */
import type { DocumentKind } from '../model/kinds.ts';
import { kommuneName } from '../model/names.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { anmodning } from './anmodning.ts';
import type { DocumentDeadline } from './deadlines.ts';
import { delingsaftale } from './delingsaftale.ts';
import { hsa } from './hsa.ts';
import type { DocumentKindModule } from './kind.ts';
import type { DocumentMeta } from './meta.ts';
import { frister, opgaver, region } from './reference.ts';
import { registry } from './registry.ts';
import { sag } from './sag.ts';

for (const kind of [region, opgaver, frister, hsa, delingsaftale, anmodning, sag]) registry.register(kind);

export { registry };
export type { DocumentKindModule };

type Doc = SourceDocument<DocumentKind>;

/** The module of a document's kind. */
export const kindOf = (doc: SourceDocument): DocumentKindModule => registry.of(doc);

/** The documents that are rendered (not reference data), in repository order. */
export const renderedDocuments = (repo: Repository): Doc[] => repo.documents.filter((d): d is Doc => registry.isDocument(d.kind));

export const documentName = (repo: Repository, doc: SourceDocument): string => registry.nameOf(repo, doc);
export const documentMeta = (repo: Repository, doc: SourceDocument): DocumentMeta => kindOf(doc).meta(repo, doc);
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

const compareDeadlines = (a: DocumentDeadline, b: DocumentDeadline) =>
  a.dato !== b.dato ? (a.dato < b.dato ? -1 : 1) : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/**
 * Every deadline of every document, in date order. A terminated agreement (status opsagt) has
 * none left. Documents with a duplicated id count once, as everywhere else.
 */
export function documentDeadlines(repo: Repository): DocumentDeadline[] {
  return renderedDocuments(repo)
    .filter((d) => repo.byId(d.data.id) === d)
    .filter((d) => (d.data as { status?: string }).status !== 'opsagt')
    .flatMap((d) => kindOf(d).deadlines(repo, d))
    .sort(compareDeadlines);
}

export { deadlineState, type DeadlineState, type DocumentDeadline } from './deadlines.ts';
export type { DocumentMeta } from './meta.ts';
