import type { Repository } from './repository.ts';
import type { SourceDocument } from './source-document.ts';
import type { Status } from './types.ts';

/** A version date as the region writes it in document names: 2026-02-24 → V20260224. */
export function versionLabel(isoDate: string): string {
  return `V${isoDate.replaceAll('-', '')}`;
}

/** The official name of a kommune (»Holbæk Kommune«, »Bornholms Regionskommune«). */
export function kommuneName(repo: Repository, code: string): string {
  return repo.kommune(code)?.navn ?? `kommune ${code}`;
}

/** An opgave as it reads inside a sentence (»sundheds- og omsorgspladser«). */
export function opgaveTerm(repo: Repository, id: string): string {
  return repo.opgave(id)?.betegnelse ?? id;
}

const draftPrefix = (status: Status, noun: string) => (status === 'udkast' ? `Udkast til ${noun}` : noun.charAt(0).toUpperCase() + noun.slice(1));

/**
 * The name of a document as it stands in a bilag list and on its title page, generated from
 * data only, so names never drift from the documents they name.
 */
export function documentName(repo: Repository, doc: SourceDocument): string {
  switch (doc.kind) {
    case 'hsa': {
      const d = (doc as SourceDocument<'hsa'>).data;
      return `${draftPrefix(d.status, 'horisontal samarbejdsaftale')} for ${opgaveTerm(repo, d.opgave)} ${kommuneName(repo, d.kommune)} ${versionLabel(d.version)}`;
    }
    case 'delingsaftale': {
      const d = (doc as SourceDocument<'delingsaftale'>).data;
      return `${draftPrefix(d.status, 'delingsaftale')} ${kommuneName(repo, d.kommune)}${d.version ? ` ${versionLabel(d.version)}` : ''}`;
    }
    case 'anmodning': {
      const d = (doc as SourceDocument<'anmodning'>).data;
      return `Anmodning om fortsat kommunal drift af ${opgaveTerm(repo, d.opgave)} ${kommuneName(repo, d.kommune)}`;
    }
    case 'sag': {
      const d = (doc as SourceDocument<'sag'>).data;
      return `Punkt ${d.punkt}: ${d.titel}`;
    }
    default:
      return doc.data.id;
  }
}

/**
 * A name that may become one folder or file name in out/ (ids, kommune codes and slugs,
 * sundhedsråd ids): no `/`, no `..`, nothing a file system treats specially. Checked in code
 * (rule ref/sti-navn, and again where paths are made), not only by the schemas, which a pull
 * request can loosen in the same commit.
 */
export const SAFE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
