import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cacheKey, codeCacheDir, readStringRecord, sha256, writeCacheFile } from '../basics/cache-file.ts';
import type { MarkdownOf } from '../check/rule.ts';
import type { DocumentKind } from '../model/kinds.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { inputsOf } from '../render/inputs.ts';
import { markdownRenderer } from '../render/markdown-of.ts';
import { TemplateError } from '../render/template-error.ts';
import { loadTemplates, type TemplateSet } from '../render/templates.ts';
import { codeFingerprint, contentKey } from './cache.ts';

/** Bumped when the layout of the store or the meaning of its entries changes. */
const CACHE_FORMAT = 1;

type Rendered = ReturnType<MarkdownOf>;

/**
 * The renderer `check` hands to underskrift/laast-tekst, with a memory of what each signed
 * agreement rendered to. Every check holds every signed agreement against its `laast`
 * fingerprint, and rendering one costs about 12 ms of CPU (80 ms for the first), so 41 signed
 * HSAs of the 46-kommune dataset added half a second to every check, build and watch save. The
 * Markdown depends only on the document's inputs (its file, the reference data, its template and
 * partials, the documents it reads: render/inputs.ts, as the build cache keys them), the
 * pipeline's code and installed packages, and Node's ICU (dates and amounts are formatted with
 * Intl). Under that key the Markdown is stored; a signed agreement whose inputs did not change is
 * not rendered again.
 *
 * One store per data root, in this checkout's cache folder (never inside a checkout, every entry
 * under this machine's HMAC: basics/cache-file.ts), holding the entries the last check used. It
 * is written once the check's rules have run (rules run synchronously: the write is queued with
 * setImmediate, and a process that exits first just saves nothing). Template errors are never
 * stored: they are reported as the uncached renderer reports them.
 */
export function signedTextRenderer(root: string, options: { render?: (repo: Repository) => MarkdownOf; dir?: string } = {}): (repo: Repository) => MarkdownOf {
  let templates: TemplateSet | null | undefined;
  const loaded = (): TemplateSet | null => {
    if (templates !== undefined) return templates;
    try {
      templates = loadTemplates(root);
    } catch (error) {
      // The renderer reports a template it cannot load; without templates there is no key.
      if (error instanceof TemplateError || (error instanceof Error && 'code' in error && error.code === 'ENOENT')) templates = null;
      else throw error;
    }
    return templates;
  };
  const render = options.render ?? markdownRenderer(root, () => loaded() ?? loadTemplates(root));
  return (repo) => {
    const uncached = render(repo);
    const store = SignedTextStore.open(root, options.dir);
    if (!store) return uncached;
    return (doc: SourceDocument<DocumentKind>): Rendered => {
      const set = loaded();
      if (!set) return uncached(doc);
      let key: string;
      try {
        // The document's own id and kind are part of the key: documents can share every input file
        // (the agreements one case attaches read each other for their bilag numbers).
        key = contentKey(root, cacheKey([store.codeKey, doc.kind, doc.data.id]), inputsOf(repo, set, doc), (file) => readFileSync(file));
      } catch {
        return uncached(doc); // an input gone meanwhile: render, and let the renderer say what is wrong
      }
      const stored = store.get(key);
      if (stored !== undefined) return { markdown: stored };
      const result = uncached(doc);
      if ('markdown' in result) store.put(key, result.markdown);
      return result;
    };
  };
}

class SignedTextStore {
  readonly #file: string;
  readonly #stored: Record<string, string>;
  readonly #used = new Map<string, string>();
  #queued = false;

  /** What every entry's key starts from: the code, packages and ICU the Markdown was made with. */
  readonly codeKey: string;

  private constructor(file: string, codeKey: string, stored: Record<string, string>) {
    this.#file = file;
    this.codeKey = codeKey;
    this.#stored = stored;
  }

  static open(root: string, dir: string | undefined): SignedTextStore | undefined {
    const base = dir ?? codeCacheDir(root);
    if (base === undefined) return undefined;
    const file = path.join(base, 'signed-text', `${sha256(path.resolve(root)).slice(0, 16)}.json`);
    const codeKey = cacheKey([`signed-text ${CACHE_FORMAT}`, codeFingerprint(), process.version, process.versions.icu ?? '']);
    return new SignedTextStore(file, codeKey, readStringRecord(file, codeKey));
  }

  get(key: string): string | undefined {
    const markdown = Object.hasOwn(this.#stored, key) ? this.#stored[key] : undefined;
    if (markdown !== undefined) this.#touch(key, markdown);
    return markdown;
  }

  put(key: string, markdown: string): void {
    this.#touch(key, markdown);
  }

  #touch(key: string, markdown: string): void {
    this.#used.set(key, markdown);
    if (this.#queued) return;
    this.#queued = true;
    setImmediate(() => this.#save());
  }

  /**
   * Writes the entries this check used and, up to as many again, those it read but did not use:
   * one generation back, so undoing a template change (or switching back to a branch) finds its
   * texts, while the store stays about the size of the signed agreements. Nothing is written
   * when every entry read was used and nothing was added.
   */
  #save(): void {
    const stored = Object.keys(this.#stored);
    if (stored.length === this.#used.size && stored.every((k) => this.#used.get(k) === this.#stored[k])) return;
    const older = stored.filter((k) => !this.#used.has(k)).slice(0, this.#used.size);
    const entries = [...this.#used, ...older.map((k) => [k, this.#stored[k]!] as const)];
    writeCacheFile(this.#file, this.codeKey, JSON.stringify(Object.fromEntries(entries)));
  }
}
