import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkRepository, type CheckResult } from '../check/check-repository.ts';
import { hasErrors } from '../diagnostics/diagnostic.ts';
import { bundleFolder, bundleManifest, type BundleManifest } from '../emit/bundle.ts';
import type { CombinedJob } from '../emit/combined.ts';
import { outputBase } from '../emit/layout.ts';
import { serializeManifest, sha256, type Manifest, type ManifestEntry } from '../emit/manifest.ts';
import { OutputDir, recoverOutput } from '../emit/output-dir.ts';
import type { DocumentKind } from '../model/kinds.ts';
import { councilOf, documentMeta, documentName, kommunerOf, renderedDocuments } from '../kinds/index.ts';
import { inputsOf } from '../render/inputs.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { loadTemplates } from '../render/templates.ts';
import { certificateDer } from '../sign/certificates.ts';
import { ENV_P12_BASE64, ENV_P12_PATH, ENV_PASSPHRASE, loadSigningIdentity } from '../sign/keys.ts';
import { cacheFile, contentKey, emptyCache, fileHolds, inputStamp, pipelineFingerprint, readCache, stampFiles, writeCache, type CacheIndex, type CachedOutputs } from './cache.ts';
import type { RenderPool, WorkerInit } from './pool.ts';
import { createRenderer, startWorkersEarly } from './renderer.ts';
import { renderContext } from './context.ts';
import type { DocumentOutput } from './render-output.ts';
import { inShard, type Shard } from './shard.ts';
import { buildTime } from './seal-time.ts';
import { fristerFiles } from '../emit/frister-calendar.ts';

export interface BuildOptions {
  root: string;
  /** Output folder (absolute or relative to root). */
  out: string;
  /** Only documents with this id, or of this kommune (kode); the rest of out/ is kept. */
  only?: string;
  /** Only this shard's documents and bundles (for a CI matrix; merge the shards afterwards). */
  shard?: Shard;
  today: string;
  strict?: boolean;
  env: NodeJS.ProcessEnv;
  /** Refuse to seal with the development certificate (for publishing builds). */
  requireCertificate?: boolean;
  /** Ignore the cache and render everything selected. */
  force?: boolean;
  /** Rendering threads (default: the machine's cores). */
  jobs?: number;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface BuildStats {
  /** Documents selected (all, or by --only/--shard). */
  documents: number;
  /** Ids of the documents rendered in this run, sorted. */
  rendered: string[];
  /** Documents whose outputs were reused from the last build. */
  reused: number;
  bundles: { total: number; rebuilt: number };
  /** False when nothing had to be written: out/ was already up to date. */
  changed: boolean;
}

export type BuildResult =
  | { ok: false; reason: 'check'; check: CheckResult }
  | { ok: false; reason: 'no-match'; only: string }
  | ({ ok: true; check: CheckResult; entries: ManifestEntry[] } & BuildStats);

export const MANIFEST = 'manifest.json';

/** A build stopped for a reason staff can act on (not a bug): reported as one Danish line. */
export class BuildError extends Error {}

function readManifest(file: string): ManifestEntry[] {
  if (!existsSync(file)) return [];
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as Manifest).files ?? [];
  } catch {
    return []; // a damaged manifest is rebuilt from what this build writes
  }
}

/** A hard link where the file system allows one (same device, links supported), else a copy. */
function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** Only what signing needs crosses into worker threads. */
function signingEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries([ENV_P12_PATH, ENV_P12_BASE64, ENV_PASSPHRASE].filter((k) => env[k] !== undefined).map((k) => [k, env[k]]));
}

