import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkRepository, type CheckResult } from '../check/check-repository.ts';
import { hasErrors } from '../diagnostics/diagnostic.ts';
import { bundleFolder, bundleManifest, combinedPdf, type BundleManifest, type BundleMember } from '../emit/bundle.ts';
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
  /** Refuse to seal with the development certificate (for publishing builds). */
  requireCertificate?: boolean;
  onProgress?: (done: number, total: number, id: string) => void;
}

export type BuildResult =
  | { ok: false; reason: 'check'; check: CheckResult }
  | { ok: false; reason: 'no-match'; only: string }
  | { ok: true; check: CheckResult; entries: ManifestEntry[]; documents: number };

export const MANIFEST = 'manifest.json';

/** A build stopped for a reason staff can act on (not a bug): reported as one Danish line. */
export class BuildError extends Error {}

const documentsOf = (repo: Repository) => repo.documents.filter((d): d is SourceDocument<DocumentKind> => isDocumentKind(d.kind));

/** The kommuner a document concerns: its own, or for a case all of its sundhedsråd's. */
function kommunerOf(repo: Repository, doc: SourceDocument<DocumentKind>): string[] {
  if (doc.kind === 'sag') return [...(repo.sundhedsraad((doc as SourceDocument<'sag'>).data.sundhedsraad)?.kommuner ?? [])];
  return [(doc.data as { kommune: string }).kommune];
}

