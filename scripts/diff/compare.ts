import { discover } from '../load/discover.ts';
import type { DocumentKind, ReferenceKind } from '../model/kinds.ts';
import { kommuneName } from '../model/names.ts';
import { documentMeta, documentName, registry } from '../kinds/index.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { TEMPLATE_DIR } from '../render/templates.ts';
import { diffClauses } from './clause-diff.ts';
import { clausesOfMarkdown } from './clauses.ts';
import { diffData } from './data-diff.ts';
import { headFindings } from './findings.ts';
import { sameFile, sameInputs } from './inputs.ts';
import { sameChanges } from './same-change.ts';
import type { Snapshot } from './snapshot.ts';
import type { ChangedDocument, DiffResult, DocumentSummary, KommuneRef, ReferenceChange, RevisionInfo } from './types.ts';

function summary(snapshot: Snapshot, doc: SourceDocument<DocumentKind>): DocumentSummary {
  const { repo } = snapshot;
  const kommuner = documentMeta(repo, doc).kommuner.map((kode) => ({ kode, navn: kommuneName(repo, kode) }));
  return { id: doc.data.id, kind: doc.kind, name: documentName(repo, doc), file: doc.file, kommuner };
}

function changedDocument(
  base: Snapshot,
  baseDoc: SourceDocument<DocumentKind>,
  head: Snapshot,
  headDoc: SourceDocument<DocumentKind>,
): ChangedDocument | undefined {
  if (sameInputs(base, baseDoc, head, headDoc)) return undefined;
  const before = base.render(baseDoc);
  const after = head.render(headDoc);
  const fields = diffData(baseDoc.data, headDoc.data);
  const clauses = diffClauses(clausesOfMarkdown(before.markdown), clausesOfMarkdown(after.markdown));
  if (fields.length === 0 && clauses.every((c) => c.status === 'equal')) return undefined;
  const author = head.repo.ofKind('region')[0]?.data.navn ?? 'Region Østdanmark';
  return { ...summary(head, headDoc), fields, clauses, meta: after.meta, author };
}

/** Template files that were added, removed or edited. */
async function changedTemplates(base: Snapshot, head: Snapshot): Promise<string[]> {
  const list = async (s: Snapshot) => (await discover(s.root, TEMPLATE_DIR)).map((f) => f.file);
  const files = [...new Set([...(await list(base)), ...(await list(head))])].sort();
  return files.filter((f) => !sameFile(base, head, f));
}

function referenceChanges(base: Snapshot, head: Snapshot): ReferenceChange[] {
  return registry
    .reference()
    .map((k) => k.id as ReferenceKind)
    .flatMap((kind) => {
      const before = new Map(base.repo.ofKind(kind).map((d) => [d.data.id, d]));
      return head.repo.ofKind(kind).flatMap((doc) => {
        const old = before.get(doc.data.id);
        const fields = diffData(old?.data ?? {}, doc.data);
        return fields.length > 0 ? [{ file: doc.file, fields }] : [];
      });
    });
}

const byFile = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/**
 * Compares two loaded revisions: documents added and removed (by id), and for every document in
 * both whose inputs differ, its changed fields and its clause-aligned word diff.
 */
export async function compareSnapshots(
  base: Snapshot,
  head: Snapshot,
  info: { base: RevisionInfo; head: RevisionInfo },
  onProgress?: (done: number, total: number, label: string) => void,
): Promise<DiffResult> {
  const added: DocumentSummary[] = [];
  const removed: DocumentSummary[] = [];
  const changed: ChangedDocument[] = [];
  const total = head.documents.size;
  let done = 0;
  for (const [id, doc] of head.documents) {
    const old = base.documents.get(id);
    if (!old) added.push(summary(head, doc));
    else {
      const diff = changedDocument(base, old, head, doc);
      if (diff) changed.push(diff);
    }
    onProgress?.(++done, total, 'dokumenter sammenlignet');
  }
  for (const [id, doc] of base.documents) if (!head.documents.has(id)) removed.push(summary(base, doc));

  const kommuner = new Map<string, KommuneRef>();
  for (const d of [...removed, ...added, ...changed]) for (const k of d.kommuner) kommuner.set(k.kode, k);
  changed.sort(byFile);
  return {
    base: info.base,
    head: info.head,
    added: added.sort(byFile),
    removed: removed.sort(byFile),
    changed,
    kommuner: [...kommuner.values()].sort((a, b) => a.navn.localeCompare(b.navn, 'da')),
    templates: await changedTemplates(base, head),
    reference: referenceChanges(base, head),
    findings: headFindings(base, head),
    sameChanges: sameChanges(changed),
  };
}