/**
 * check → render → emit → sign. Outputs whose inputs are unchanged since the last build (by
 * content hash) are reused; the rest is rendered, in worker threads when there is enough of
 * it. Everything goes into a staging folder swapped in at the end; nothing is written when
 * the check finds errors, and nothing at all when out/ is already up to date.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const outDir = path.resolve(options.root, options.out);
  // A build killed mid-swap parked the previous output: put it back before reading what can be
  // reused from it (its manifest), so this build neither renders everything again nor, with
  // --only, writes a manifest of its own files alone.
  recoverOutput(outDir);
  const cachePath = cacheFile(options.root, outDir);
  const cache = options.force ? emptyCache() : readCache(cachePath);
  const inputs = inputStamp(options.root);
  let sealTime: Date | undefined;
  try {
    sealTime = buildTime(options.root, options.env);
  } catch {
    // A bad SOURCE_DATE_EPOCH: reported after the check, in its turn (checkAndBuild asks again).
  }
  // Inputs changed since the last build, so it will most likely render: let workers load while
  // this thread checks.
  const early = sealTime && cache.inputs !== inputs ? startWorkersEarly(workerInit(options, sealTime), options.jobs) : undefined;
  try {
    return await checkAndBuild(options, { outDir, cachePath, cache, inputs, sealTime, early });
  } finally {
    await early?.close();
  }
}

function workerInit(options: BuildOptions, sealTime: Date): WorkerInit {
  return { root: options.root, env: signingEnv(options.env), sealTime: sealTime.getTime() };
}

interface Prepared {
  outDir: string;
  cachePath: string | undefined;
  cache: CacheIndex;
  /** inputStamp() at the start of this build, recorded in the cache it writes. */
  inputs: string;
  /** The seal time, unless working it out failed (then it is asked for again, to report why). */
  sealTime: Date | undefined;
  /** Workers started before the check, if any; handed to the renderer. */
  early: RenderPool | undefined;
}

