import type { DocumentKind, Kind } from './kinds.ts';
import type { SourceDocument } from './source-document.ts';
import type { Frist, Kommune, Opgave, Sundhedsraad, Vilkaar } from './types.ts';

/**
 * Indexes over the schema-valid documents: what the rules and the renderer look things up in.
 * Built once per run; the first document with a given id wins, duplicates are a rule's business.
 */
export class Repository {
  readonly documents: readonly SourceDocument[];
  readonly #byId = new Map<string, SourceDocument>();
  readonly #kommuner = new Map<string, Kommune>();
  readonly #opgaver = new Map<string, Opgave>();
  readonly #sundhedsraad = new Map<string, Sundhedsraad>();
  readonly #frister = new Map<string, Frist>();
  readonly #vilkaar = new Map<string, Vilkaar>();

  readonly #brokenIds: ReadonlySet<string>;

  /** `brokenIds`: documents that exist but failed to load; their own errors are reported. */
  constructor(documents: readonly SourceDocument[], brokenIds: ReadonlySet<string> = new Set()) {
    this.documents = documents;
    this.#brokenIds = brokenIds;
    for (const doc of documents) if (!this.#byId.has(doc.data.id)) this.#byId.set(doc.data.id, doc);
    for (const r of this.ofKind('region')) {
      for (const k of r.data.kommuner) if (!this.#kommuner.has(k.kode)) this.#kommuner.set(k.kode, k);
      for (const s of r.data.sundhedsraad) if (!this.#sundhedsraad.has(s.id)) this.#sundhedsraad.set(s.id, s);
    }
    for (const o of this.ofKind('opgaver')) for (const x of o.data.opgaver) if (!this.#opgaver.has(x.id)) this.#opgaver.set(x.id, x);
    for (const f of this.ofKind('frister')) {
      for (const x of f.data.frister) if (!this.#frister.has(x.id)) this.#frister.set(x.id, x);
      for (const x of f.data.vilkaar) if (!this.#vilkaar.has(x.id)) this.#vilkaar.set(x.id, x);
    }
  }

  ofKind<K extends Kind>(kind: K): SourceDocument<K>[] {
    return this.documents.filter((d): d is SourceDocument<K> => d.kind === kind);
  }

  byId(id: string): SourceDocument | undefined {
    return this.#byId.get(id);
  }

  /** True when a document with this id exists but has errors of its own. */
  isBroken(id: string): boolean {
    return this.#brokenIds.has(id);
  }

  kommune(code: string): Kommune | undefined {
    return this.#kommuner.get(code);
  }

  get kommuner(): Kommune[] {
    return [...this.#kommuner.values()];
  }

  opgave(id: string): Opgave | undefined {
    return this.#opgaver.get(id);
  }

  get opgaver(): Opgave[] {
    return [...this.#opgaver.values()];
  }

  sundhedsraad(id: string): Sundhedsraad | undefined {
    return this.#sundhedsraad.get(id);
  }

  get sundhedsraadList(): Sundhedsraad[] {
    return [...this.#sundhedsraad.values()];
  }

  frist(id: string): Frist | undefined {
    return this.#frister.get(id);
  }

  vilkaar(id: string): Vilkaar | undefined {
    return this.#vilkaar.get(id);
  }

  /** The sundhedsråd a kommune belongs to, if a source confirms it. */
  sundhedsraadOf(code: string): Sundhedsraad | undefined {
    return this.sundhedsraadList.find((s) => s.kommuner.includes(code));
  }

  documentsOfKinds(kinds: readonly DocumentKind[]): SourceDocument<DocumentKind>[] {
    return this.documents.filter((d): d is SourceDocument<DocumentKind> => (kinds as readonly string[]).includes(d.kind));
  }
}
