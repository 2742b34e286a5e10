import {
  kommuneOf,
  modelAfterTermination,
  registry,
  renderedDocuments,
  terminationOf,
  type DocumentKindModule,
  deadlineState,
  type DeadlineState,
  type DocumentDeadline,
} from '../kinds/index.ts';
import type { IsoDate } from '../model/types.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { Kommune, OperatingModel, Opgave, Sundhedsraad } from '../model/types.ts';
import { modelKey, operatingModels } from './operating-models.ts';

/** The kind whose document carries an operating model (an HSA, the delingsaftale, an anmodning). */
function governingKind(model: OperatingModel): DocumentKindModule | undefined {
  return registry.documents().find((k) => k.governs?.model === model);
}

export interface StatusCell {
  opgave: Opgave;
  /** The indstilling's model; undefined when no case decides it (yet). */
  model?: OperatingModel;
  /** The case that decides it. */
  sag?: SourceDocument<'sag'>;
  /** »indstillet« until the regionsråd's decision on that case is recorded. */
  state?: 'indstillet' | 'besluttet';
  /** The kind (id) of document the model needs, and the document when it exists. */
  expected?: string;
  document?: SourceDocument;
  /** The document's first overdue deadline, else its next open one (none once it is terminated). */
  next?: { deadline: DocumentDeadline; state: DeadlineState };
  /** Steps the document did after their frist (reality over plan), with the data's begrundelser. */
  late?: DocumentDeadline[];
  /** The document is terminated (opsigelse meddelt). */
  termination?: CellTermination;
}

/** A terminated pair: when it ends and, from then on, the model that follows and its document. */
export interface CellTermination {
  ophoer: IsoDate;
  /** `today` is on or after the end date: the model that follows is in force. */
  ended: boolean;
  follows: OperatingModel;
  /** The kommune's document for the model that follows, when it exists. */
  document?: SourceDocument;
  /** Whether that document carries the model for the opgave (a delingsaftale that transfers the drift). */
  covered: boolean;
}

interface StatusRow {
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

/** The kommune's document of that kind that serves the opgave best (see Governs.fit). */
function findGoverning(repo: Repository, kind: DocumentKindModule | undefined, kommune: string, opgave: string): SourceDocument | undefined {
  const governs = kind?.governs;
  if (!kind || !governs) return undefined;
  const own = repo.documents.filter((d) => d.kind === kind.id && repo.byId(d.data.id) === d && kommuneOf(d) === kommune);
  const fitting = own.flatMap((d) => {
    const fit = governs.fit(d, opgave);
    return fit === undefined ? [] : [{ d, fit }];
  });
  return fitting.find((x) => x.fit === 0)?.d ?? fitting.find((x) => x.fit === 1)?.d;
}

const rank: Record<DeadlineState, number> = { overskredet: 0, aaben: 1, kommende: 1, opfyldt: 2, passeret: 2, aflyst: 2 };

/** The deadline a cell shows: the earliest overdue one, else the earliest that is still to come. */
function nextDeadline(deadlines: readonly DocumentDeadline[], doc: SourceDocument, today: string): StatusCell['next'] {
  const mine = deadlines.filter((d) => d.doc === doc).map((deadline) => ({ deadline, state: deadlineState(deadline, today) }));
  const pending = mine
    .filter((m) => rank[m.state] < 2)
    .sort((a, b) => rank[a.state] - rank[b.state] || (a.deadline.dato < b.deadline.dato ? -1 : a.deadline.dato > b.deadline.dato ? 1 : 0));
  return pending[0];
}

/** The termination of the cell's document, if it is terminated; the model after it is read from the document's kind. */
function terminationCell(repo: Repository, document: SourceDocument, kommune: string, opgave: string, today: string): CellTermination | undefined {
  const t = terminationOf(document);
  const follows = modelAfterTermination(document);
  if (!t || !follows) return undefined;
  const kind = governingKind(follows);
  const next = findGoverning(repo, kind, kommune, opgave);
  const covered = next !== undefined && kind?.governs?.fit(next, opgave) === 0 && (kind.governs.covers?.(next, opgave) ?? true);
  return { ophoer: t.ophoer, ended: today >= t.ophoer, follows, ...(next ? { document: next } : {}), covered };
}

/** The document's part of a cell: the document, and either its termination or its next deadline. */
function documentPart(repo: Repository, deadlines: readonly DocumentDeadline[], document: SourceDocument, kommune: string, opgave: string, today: string) {
  const termination = terminationCell(repo, document, kommune, opgave, today);
  if (termination) return { document, termination };
  const late = deadlines.filter((d) => d.doc === document && d.late);
  return { document, next: nextDeadline(deadlines, document, today), ...(late.length > 0 ? { late } : {}) };
}

function cell(
  repo: Repository,
  deadlines: readonly DocumentDeadline[],
  models: ReturnType<typeof operatingModels>,
  kommune: string,
  opgave: Opgave,
  today: string,
): StatusCell {
  const decision = models.get(modelKey(kommune, opgave.id));
  if (!decision) {
    // No model decided: still show an HSA or anmodning that exists for the pair.
    const document = findGoverning(repo, governingKind('kommunal'), kommune, opgave.id) ?? findGoverning(repo, governingKind('anmodning'), kommune, opgave.id);
    return { opgave, ...(document ? documentPart(repo, deadlines, document, kommune, opgave.id, today) : {}) };
  }
  const expected = governingKind(decision.model);
  const document = findGoverning(repo, expected, kommune, opgave.id);
  return {
    opgave,
    model: decision.model,
    sag: decision.sag,
    state: decision.state,
    ...(expected ? { expected: expected.id } : {}),
    ...(document ? documentPart(repo, deadlines, document, kommune, opgave.id, today) : {}),
  };
}

/**
 * The kommune × opgave matrix per sundhedsråd, in the reference data's order: for each cell the
 * operating model the indstilling gives, the governing document and its next deadline. Råd
 * without confirmed kommuner get no rows; kommuner outside every råd appear in a last group
 * only when they have documents.
 */
export function statusMatrix(repo: Repository, deadlines: readonly DocumentDeadline[], today: string): RaadStatus[] {
  const models = operatingModels(repo);
  const rowsOf = (kommuner: readonly Kommune[]) =>
    kommuner.map((kommune) => ({ kommune, cells: repo.opgaver.map((o) => cell(repo, deadlines, models, kommune.kode, o, today)) }));
  const casesOf = (kommuner: readonly string[]) => [...new Set([...models.values()].filter((m) => kommuner.includes(m.kommune)).map((m) => m.sag))];

  const out: RaadStatus[] = repo.sundhedsraadList.map((raad) => {
    const kommuner = raad.kommuner.map((c) => repo.kommune(c)).filter((k): k is Kommune => k !== undefined);
    return { raad, rows: rowsOf(kommuner), cases: casesOf(raad.kommuner) };
  });

  const placed = new Set(repo.sundhedsraadList.flatMap((s) => s.kommuner));
  const withDocuments = new Set(renderedDocuments(repo).flatMap((d) => kommuneOf(d) ?? []));
  const unplaced = repo.kommuner.filter((k) => !placed.has(k.kode) && withDocuments.has(k.kode));
  if (unplaced.length > 0) out.push({ rows: rowsOf(unplaced), cases: casesOf(unplaced.map((k) => k.kode)) });
  return out;
}
