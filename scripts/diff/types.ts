/**
 * The shapes a comparison produces. Everything here is plain data (no class instances), so the
 * same values feed the Markdown report, the JSON output and the redline PDF.
 */
import type { Severity } from '../diagnostics/diagnostic.ts';
import type { DocumentKind } from '../model/kinds.ts';
import type { DocumentMeta } from '../kinds/index.ts';

type PieceOp = 'equal' | 'insert' | 'delete';

/** A run of text that is common to both versions, only in the new one, or only in the old one. */
export interface Piece {
  op: PieceOp;
  text: string;
}

/** The block a line of rendered text came from; tables contribute one line per row. */
type LineKind = 'paragraph' | 'item' | 'row' | 'code' | 'rule';

/** One block-level unit of a clause as a reader sees it: text without Markdown syntax. */
export interface Line {
  kind: LineKind;
  /** Nesting depth: 0 at top level, +1 per enclosing list (or blockquote). */
  depth: number;
  /** One string per table cell; every other kind has exactly one. */
  cells: string[];
  /** The list marker as displayed (»1.«, »-«); not compared, as item numbers are derived. */
  marker?: string;
  /** First row of a table. */
  header?: boolean;
}

/** A heading with everything up to the next heading: the unit clauses are matched by. */
export interface Clause {
  depth: number;
  /** Heading text as rendered (»§ 4. Parternes bidrag«); null for text before any heading. */
  heading: string | null;
  /** Matching key: depth and heading without its number, so renumbered clauses still match. */
  key: string;
  lines: Line[];
  /** The clause body as normalised Markdown: tells formatting-only changes apart from none. */
  markdown: string;
}

type ChangeStatus = 'equal' | 'changed' | 'inserted' | 'deleted';

export interface LineDiff {
  status: ChangeStatus;
  kind: LineKind;
  depth: number;
  marker?: string;
  header?: boolean;
  /** Per cell, the pieces of its text. */
  cells: Piece[][];
}

export interface ClauseDiff {
  status: ChangeStatus;
  depth: number;
  /** Heading in the base and in the head version (null where the clause does not exist). */
  before: string | null;
  after: string | null;
  heading: Piece[];
  /** Every line of the clause, unchanged ones included (the redline shows whole documents). */
  lines: LineDiff[];
  /** The text is the same but the Markdown is not (e.g. a word became bold). */
  formatOnly: boolean;
  /** Inserted and deleted runs of the body, trimmed, in reading order. */
  inserted: string[];
  deleted: string[];
}

export interface FieldChange {
  /** YAML path as staff write it: »godkendelser.regionsraad«, »bilag[3].version«. */
  path: string;
  change: 'changed' | 'added' | 'removed';
  before?: unknown;
  after?: unknown;
}

export interface KommuneRef {
  kode: string;
  navn: string;
}

export interface DocumentSummary {
  id: string;
  kind: DocumentKind;
  /** The document's name as in a bilag list (»Udkast til horisontal samarbejdsaftale …«). */
  name: string;
  /** Repository-relative data file. */
  file: string;
  kommuner: KommuneRef[];
}

export interface ChangedDocument extends DocumentSummary {
  fields: FieldChange[];
  /** All clauses, aligned; filter on status for the changed ones. */
  clauses: ClauseDiff[];
  /** The head version's metadata: title, running header and date for the redline PDF. */
  meta: DocumentMeta;
  /** The region's name in the head version (PDF author). */
  author: string;
}

export interface RevisionInfo {
  /** What the user sees: a short sha, or »arbejdskopi« for the working tree. */
  label: string;
  /** Full commit sha; null for the working tree. */
  sha: string | null;
  /** How the revision was chosen (»merge-base med main«, »HEAD«, the name the user typed). */
  description: string;
}

/** »0064f9e (merge-base med main)«, »arbejdskopien«; a typed sha is not repeated after itself. */
export function describeRevision(r: RevisionInfo): string {
  if (r.sha === null) return r.description;
  return r.sha.startsWith(r.description) ? r.label : `${r.label} (${r.description})`;
}

export interface ReferenceChange {
  file: string;
  fields: FieldChange[];
}

/** A finding of the new revision, placed: what `npm run check` prints as one line. */
export interface Finding {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  rule: string;
  message: string;
  /** The file differs between the two revisions. */
  changed: boolean;
}

export interface RevisionFindings {
  /** Findings in files the change touches, and errors anywhere; in check's order. */
  list: Finding[];
  /** All of the revision's errors and warnings, listed or not. */
  errors: number;
  warnings: number;
  /** Warnings in files the change does not touch: counted, not listed. */
  warningsElsewhere: number;
  /** `list` as `npm run check` prints it, with its summary line; empty without findings. */
  text: string;
}

/** Documents whose text changed the same way, without any change to their own data. */
export interface SameChange {
  /** Ids of the documents, in report order; the first one's diff is shown for all. */
  ids: string[];
}

export interface DiffResult {
  base: RevisionInfo;
  head: RevisionInfo;
  added: DocumentSummary[];
  removed: DocumentSummary[];
  changed: ChangedDocument[];
  /** Every kommune an added, removed or changed document concerns, in Danish alphabetical order. */
  kommuner: KommuneRef[];
  /** Template files that differ (added, removed or edited). */
  templates: string[];
  /** Field changes in the reference data (region, opgaver, frister). */
  reference: ReferenceChange[];
  /** The new revision's findings (it is rendered and compared even when it breaks a rule). */
  findings: RevisionFindings;
  /**
   * Changed documents that changed alike only through templates or reference data (a template
   * edit touches every document of its kind): the report shows such a change once, with the list.
   */
  sameChanges: SameChange[];
}

/** Did any document change? Template and reference edits count only through their effect. */
export const hasChanges = (r: DiffResult): boolean => r.added.length + r.removed.length + r.changed.length > 0;

export const changedClauses = (d: ChangedDocument): ClauseDiff[] => d.clauses.filter((c) => c.status !== 'equal');
