import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { AnyKindModule, DocumentKindModule, ReferenceKindModule } from './kind.ts';

/**
 * The kinds the pipeline knows, by `dokumenttype`. Filled by scripts/kinds/index.ts with the
 * shipped kinds; a kind module that needs another kind's answer (a case names the documents
 * it attaches) asks here at call time, so the modules need not import each other.
 *
 * Kinds are code, never data: nothing under agreements/, templates/ or schemas/ can add one.
 * A kind registered at run time (a test's toy kind) is known to this thread only; rendering
 * worker threads load the shipped list.
 */
class KindRegistry {
  readonly #kinds = new Map<string, AnyKindModule>();

  register(kind: AnyKindModule): void {
    if (this.#kinds.has(kind.id)) throw new Error(`dokumenttypen »${kind.id}« er registreret to gange`);
    this.#kinds.set(kind.id, kind);
  }

  /** Removes a kind registered at run time (tests). */
  unregister(id: string): void {
    this.#kinds.delete(id);
  }

  /** Every kind: reference data first, then documents, in registration order. */
  all(): AnyKindModule[] {
    return [...this.reference(), ...this.documents()];
  }

  reference(): ReferenceKindModule[] {
    return [...this.#kinds.values()].filter((k): k is ReferenceKindModule => k.role === 'reference');
  }

  documents(): DocumentKindModule[] {
    return [...this.#kinds.values()].filter((k): k is DocumentKindModule => k.role === 'document');
  }

  has(id: string): boolean {
    return this.#kinds.has(id);
  }

  /** Whether files may declare this kind: every kind but those made from other documents' data. */
  isFileKind(id: string): boolean {
    const kind = this.#kinds.get(id);
    return kind !== undefined && !(kind.role === 'document' && kind.derive);
  }

  isDocument(id: string): boolean {
    return this.#kinds.get(id)?.role === 'document';
  }

  /** A document's generated name; reference data (which a bilag may point at by mistake) goes by its id. */
  nameOf(repo: Repository, doc: SourceDocument): string {
    return this.isDocument(doc.kind) ? this.of(doc).name(repo, doc) : doc.data.id;
  }

  /** The module of a rendered document's kind; a reference kind or an unknown one is a bug. */
  of(doc: SourceDocument): DocumentKindModule {
    const kind = this.#kinds.get(doc.kind);
    if (kind?.role !== 'document') throw new Error(`${doc.kind} er ikke en dokumenttype, der dannes`);
    return kind;
  }
}

export const registry = new KindRegistry();
