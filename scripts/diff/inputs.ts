import { referenceKinds, type DocumentKind } from '../model/kinds.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { Snapshot } from './snapshot.ts';

/**
 * Every file a document's rendering reads: its own data, the reference data (kommuner,
 * opgaver, frister), for a case the documents its bilag point at, and its template with the
 * partials it uses. This mirrors what scripts/render reads; a view that starts reading more
 * must be added here, or the diff would skip documents that did change.
 */
export function inputsOf(snapshot: Snapshot, doc: SourceDocument<DocumentKind>): string[] {
  const { repo } = snapshot;
  const files = new Set<string>([doc.file]);
  for (const kind of referenceKinds) for (const d of repo.ofKind(kind)) files.add(d.file);
  if (doc.kind === 'sag') {
    const targets = new Set((doc as SourceDocument<'sag'>).data.bilag.map((b) => b.dokument).filter((id) => id !== undefined));
    for (const d of repo.documents) if (targets.has(d.data.id)) files.add(d.file);
  }
  return [...[...files].sort(), ...snapshot.templates.filesOf(doc.kind)];
}

/**
 * True when both versions of a document are rendered from byte-identical inputs with the same
 * code, so their output is identical and rendering it twice can be skipped.
 */
export function sameInputs(base: Snapshot, baseDoc: SourceDocument<DocumentKind>, head: Snapshot, headDoc: SourceDocument<DocumentKind>): boolean {
  const a = inputsOf(base, baseDoc);
  const b = inputsOf(head, headDoc);
  return (
    a.length === b.length &&
    a.every((file, i) => {
      if (file !== b[i]) return false;
      const x = base.bytes(file);
      const y = head.bytes(file);
      return x !== undefined && y !== undefined && x.equals(y);
    })
  );
}
