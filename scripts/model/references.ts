import type { DataPath } from '../basics/locate.ts';
import type { Repository } from './repository.ts';
import type { SourceDocument } from './source-document.ts';

/** One reference from a document to something else, with the data path it sits at. */
export interface Reference {
  doc: SourceDocument;
  path: DataPath;
  value: string;
}

/** Every place a kommunekode is used. */
export function* kommuneReferences(repo: Repository): Generator<Reference> {
  for (const doc of repo.ofKind('region')) {
    for (const [i, s] of doc.data.sundhedsraad.entries()) {
      for (const [j, code] of s.kommuner.entries()) yield { doc, path: ['sundhedsraad', i, 'kommuner', j], value: code };
    }
  }
  for (const doc of repo.documentsOfKinds(['hsa', 'delingsaftale', 'anmodning'])) {
    yield { doc, path: ['kommune'], value: (doc.data as { kommune: string }).kommune };
  }
  for (const { doc, path, underpunkt } of underpunkter(repo)) {
    for (const [k, code] of (underpunkt.kommuner ?? []).entries()) yield { doc, path: [...path, 'kommuner', k], value: code };
  }
}

/** Every place an opgave id is used. */
export function* opgaveReferences(repo: Repository): Generator<Reference> {
  for (const doc of repo.documentsOfKinds(['hsa', 'anmodning'])) {
    yield { doc, path: ['opgave'], value: (doc.data as { opgave: string }).opgave };
  }
  for (const doc of repo.ofKind('delingsaftale')) {
    for (const [i, o] of doc.data.opgaver.entries()) yield { doc, path: ['opgaver', i, 'opgave'], value: o.opgave };
  }
  for (const { doc, path, underpunkt } of underpunkter(repo)) {
    if (underpunkt.opgave !== undefined) yield { doc, path: [...path, 'opgave'], value: underpunkt.opgave };
  }
}

/** Every lettered sub-point of every case's indstilling. */
export function* underpunkter(repo: Repository) {
  for (const doc of repo.ofKind('sag')) {
    for (const [i, punkt] of doc.data.indstilling.punkter.entries()) {
      for (const [j, underpunkt] of (punkt.underpunkter ?? []).entries()) {
        yield { doc, path: ['indstilling', 'punkter', i, 'underpunkter', j] as DataPath, underpunkt };
      }
    }
  }
}

/** Every DokID in the repository: documents' own and external bilag. */
export function* dokidReferences(repo: Repository): Generator<Reference & { external?: { titel: string } }> {
  for (const doc of repo.documentsOfKinds(['hsa', 'delingsaftale', 'anmodning', 'sag'])) {
    const dokid = (doc.data as { dokid?: string | null }).dokid;
    if (dokid) yield { doc, path: ['dokid'], value: dokid };
  }
  for (const doc of repo.ofKind('sag')) {
    for (const [i, b] of doc.data.bilag.entries()) {
      if (b.eksternt) yield { doc, path: ['bilag', i, 'eksternt', 'dokid'], value: b.eksternt.dokid, external: { titel: b.eksternt.titel } };
    }
  }
}
