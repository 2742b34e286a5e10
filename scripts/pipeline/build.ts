import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { checkRepository, type CheckResult } from '../check/check-repository.ts';
import { hasErrors } from '../diagnostics/diagnostic.ts';
import { outputBase } from '../emit/layout.ts';
import { serializeManifest, sha256, type Manifest, type ManifestEntry } from '../emit/manifest.ts';
import { OutputDir } from '../emit/output-dir.ts';
import { writePdf, type Seal } from '../emit/pdf-file.ts';
import { isDocumentKind, type DocumentKind } from '../model/kinds.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { renderDocument, type RenderedDocument } from '../render/render-document.ts';
import { loadTemplates } from '../render/templates.ts';
import { loadSigningIdentity } from '../sign/keys.ts';
import { buildTime } from './signing-time.ts';

export interface BuildOptions {
  root: string;
  /** Output folder (absolute or relative to root). */
  out: string;
  /** Only documents with this id, or of this kommune (kode); the rest of out/ is kept. */
  only?: string;
  today: string;
  env: NodeJS.ProcessEnv;
  onProgress?: (done: number, total: number, id: string) => void;
}

export type BuildResult =
  | { ok: false; reason: 'check'; check: CheckResult }
  | { ok: false; reason: 'no-match'; only: string }
  | { ok: true; check: CheckResult; entries: ManifestEntry[]; documents: number };

export const MANIFEST = 'manifest.json';

/** Does `--only` select this document? An id, or a kommune's documents and its råd's cases. */
function selected(repo: Repository, doc: SourceDocument<DocumentKind>, only: string | undefined): boolean {
  if (only === undefined || doc.data.id === only) return true;
  if (doc.kind === 'sag') return repo.sundhedsraad((doc as SourceDocument<'sag'>).data.sundhedsraad)?.kommuner.includes(only) ?? false;
  return (doc.data as { kommune?: string }).kommune === only;
}

/** Data files an output depends on: its own, the reference data, and a case's bilag documents. */
function sourcesOf(repo: Repository, rendered: RenderedDocument): string[] {
  const files = new Set<string>([rendered.doc.file, ...repo.ofKind('region').map((d) => d.file), ...repo.ofKind('opgaver').map((d) => d.file), ...repo.ofKind('frister').map((d) => d.file)]);
  if (rendered.doc.kind === 'sag') {
    for (const b of (rendered.doc as SourceDocument<'sag'>).data.bilag) {
      const target = b.dokument ? repo.byId(b.dokument) : undefined;
      if (target) files.add(target.file);
    }
  }
  return [...[...files].sort(), ...rendered.templates];
}

function readManifest(file: string): ManifestEntry[] {
  if (!existsSync(file)) return [];
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as Manifest).files ?? [];
  } catch {
    return []; // a damaged manifest is rebuilt from what this build writes
  }
}

/**
 * check → render → emit → sign, into a staging folder swapped in at the end. Nothing is
 * written when the check finds errors; out/ is never left half-written.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const check = await checkRepository(options.root, { today: options.today });
  if (hasErrors(check.diagnostics)) return { ok: false, reason: 'check', check };
  const { repo } = check;
  const documents = repo.documents.filter((d): d is SourceDocument<DocumentKind> => isDocumentKind(d.kind)).filter((d) => selected(repo, d, options.only));
  if (documents.length === 0) return { ok: false, reason: 'no-match', only: options.only ?? '' };

  // Templates and keys are loaded before anything is written: their errors stop the build early.
  const templates = loadTemplates(options.root);
  const identity = await loadSigningIdentity({ root: options.root, env: options.env });
  const seal: Seal = { identity, time: buildTime(options.root, options.env), reason: 'Forseglet af Region Østdanmark', location: 'Region Østdanmark' };
  const author = repo.ofKind('region')[0]?.data.navn ?? 'Region Østdanmark';

  const out = new OutputDir(path.resolve(options.root, options.out));
  out.open({ keepExisting: options.only !== undefined });
  try {
    const entries: ManifestEntry[] = [];
    const write = (relative: string, bytes: Buffer | string) => {
      mkdirSync(path.dirname(out.path(relative)), { recursive: true });
      writeFileSync(out.path(relative), bytes);
    };
    for (const [i, doc] of documents.entries()) {
      options.onProgress?.(i, documents.length, doc.data.id);
      const rendered = renderDocument(repo, templates, doc);
      const { meta } = rendered;
      const base = outputBase(repo, doc);
      const common = { kind: doc.kind, id: doc.data.id, kommuner: meta.kommuner, opgave: meta.opgave, version: meta.version, status: meta.status, sources: sourcesOf(repo, rendered) };
      write(`${base}.md`, rendered.markdown);
      entries.push({ path: `${base}.md`, ...common, sha256: sha256(rendered.markdown), bytes: Buffer.byteLength(rendered.markdown), pages: null });
      const toc = rendered.body.children.filter((n) => n.type === 'heading' && n.depth === 2).length >= 6;
      const pdf = await writePdf(rendered.body, { ...meta, toc, author, date: new Date(`${meta.date}T00:00:00Z`) }, seal);
      write(`${base}.pdf`, pdf.bytes);
      entries.push({ path: `${base}.pdf`, ...common, sha256: sha256(pdf.bytes), bytes: pdf.bytes.length, pages: pdf.pages, signer: identity.subjectCN, developmentSigned: identity.development });
    }
    options.onProgress?.(documents.length, documents.length, '');

    const rendered = new Set(documents.map((d) => d.data.id));
    const kept = options.only === undefined ? [] : readManifest(out.path(MANIFEST)).filter((e) => !rendered.has(e.id));
    const all = [...kept, ...entries];
    write(MANIFEST, serializeManifest(all));
    out.commit();
    return { ok: true, check, entries: all, documents: documents.length };
  } finally {
    out.close();
  }
}
