import type { DataPath } from '../basics/locate.ts';
import type { DocumentKind, Kind } from '../model/kinds.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { Frist, Kommune, OperatingModel, Opgave, Sundhedsraad, Vilkaar } from '../model/types.ts';
import type { DocumentDeadline } from './deadlines.ts';
import type { DocumentMeta } from './meta.ts';
import type { Agreement } from './lifecycle.ts';
import type { Terminates } from './termination.ts';

/**
 * Everything the pipeline knows about one kind of YAML file, declared in one module
 * (scripts/kinds/<kind>.ts) and iterated by the stages through the registry: no stage branches
 * on a kind's name. Methods are declared as methods (not function-valued properties) on
 * purpose: TypeScript then lets a module typed for its own documents (`SourceDocument<'hsa'>`)
 * stand in the registry's list of modules for any document.
 */
interface KindModule {
  /** The `dokumenttype` value, the schema's and the template's file name. */
  readonly id: string;
  /** Danish nouns for counts: »1 delingsaftale«, »3 delingsaftaler«. */
  readonly nouns: readonly [one: string, other: string];
  /** schemas/<file>, relative to the repository root. */
  readonly schema: string;
}

/** Reference data (region, opgaver, frister): validated and looked up, never rendered. */
export interface ReferenceKindModule extends KindModule {
  readonly role: 'reference';
}

/**
 * Whom a document concerns: one kommune (an agreement), or a sundhedsråd and so all of its
 * kommuner (a council case). Decides the output folder, the kommune bundles it joins, and how
 * reports group it.
 */
type Scope<D> = { readonly type: 'kommune'; kommune(doc: D): string } | { readonly type: 'sundhedsraad'; sundhedsraad(doc: D): string };

/** A document that decides the operating model of a (kommune, opgave) pair in the status overview. */
interface Governs<D> {
  /** The operating model this kind of document carries. */
  readonly model: OperatingModel;
  /** Column text in the status overview: »Samarbejdsaftale«. */
  readonly noun: string;
  /**
   * How well a document of the kommune serves the opgave: 0 names it, 1 may stand for it (the
   * one delingsaftale of a kommune), undefined not at all. The lowest wins.
   */
  fit(doc: D, opgave: string): 0 | 1 | undefined;
  /**
   * The document exists only where its model is decided for the pair it names (an HSA, an
   * anmodning): daekning/anden-driftsmodel holds it to the decision in force. Not so for the
   * delingsaftale, which also carries the myndighedsansvar of opgaver the kommune keeps operating.
   */
  readonly exclusive?: true;
  /** Its state in one phrase: »Udkast, V20260224«, »meddelt 1. november 2026«. */
  state(doc: D): string;
  /** Whether the document carries the model for the opgave in full (a delingsaftale that transfers the drift); undefined: it does whenever it fits. */
  covers?(doc: D, opgave: string): boolean;
}

/** A command-line option of `npm run new -- <kind>`. */
interface ScaffoldOption {
  readonly name: string;
  /** Placeholder in the help text (»KODE|NAVN«); none for a flag. */
  readonly value?: string;
  readonly required: boolean;
}

export type ScaffoldArgs = Readonly<Record<string, string | boolean | undefined>>;

/** What a kind's scaffold decides; tooling/scaffold.ts turns it into commented YAML. */
interface ScaffoldPlan {
  id: string;
  /** Repository-relative folder of the new file. */
  dir: string;
  /** Values by dotted data path; every other required field is filled from the schema. */
  overrides: Map<string, unknown>;
  /** Optional fields to include anyway (as null or empty). */
  optional: Set<string>;
  /** A comment over a field, by dotted path. */
  notes: Map<string, string>;
  /** Things staff should know about the new file (Danish). */
  messages: string[];
}

/**
 * What a scaffold may use, handed in by the tooling layer, so that a kind module depends on the
 * data model only. Lookups throw the tooling's own errors (a Danish usage message, or a missing
 * frist in the calendar).
 */
export interface ScaffoldContext {
  repo: Repository;
  today: string;
  /** The marker for text staff must write: »Udestår:«. */
  placeholder: string;
  kommune(arg: string): Kommune;
  opgave(arg: string): Opgave;
  sundhedsraad(arg: string): Sundhedsraad;
  frist(id: string): Frist;
  vilkaar(id: string): Vilkaar;
  /** agreements/<sundhedsråd>/<slug>: where a kommune's documents live. */
  kommuneDir(code: string): string;
  /** agreements/<sundhedsråd>: where a council's cases live. */
  sundhedsraadDir(id: string): string;
  /** The operating model each case decides, by (kommune, opgave). */
  decision(kommune: string, opgave: string): { model: OperatingModel; sag: SourceDocument<'sag'> } | undefined;
  /** Every decision a case makes for a kommune. */
  decisionsFor(kommune: string): Array<{ opgave: string; model: OperatingModel; sag: SourceDocument<'sag'> }>;
  modelLabel(model: OperatingModel): string;
  /** The schema's pattern for a top-level field of this kind, and whether the field allows null. */
  schemaPattern(field: string): string | undefined;
  schemaAllowsNull(field: string): boolean;
  /** Refuses the request with a Danish message (exit code 2, as a usage error). */
  refuse(message: string): never;
}