/** Does `--only` select this document? An id, or a kommune's documents and its råd's cases. */
function selected(repo: Repository, doc: SourceDocument<DocumentKind>, only: string | undefined): boolean {
  return only === undefined || doc.data.id === only || kommunerOf(repo, doc).includes(only);
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

interface Output {
  rendered: RenderedDocument;
  base: string;
  pdf: Buffer;
  pages: number | null;
}

/**
 * check → render → emit → sign, into a staging folder swapped in at the end. Nothing is
 * written when the check finds errors; out/ is never left half-written.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const check = await checkRepository(options.root, { today: options.today });
  if (hasErrors(check.diagnostics)) return { ok: false, reason: 'check', check };
  const { repo } = check;
  const all = documentsOf(repo);
  const documents = all.filter((d) => selected(repo, d, options.only));
  if (documents.length === 0) return { ok: false, reason: 'no-match', only: options.only ?? '' };

  // Templates and keys are loaded before anything is written: their errors stop the build early.
  const templates = loadTemplates(options.root);
  const identity = await loadSigningIdentity({ root: options.root, env: options.env });
  if (options.requireCertificate && identity.development) {
    throw new BuildError('der er ikke angivet et rigtigt certifikat (AFTALER_SIGN_P12 eller AFTALER_SIGN_P12_BASE64), og --require-certificate forbyder testcertifikatet');
  }
  const seal: Seal = { identity, time: buildTime(options.root, options.env), reason: 'Forseglet af Region Østdanmark', location: 'Region Østdanmark' };
  const author = repo.ofKind('region')[0]?.data.navn ?? 'Region Østdanmark';
  const signer = { signer: identity.subjectCN, developmentSigned: identity.development };

  const out = new OutputDir(path.resolve(options.root, options.out));
  out.open({ keepExisting: options.only !== undefined });
  try {
    const entries: ManifestEntry[] = [];
    const write = (relative: string, bytes: Buffer | string) => {
      mkdirSync(path.dirname(out.path(relative)), { recursive: true });
      writeFileSync(out.path(relative), bytes);
    };
    const outputs = new Map<string, Output>();
    const previousEntries = new Map(readManifest(out.path(MANIFEST)).map((e) => [e.path, e]));

    /** Renders one document to Markdown and sealed PDF, and records both in the manifest. */
    const emit = async (doc: SourceDocument<DocumentKind>, rendered = renderDocument(repo, templates, doc)): Promise<Output> => {
      const { meta } = rendered;
      const base = outputBase(repo, doc);
      const common = { kind: doc.kind, id: doc.data.id, kommuner: meta.kommuner, opgave: meta.opgave, version: meta.version, status: meta.status, sources: sourcesOf(repo, rendered) };
      write(`${base}.md`, rendered.markdown);
      entries.push({ path: `${base}.md`, ...common, sha256: sha256(rendered.markdown), bytes: Buffer.byteLength(rendered.markdown), pages: null });
      const toc = rendered.body.children.filter((n) => n.type === 'heading' && n.depth === 2).length >= 6;
      const pdf = await writePdf(rendered.body, { ...meta, toc, author, date: new Date(`${meta.date}T00:00:00Z`) }, seal);
      write(`${base}.pdf`, pdf.bytes);
      entries.push({ path: `${base}.pdf`, ...common, sha256: sha256(pdf.bytes), bytes: pdf.bytes.length, pages: pdf.pages, ...signer });
      const output = { rendered, base, pdf: pdf.bytes, pages: pdf.pages };
      outputs.set(doc.data.id, output);
      return output;
    };

    const kommuner = [...new Set(documents.flatMap((d) => kommunerOf(repo, d)))].filter((k) => repo.kommune(k)).sort();
    const total = documents.length + kommuner.length;
    for (const [i, doc] of documents.entries()) {
      options.onProgress?.(i, total, doc.data.id);
      await emit(doc);
    }

    // Per-kommune bundles: the kommune's sealed PDFs, a combined PDF, and a bundle manifest.
    for (const [i, code] of kommuner.entries()) {
      options.onProgress?.(documents.length + i, total, bundleFolder(repo, code));
      const members: BundleMember[] = [];
      for (const doc of all.filter((d) => kommunerOf(repo, d).includes(code))) {
        // With --only, documents not rendered in this run keep their sealed PDF from the last build.
        let output = outputs.get(doc.data.id);
        const previous = out.path(`${outputBase(repo, doc)}.pdf`);
        if (!output && existsSync(previous)) {
          const base = outputBase(repo, doc);
          output = { rendered: renderDocument(repo, templates, doc), base, pdf: readFileSync(previous), pages: previousEntries.get(`${base}.pdf`)?.pages ?? null };
        }
        output ??= await emit(doc);
        members.push({ rendered: output.rendered, pdf: output.pdf, pages: output.pages, file: `${path.posix.basename(output.base)}.pdf` });
      }
      const folder = bundleFolder(repo, code);
      const files: BundleManifest['files'] = [];
      for (const m of members) {
        write(`${folder}/${m.file}`, m.pdf);
        const meta = m.rendered.meta;
        files.push({ file: m.file, sha256: sha256(m.pdf), document: m.rendered.doc.data.id, kind: m.rendered.doc.kind, version: meta.version, signer: identity.subjectCN });
        entries.push({ path: `${folder}/${m.file}`, kind: m.rendered.doc.kind, id: m.rendered.doc.data.id, kommuner: meta.kommuner, opgave: meta.opgave, version: meta.version, status: meta.status, sources: sourcesOf(repo, m.rendered), sha256: sha256(m.pdf), bytes: m.pdf.length, pages: m.pages, ...signer });
      }
      const latest = members.map((m) => m.rendered.meta.date).sort().at(-1)!;
      const combined = await combinedPdf(repo, code, members, { author, date: new Date(`${latest}T00:00:00Z`) }, seal);
      const combinedFile = `${path.posix.basename(folder)}-samlet.pdf`;
      write(`${folder}/${combinedFile}`, combined.bytes);
      files.push({ file: combinedFile, sha256: sha256(combined.bytes), document: `samlet-${code}`, kind: 'samlet', version: null, signer: identity.subjectCN });
      const sources = [...new Set(members.flatMap((m) => sourcesOf(repo, m.rendered)))].sort();
      entries.push({ path: `${folder}/${combinedFile}`, kind: 'samlet', id: `samlet-${code}`, kommuner: [code], opgave: null, version: null, status: null, sources, sha256: sha256(combined.bytes), bytes: combined.bytes.length, pages: combined.pages, ...signer });
      const manifestText = bundleManifest(repo, code, files);
      write(`${folder}/${MANIFEST}`, manifestText);
      entries.push({ path: `${folder}/${MANIFEST}`, kind: 'bundle-manifest', id: `manifest-${code}`, kommuner: [code], opgave: null, version: null, status: null, sources, sha256: sha256(manifestText), bytes: Buffer.byteLength(manifestText), pages: null });
    }
    options.onProgress?.(total, total, '');

    const written = new Set(entries.map((e) => e.path));
    const kept = options.only === undefined ? [] : [...previousEntries.values()].filter((e) => !written.has(e.path));
    const manifest = [...kept, ...entries];
    write(MANIFEST, serializeManifest(manifest));
    out.commit();
    return { ok: true, check, entries: manifest, documents: documents.length };
  } finally {
    out.close();
  }
}

