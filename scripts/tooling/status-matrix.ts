import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { Kommune, OperatingModel, Opgave, Sundhedsraad } from '../model/types.ts';
import { deadlineState, type DeadlineState, type DocumentDeadline } from './deadlines.ts';
import { modelKey, operatingModels } from './operating-models.ts';

export type GoverningKind = 'hsa' | 'delingsaftale' | 'anmodning';

/** The document that carries an operating model: an HSA, the delingsaftale, or an anmodning. */
export const governingKind: Record<OperatingModel, GoverningKind> = { kommunal: 'hsa', regional: 'delingsaftale', anmodning: 'anmodning' };

export interface StatusCell {
  opgave: Opgave;
  /** The indstilling's model; undefined when no case decides it (yet). */
  model?: OperatingModel;
  /** The case that decides it. */
  sag?: SourceDocument<'sag'>;
  /** The kind of document the model needs, and the document when it exists. */
  expected?: GoverningKind;
  document?: SourceDocument<GoverningKind>;
  /** The document's first overdue deadline, else its next open one. */
  next?: { deadline: DocumentDeadline; state: DeadlineState };
}

export interface StatusRow {
  kommune: Kommune;
  cells: StatusCell[];
}

export interface RaadStatus {
  /** undefined for the kommuner that no source places in a sundhedsråd. */
  raad?: Sundhedsraad;
  rows: StatusRow[];
  /** The cases that decide models for this råd's kommuner. */
  cases: SourceDocument<'sag'>[];
}

function findGoverning(repo: Repository, kind: GoverningKind, kommune: string, opgave: string): SourceDocument<GoverningKind> | undefined {
  const own = <K extends GoverningKind>(k: K) => repo.ofKind(k).filter((d) => repo.byId(d.data.id) === d && d.data.kommune === kommune);
  switch (kind) {
    case 'hsa':
      return own('hsa').find((d) => d.data.opgave === opgave);
    case 'anmodning':
      return own('anmodning').find((d) => d.data.opgave === opgave);
    case 'delingsaftale':
      // Prefer the agreement that names the opgave; one per kommune is the rule.
      return own('delingsaftale').find((d) => d.data.opgaver.some((o) => o.opgave === opgave)) ?? own('delingsaftale')[0];
  }
}

const rank: Record<DeadlineState, number> = { overskredet: 0, aaben: 1, kommende: 1, opfyldt: 2, passeret: 2 };

/** The deadline a cell shows: the earliest overdue one, else the earliest that is still to come. */
function nextDeadline(deadlines: readonly DocumentDeadline[], doc: SourceDocument, today: string): StatusCell['next'] {
  const mine = deadlines.filter((d) => d.doc === doc).map((deadline) => ({ deadline, state: deadlineState(deadline, today) }));
  const pending = mine.filter((m) => rank[m.state] < 2).sort((a, b) => rank[a.state] - rank[b.state] || (a.deadline.dato < b.deadline.dato ? -1 : a.deadline.dato > b.deadline.dato ? 1 : 0));
  return pending[0];
}

function cell(repo: Repository, deadlines: readonly DocumentDeadline[], models: ReturnType<typeof operatingModels>, kommune: string, opgave: Opgave, today: string): StatusCell {
  const decision = models.get(modelKey(kommune, opgave.id));
  if (!decision) {
    // No model decided: still show an HSA or anmodning that exists for the pair.
    const document = findGoverning(repo, 'hsa', kommune, opgave.id) ?? findGoverning(repo, 'anmodning', kommune, opgave.id);
    return { opgave, ...(document ? { document, next: nextDeadline(deadlines, document, today) } : {}) };
  }
  const expected = governingKind[decision.model];
  const document = findGoverning(repo, expected, kommune, opgave.id);
  return { opgave, model: decision.model, sag: decision.sag, expected, ...(document ? { document, next: nextDeadline(deadlines, document, today) } : {}) };
}

/**
 * The kommune × opgave matrix per sundhedsråd, in the reference data's order: for each cell the
 * operating model the indstilling gives, the governing document and its next deadline. Råd
 * without confirmed kommuner get no rows; kommuner outside every råd appear in a last group
 * only when they have documents.
 */
export function statusMatrix(repo: Repository, deadlines: readonly DocumentDeadline[], today: string): RaadStatus[] {
  const models = operatingModels(repo);
  const rowsOf = (kommuner: readonly Kommune[]) => kommuner.map((kommune) => ({ kommune, cells: repo.opgaver.map((o) => cell(repo, deadlines, models, kommune.kode, o, today)) }));
  const casesOf = (kommuner: readonly string[]) => [...new Set([...models.values()].filter((m) => kommuner.includes(m.kommune)).map((m) => m.sag))];

  const out: RaadStatus[] = repo.sundhedsraadList.map((raad) => {
    const kommuner = raad.kommuner.map((c) => repo.kommune(c)).filter((k): k is Kommune => k !== undefined);
    return { raad, rows: rowsOf(kommuner), cases: casesOf(raad.kommuner) };
  });

  const placed = new Set(repo.sundhedsraadList.flatMap((s) => s.kommuner));
  const withDocuments = new Set(repo.documents.flatMap((d) => (d.kind === 'hsa' || d.kind === 'delingsaftale' || d.kind === 'anmodning' ? [(d.data as { kommune: string }).kommune] : [])));
  const unplaced = repo.kommuner.filter((k) => !placed.has(k.kode) && withDocuments.has(k.kode));
  if (unplaced.length > 0) out.push({ rows: rowsOf(unplaced), cases: casesOf(unplaced.map((k) => k.kode)) });
  return out;
}