async function checkAndBuild(options: BuildOptions, { outDir, cachePath, cache, inputs, sealTime: knownTime, early }: Prepared): Promise<BuildResult> {
  const { root } = options;
  const check = await checkRepository(root, { today: options.today, strict: options.strict });
  if (hasErrors(check.diagnostics)) return { ok: false, reason: 'check', check };
  const { repo } = check;
  const all = renderedDocuments(repo);
  const selected = all.filter((d) => (options.only === undefined || d.data.id === options.only || kommunerOf(repo, d).includes(options.only)) && inShard(options.shard, d.data.id));
  const codes = [...new Set(selected.flatMap((d) => kommunerOf(repo, d)))];
  const bundleCodes = (options.shard ? [...new Set(all.flatMap((d) => kommunerOf(repo, d)))] : codes).filter((c) => repo.kommune(c) && inShard(options.shard, `kommune:${c}`)).sort();
  if (options.only !== undefined && selected.length === 0) return { ok: false, reason: 'no-match', only: options.only };

  // Templates and keys are loaded before anything is written: their errors stop the build early.
  const templates = loadTemplates(root);
  const identity = await loadSigningIdentity({ root, env: options.env });
  if (options.requireCertificate && identity.development) {
    throw new BuildError('der er ikke angivet et rigtigt certifikat (AFTALER_SIGN_P12 eller AFTALER_SIGN_P12_BASE64), og --require-certificate forbyder testcertifikatet');
  }
  const sealTime = knownTime ?? buildTime(root, options.env);
  const ctx = renderContext(root, repo, templates, identity, sealTime);
  const signer = { signer: identity.subjectCN, developmentSigned: identity.development };

  // Content keys: the fingerprint of code, schemas, fonts and seal, plus every input file.
  const fingerprint = pipelineFingerprint(root, { certificate: certificateDer(identity.certificate), time: sealTime, development: identity.development });
  const bytes = new Map<string, Buffer>();
  const read = (file: string) => bytes.get(file) ?? (bytes.set(file, readFileSync(file)), bytes.get(file)!);
  const keyOf = new Map(all.map((doc) => [doc.data.id, contentKey(root, fingerprint, inputsOf(repo, templates, doc), read)]));
  const membersOf = (code: string) => all.filter((d) => kommunerOf(repo, d).includes(code));

  // Outputs are checked on disk each time (by stat stamp, else by hash), not kept in memory.
  const present = (entries: readonly ManifestEntry[]) => entries.every((e) => fileHolds(path.join(outDir, e.path), e.sha256, cache.files[e.path]));
  const reusable = (cached: CachedOutputs | undefined, key: string): cached is CachedOutputs => cached?.key === key && present(cached.entries);
  const toRender = selected.filter((d) => !reusable(cache.documents[d.data.id], keyOf.get(d.data.id)!));
  const cachedPdfHash = (id: string) => {
    const cached = cache.documents[id];
    return cached && cached.key === keyOf.get(id) ? cached.entries.find((e) => e.path.endsWith('.pdf'))?.sha256 : undefined;
  };
  /**
   * A bundle is made of its members' PDFs, so it is keyed by their hashes: a member re-rendered
   * to the same bytes (say the case, when one of its HSAs changed an amount) changes no bundle.
   * A member not yet known by its output falls back to its input key.
   */
  const bundleKey = (code: string, pdfHash: (id: string) => string | undefined) =>
    sha256(`${fingerprint}\n${membersOf(code).map((d) => `${d.data.id} ${pdfHash(d.data.id) ?? `input:${keyOf.get(d.data.id)}`}`).join('\n')}`);
  const toRenderIds = new Set(toRender.map((d) => d.data.id));
  // Before rendering, a bundle can only be trusted if none of its members is being re-rendered.
  let toBundle = bundleCodes.filter((c) => membersOf(c).some((d) => toRenderIds.has(d.data.id)) || !reusable(cache.bundles[c], bundleKey(c, cachedPdfHash)));
  const stats = (changed: boolean): BuildStats => ({
    documents: selected.length,
    rendered: toRender.map((d) => d.data.id).sort(),
    reused: selected.length - toRender.length,
    bundles: { total: bundleCodes.length, rebuilt: toBundle.length },
    changed,
  });

  // Entries of everything reused, and (for partial builds) of everything outside the selection.
  const partial = options.only !== undefined || options.shard !== undefined;
  const reusedEntries = [
    ...selected.filter((d) => !toRender.includes(d)).flatMap((d) => cache.documents[d.data.id]!.entries),
    ...bundleCodes.filter((c) => !toBundle.includes(c)).flatMap((c) => cache.bundles[c]!.entries),
  ];
  const previous = readManifest(path.join(outDir, MANIFEST));

  // The deadline calendar depends on the data (and SOURCE_DATE_EPOCH) only: always made, cheap.
  const overview = options.only === undefined && inShard(options.shard, 'frister.ics') ? Object.entries(fristerFiles(repo, { env: options.env })) : [];
  const dataFiles = repo.documents.map((d) => d.file).sort();
  const overviewEntries: ManifestEntry[] = overview.map(([name, text]) => ({ path: name, kind: 'frister', id: 'frister', kommuner: [], opgave: null, version: null, status: null, sources: dataFiles, sha256: sha256(text), bytes: Buffer.byteLength(text), pages: null }));
  const next: CacheIndex = partial ? { ...cache, documents: { ...cache.documents }, bundles: { ...cache.bundles } } : emptyCache();
  for (const d of selected) if (!toRender.includes(d)) next.documents[d.data.id] = cache.documents[d.data.id]!;
  for (const c of bundleCodes) if (!toBundle.includes(c)) next.bundles[c] = cache.bundles[c]!;

  if (toRender.length === 0 && toBundle.length === 0 && present(overviewEntries)) {
    const kept = options.only !== undefined ? previous.filter((e) => !reusedEntries.some((r) => r.path === e.path)) : [];
    const unchanged = [...kept, ...reusedEntries, ...overviewEntries];
    if (existsSync(path.join(outDir, MANIFEST)) && readFileSync(path.join(outDir, MANIFEST), 'utf8') === serializeManifest(unchanged)) {
      // Nothing to do; remember these inputs, so the next build does not start workers for nothing.
      if (cache.inputs !== inputs && !options.force) writeCache(cachePath, { ...cache, inputs });
      return { ok: true, check, entries: unchanged, ...stats(false) };
    }
  }

  const out = new OutputDir(outDir);
  out.open({ keepExisting: options.only !== undefined });
  // The rendering stack (unified, pdfmake, pdfkit, pdf-lib) takes longer to load than a no-op
  // build takes in all; this thread loads it only when it renders (see createRenderer).
  const renderer = createRenderer(ctx, toRender.length + toBundle.length, workerInit(options, sealTime), options.jobs, early);
  try {
    const entries: ManifestEntry[] = [...reusedEntries];
    const write = (relative: string, data: Uint8Array | string) => {
      mkdirSync(path.dirname(out.path(relative)), { recursive: true });
      // Never write through a name that may be a hard link into the previous out/ (see below).
      rmSync(out.path(relative), { force: true });
      writeFileSync(out.path(relative), data);
    };
    // A finished file is taken as is: hard-linked, since outputs are never changed in place.
    const link = (from: string, relative: string) => {
      mkdirSync(path.dirname(out.path(relative)), { recursive: true });
      linkOrCopy(from, out.path(relative));
    };
    // A reused output comes from the previous out/ (with --only, staging holds a copy already).
    const copyFromOut = (e: ManifestEntry) => {
      if (options.only === undefined) link(path.join(outDir, e.path), e.path);
    };
    reusedEntries.forEach(copyFromOut);

    let done = 0;
    const total = toRender.length + toBundle.length;
    const tick = (label: string) => options.onProgress?.(++done, total, label);
    options.onProgress?.(0, total, '');

    const outputs = new Map<string, DocumentOutput>();
    const pdfHashes = new Map<string, string>();
    const renderOne = async (doc: SourceDocument<DocumentKind>) => {
      const o = await renderer.document(doc);
      const common = { kind: o.kind, id: o.id, kommuner: o.meta.kommuner, opgave: o.meta.opgave, version: o.meta.version, status: o.meta.status, sources: o.sources };
      const docEntries: ManifestEntry[] = [
        { path: `${o.base}.md`, ...common, sha256: sha256(o.markdown), bytes: Buffer.byteLength(o.markdown), pages: null },
        { path: `${o.base}.pdf`, ...common, sha256: sha256(o.pdf), bytes: o.pdf.length, pages: o.pages, ...signer },
      ];
      write(`${o.base}.md`, o.markdown);
      write(`${o.base}.pdf`, o.pdf);
      entries.push(...docEntries);
      next.documents[o.id] = { key: keyOf.get(o.id)!, entries: docEntries };
      pdfHashes.set(o.id, docEntries[1]!.sha256);
      // Only what a bundle still needs is kept; the PDF is read back from staging if so.
      outputs.set(o.id, { ...o, pdf: new Uint8Array(0), markdown: '' });
      tick(o.id);
    };
    // Cases first (each is a member of every bundle of its sundhedsråd), then kommune by kommune,
    // so that bundles can be made while the rest is still rendering instead of all at the end.
    const renderOrder = (d: SourceDocument<DocumentKind>) => `${councilOf(d) !== undefined ? 0 : 1} ${kommunerOf(repo, d)[0] ?? ''} ${d.data.id}`;
    const rendering = new Map([...toRender].sort((a, b) => (renderOrder(a) < renderOrder(b) ? -1 : 1)).map((doc) => [doc.data.id, renderOne(doc)]));

    /** A member's PDF for this run's bundle: its hash once rendered now, else the cached one. */
    const outputHash = (id: string) => pdfHashes.get(id) ?? cachedPdfHash(id);

    /** A bundle member: rendered in this run, or its PDF from the previous out/, or rendered now. */
    const member = async (doc: SourceDocument<DocumentKind>) => {
      const made = outputs.get(doc.data.id);
      if (made) {
        const file = out.path(`${made.base}.pdf`);
        return { doc, file, pdf: readFileSync(file), pages: made.pages, meta: made.meta, name: made.name, sources: made.sources };
      }
      const cached = cache.documents[doc.data.id];
      const pdfEntry = cached && cached.key === keyOf.get(doc.data.id) ? cached.entries.find((e) => e.path.endsWith('.pdf')) : undefined;
      if (pdfEntry && pdfEntry.pages !== null && present([pdfEntry])) {
        // The bundle needs the document's metadata (from its data), not the document again.
        const file = path.join(outDir, pdfEntry.path);
        return { doc, file, pdf: read(file), pages: pdfEntry.pages, meta: documentMeta(repo, doc), name: documentName(repo, doc), sources: pdfEntry.sources };
      }
      const o = await renderer.document(doc); // e.g. a shard's bundle member owned by another shard
      return { doc, file: undefined, pdf: o.pdf, pages: o.pages, meta: o.meta, name: o.name, sources: o.sources };
    };

    /** A kommune's bundle, as soon as its members rendered in this run are done. */
    const bundleOne = async (code: string): Promise<void> => {
      await Promise.all(membersOf(code).map((d) => rendering.get(d.data.id)));
      // Members that came out byte-identical to last time leave the bundle as it was.
      if (reusable(cache.bundles[code], bundleKey(code, outputHash))) {
        const keptEntries = cache.bundles[code].entries;
        entries.push(...keptEntries);
        next.bundles[code] = cache.bundles[code];
        keptEntries.forEach(copyFromOut);
        unchangedBundles.push(code);
        tick(`${code} (uændret)`);
        return;
      }
      const members = await Promise.all(membersOf(code).map(member));
      const kommune = { kode: code, navn: repo.kommune(code)!.navn };
      const folder = bundleFolder(repo, code);
      const files: BundleManifest['files'] = [];
      const bundleEntries: ManifestEntry[] = [];
      for (const m of members) {
        const file = `${path.posix.basename(outputBase(repo, m.doc))}.pdf`;
        if (m.file) link(m.file, `${folder}/${file}`);
        else write(`${folder}/${file}`, m.pdf);
        const hash = sha256(m.pdf);
        files.push({ file, sha256: hash, document: m.doc.data.id, kind: m.doc.kind, version: m.meta.version, signer: identity.subjectCN });
        bundleEntries.push({ path: `${folder}/${file}`, kind: m.doc.kind, id: m.doc.data.id, kommuner: m.meta.kommuner, opgave: m.meta.opgave, version: m.meta.version, status: m.meta.status, sources: m.sources, sha256: hash, bytes: m.pdf.length, pages: m.pages, ...signer });
      }
      const job: CombinedJob = {
        kommune,
        members: members.map((m) => ({ name: m.name, version: m.meta.version, pdf: m.pdf, pages: m.pages })),
        draft: members.some((m) => m.meta.draft),
        author: ctx.author,
        date: members.map((m) => m.meta.date).sort().at(-1)!,
      };
      const combined = await renderer.combined(job);
      const combinedFile = `${path.posix.basename(folder)}-samlet.pdf`;
      write(`${folder}/${combinedFile}`, combined.pdf);
      const combinedHash = sha256(combined.pdf);
      files.push({ file: combinedFile, sha256: combinedHash, document: `samlet-${code}`, kind: 'samlet', version: null, signer: identity.subjectCN });
      const sources = [...new Set(members.flatMap((m) => m.sources))].sort();
      bundleEntries.push({ path: `${folder}/${combinedFile}`, kind: 'samlet', id: `samlet-${code}`, kommuner: [code], opgave: null, version: null, status: null, sources, sha256: combinedHash, bytes: combined.pdf.length, pages: combined.pages, ...signer });
      const manifestText = bundleManifest(kommune, files);
      write(`${folder}/${MANIFEST}`, manifestText);
      bundleEntries.push({ path: `${folder}/${MANIFEST}`, kind: 'bundle-manifest', id: `manifest-${code}`, kommuner: [code], opgave: null, version: null, status: null, sources, sha256: sha256(manifestText), bytes: Buffer.byteLength(manifestText), pages: null });
      entries.push(...bundleEntries);
      next.bundles[code] = { key: bundleKey(code, outputHash), entries: bundleEntries };
      tick(folder);
    };
    const unchangedBundles: string[] = [];
    await Promise.all([...rendering.values(), ...toBundle.map(bundleOne)]);
    toBundle = toBundle.filter((c) => !unchangedBundles.includes(c));

    for (const [name, text] of overview) write(name, text);
    entries.push(...overviewEntries);

    const written = new Set(entries.map((e) => e.path));
    const kept = options.only !== undefined ? previous.filter((e) => !written.has(e.path)) : [];
    const manifest = [...kept, ...entries];
    write(MANIFEST, serializeManifest(manifest));
    out.commit();
    writeCache(cachePath, { ...next, files: stampFiles(outDir, manifest), inputs });
    return { ok: true, check, entries: manifest, ...stats(true) };
  } finally {
    await renderer.close();
    out.close();
  }
}
