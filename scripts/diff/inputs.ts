import type { DocumentKind } from '../model/kinds.ts';
import { inputsOf as renderInputs } from '../render/inputs.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { Snapshot } from './snapshot.ts';

/** The files a document's rendering reads in one revision (see render/inputs.ts). */
function inputsOf(snapshot: Snapshot, doc: SourceDocument<DocumentKind>): string[] {
  return renderInputs(snapshot.repo, snapshot.templates, doc);
}

/**
 * The file has the same bytes in both revisions. A file missing from either one differs from
 * everything, itself included: »not there« is never »unchanged«.
 */
export function sameFile(base: Snapshot, head: Snapshot, file: string): boolean {
  const x = base.bytes(file);
  const y = head.bytes(file);
  return x !== undefined && y !== undefined && x.equals(y);
}

/**
 * True when both versions of a document are rendered from byte-identical inputs with the same
 * code, so their output is identical and rendering it twice can be skipped.
 */
export function sameInputs(base: Snapshot, baseDoc: SourceDocument<DocumentKind>, head: Snapshot, headDoc: SourceDocument<DocumentKind>): boolean {
  const a = inputsOf(base, baseDoc);
  const b = inputsOf(head, headDoc);
  return a.length === b.length && a.every((file, i) => file === b[i] && sameFile(base, head, file));
}