interface Scaffolding {
  /** First line of the new file: »Horisontal samarbejdsaftale«. */
  readonly headline: string;
  readonly options: readonly ScaffoldOption[];
  /** Lines of `npm run new --help` under the kind's name: what it is, an example. */
  readonly help: readonly string[];
  plan(ctx: ScaffoldContext, args: ScaffoldArgs): ScaffoldPlan;
}

/**
 * A kind of document that is rendered to Markdown and sealed PDF. `D` is the module's own
 * document type; the registry hands each module only documents of its kind.
 */
export interface DocumentKindModule<D extends SourceDocument = SourceDocument> extends KindModule {
  readonly role: 'document';
  /** templates/<template>.md.hbs. */
  readonly template: string;
  /** Agreements have numbered clauses; a council case keeps the plain headings of its original. */
  readonly numberedClauses: boolean;
  readonly scope: Scope<D>;
  /**
   * Whether the document goes into the bundles of the kommuner it concerns; undefined: it does.
   * A closed item on a council's agenda (lukket punkt) is rendered for the council, never handed
   * out with a kommune's bundle.
   */
  inBundle?(doc: D): boolean;
  /** The values the template sees. */
  view(repo: Repository, doc: D): object;
  /** Title, title block and PDF metadata. */
  meta(repo: Repository, doc: D): DocumentMeta;
  /** The generated name in bilag lists and on the title page (so names never drift). */
  name(repo: Repository, doc: D): string;
  /** A short name for lists and calendar titles: »Samarbejdsaftale om akutsygepleje«. */
  label(repo: Repository, doc: D): string;
  /** What a group of such documents is called in messages: »samarbejdsaftalerne om akutsygepleje«. */
  groupName(repo: Repository, doc: D): string;
  /**
   * Other documents its rendering reads besides its own file, the reference data and its
   * template: for a case, the documents its bilag point at. Part of what decides whether a
   * cached output is still valid (see inputsOf), so a view that starts reading another
   * document must say so here — a test renders every kind with a recording repository.
   */
  reads(repo: Repository, doc: D): SourceDocument[];
  /** Where it names kommuner, and opgaver: what ref/ukendt-kommune and ref/ukendt-opgave check. */
  kommuneMentions(doc: D): Mention[];
  opgaveMentions(doc: D): Mention[];
  /** DokIDs of external documents it attaches (a case's external bilag); its own `dokid` is read by field. */
  externalDokids?(doc: D): Array<Mention & { titel: string }>;
  /** Its deadlines, every date and source from the data. */
  deadlines(repo: Repository, doc: D): DocumentDeadline[];
  readonly governs?: Governs<D>;
  /** An agreement both parties approve and sign: its approvals, signatures and signed text. */
  readonly agreement?: Agreement<D>;
  /** An agreement either party can terminate (opsigelse): the recorded termination and its end date. */
  readonly terminates?: Terminates<D>;
  readonly scaffold?: Scaffolding;
  /**
   * The clauses of its text in order, by heading (before numbering), each with the data fields
   * it shows: what a tillæg names when it changes a field, and where it may add a clause. A kind
   * without clauses cannot be amended by a tillæg.
   */
  readonly clauses?: readonly Clause[];
  /**
   * A kind whose documents are made from other documents' data and never read from a file (the
   * consolidated text of an amended agreement): its documents in this repository, the same
   * objects on every call. No file may name it as its dokumenttype.
   */
  derive?(repo: Repository): D[];
  /**
   * Data not yet stated that the template renders as a drafting note (»Udestår: <what>«): a null
   * list, an absent clause. tekst/udestaar holds an approved document to having none.
   */
  pending?(doc: D): Array<{ path: DataPath; what: string }>;
  /** Changes to its rendered clauses after templating: notes on headings, clauses inserted. */
  revisions?(repo: Repository, doc: D): ClauseRevisions;
}

/** A clause of an agreement's text and the data fields it shows (top-level keys or dotted paths). */
export interface Clause {
  readonly heading: string;
  readonly fields: readonly string[];
  /** What a tillæg calls a field it changes, in a Danish sentence (»årligt beløb«), by dotted path; the heading stands for the whole clause. */
  readonly labels?: Readonly<Record<string, string>>;
  /** The closing clauses (ikrafttræden, signatures): a clause added without a place goes before the first of them. */
  readonly closing?: true;
}

/** What a consolidated text changes in the clauses its template rendered. */
export interface ClauseRevisions {
  /** A note appended to the heading of the clause headed `heading`: »(ændret ved tillæg 1)«. */
  notes: ReadonlyArray<{ heading: string; note: string }>;
  /** Clauses inserted after the clause headed `after`, in order; Markdown `text`. */
  added: ReadonlyArray<{ after: string; title: string; note: string; text: string }>;
}

/** A value in a document that names something else (a kommune, an opgave, a DokID), and where it sits. */
interface Mention {
  path: DataPath;
  value: string;
}

export type AnyKindModule = DocumentKindModule | ReferenceKindModule;

/** Declares a document kind with its own document type (`SourceDocument<'hsa'>`). */
export function defineDocumentKind<K extends DocumentKind>(
  module: Omit<DocumentKindModule<SourceDocument<K>>, 'role'> & { id: K },
): DocumentKindModule<SourceDocument<K>> {
  return { ...module, role: 'document' };
}

export function defineReferenceKind(module: Omit<ReferenceKindModule, 'role'> & { id: Exclude<Kind, DocumentKind> }): ReferenceKindModule {
  return { ...module, role: 'reference' };
}
