import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { checkRepository, type CheckResult } from '../check/check-repository.ts';
import { loadConfig } from '../check/config.ts';
import { rules } from '../check/rules/index.ts';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { bundleFolder, bundleManifest, bundleMemberDocx, bundleMemberFile, combinedFile, type BundleManifest } from '../emit/bundle.ts';
import type { CombinedJob } from '../emit/combined.ts';
import { fristerCalendars } from '../emit/frister-calendar.ts';
import { CALENDAR_FILE, CHECKSUMS_FILE, checksums, kommuneReadme, README_FILE } from '../emit/kommune-package.ts';
import { KEPT_BY_BUILD, OUTPUT_MANIFEST } from '../emit/manifest-paths.ts';
import { manifestEntry, serializeManifest, type Manifest, type ManifestEntry } from '../emit/manifest.ts';
import { linkOrCopy, OutputDir, recoverOutput } from '../emit/output-dir.ts';
import { combinedNotSealed, NOT_SEALED_REASON, type NotSealed } from '../emit/unsealed.ts';
import { regionName } from '../kinds/common.ts';
import { awaitsKommune, documentMeta, documentName, renderedDocuments } from '../kinds/index.ts';
import { versionLabel } from '../model/names.ts';
import type { Repository } from '../model/repository.ts';
import { inputsOf } from '../render/inputs.ts';
import { signedTextRenderer } from './signed-text.ts';
import { loadTemplates } from '../render/templates.ts';
import { certificateDer } from '../sign/certificates.ts';
import { loadSigningIdentity } from '../sign/keys.ts';
import { ENV_P12_BASE64, ENV_P12_PATH, ENV_PASSPHRASE } from '../sign/signing-env.ts';
import { cacheFile, contentKey, emptyCache, fileHolds, inputStamp, pipelineFingerprint, readCache, stampFiles, writeCache, type CacheIndex } from './cache.ts';
import { renderContext, type RenderContext } from './context.ts';
import { onlyGuess, planBuild, selectDocuments, type BuildPlan, type Doc } from './plan.ts';
import type { RenderPool, WorkerInit } from './pool.ts';
import type { DocumentOutput } from './render-output.ts';
import { createRenderer, startWorkersEarly, type Renderer } from './renderer.ts';
import { buildTime } from './seal-time.ts';
import { sourceCommit } from './source-commit.ts';
import { lastBuildRecord, noopOptionsOf } from './noop.ts';
import type { Shard } from './shard.ts';

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

interface BuildStats {
  /** Documents selected (all, or by --only/--shard). */
  documents: number;
  /** Ids of the documents rendered in this run, sorted. */
  rendered: string[];
  /** Documents whose outputs were reused from the last build (unchanged inputs, or an unchanged render digest). */
  reused: number;
  bundles: { total: number; rebuilt: number };
  /** False when nothing had to be written: out/ was already up to date. */
  changed: boolean;
}

export type BuildResult =
  | { ok: false; reason: 'check'; check: CheckResult }
  | { ok: false; reason: 'no-match'; only: string; guess?: string }
  | ({
      ok: true;
      /** The check's findings (warnings: a build with errors stops). */
      diagnostics: Diagnostic[];
      /** The check itself; absent when the build was a fast no-op (noop.ts), which checks nothing. */
      check?: CheckResult;
      entries: ManifestEntry[];
    } & BuildStats);

/** A build stopped for a reason staff can act on (not a bug): reported as one Danish line. */
export class BuildError extends Error {}

function readManifest(file: string): ManifestEntry[] {
  if (!existsSync(file)) return [];
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest>).files ?? [];
  } catch {
    return []; // a damaged manifest is rebuilt from what this build writes
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
  // this thread checks. They seal with the TSA the configuration names as read now; a mistake in
  // it is reported by the check (and the workers are not used if the check reads another URL).
  const earlyTimestampUrl =
    sealTime && cache.inputs !== inputs
      ? await loadConfig(options.root, rules).then(
          (c) => c.timestampUrl,
          () => undefined,
        )
      : undefined;
  const commit = commitOnce(options.root);
  const early =
    sealTime && cache.inputs !== inputs
      ? startWorkersEarly(workerInit(options, sealTime, commit(), earlyTimestampUrl), options.jobs, expectedTasks(options, cache))
      : undefined;
  try {
    return await checkAndBuild(options, { outDir, cachePath, cache, inputs, sealTime, commit, early, earlyTimestampUrl });
  } finally {
    await early?.close();
  }
}

/**
 * How many documents the build will likely render, known before the data is read: all of them
 * (one per data file) on a first or forced build, with --jobs as many as it asks for, and few
 * on an incremental build (most changes touch a handful of documents; a bigger one starts its
 * workers after the check, see createRenderer).
 */
function expectedTasks(options: BuildOptions, cache: CacheIndex): number {
  if (options.jobs !== undefined) return Number.MAX_SAFE_INTEGER;
  if (!options.force && Object.keys(cache.documents).length > 0) return 0;
  try {
    const dir = path.join(options.root, 'agreements');
    return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml') && !f.startsWith(`reference${path.sep}`)).length;
  } catch {
    return 0; // no data folder: the check says so
  }
}

/**
 * The commit the .docx name (source-commit.ts), asked of git at most once per build: the early
 * workers, the render context and the renderer's workers all need it, and a build that renders
 * nothing never asks.
 */
function commitOnce(root: string): () => string | null {
  let known: { commit: string | null } | undefined;
  return () => (known ??= { commit: sourceCommit(root) }).commit;
}

function workerInit(options: BuildOptions, sealTime: Date, commit: string | null, timestampUrl: string | undefined): WorkerInit {
  return {
    root: options.root,
    env: signingEnv(options.env),
    sealTime: sealTime.getTime(),
    commit,
    ...(timestampUrl === undefined ? {} : { timestampUrl }),
  };
}

interface Prepared {
  outDir: string;
  cachePath: string | undefined;
  cache: CacheIndex;
  /** inputStamp() at the start of this build, recorded in the cache it writes. */
  inputs: string;
  /** The seal time, unless working it out failed (then it is asked for again, to report why). */
  sealTime: Date | undefined;
  /** The source commit, from git on first use (commitOnce). */
  commit: () => string | null;
  /** Workers started before the check, if any; handed to the renderer. */
  early: RenderPool | undefined;
  /** The TSA those workers were told to use. */
  earlyTimestampUrl: string | undefined;
}

async function checkAndBuild(
  options: BuildOptions,
  { outDir, cachePath, cache, inputs, sealTime: knownTime, commit, early: started, earlyTimestampUrl }: Prepared,
): Promise<BuildResult> {
  const { root } = options;
  const check = await checkRepository(root, { today: options.today, strict: options.strict, markdown: signedTextRenderer(root) });
  if (hasErrors(check.diagnostics)) return { ok: false, reason: 'check', check };
  const { repo } = check;
  if (options.only !== undefined && selectDocuments(repo, options.only, options.shard).length === 0)
    return { ok: false, reason: 'no-match', only: options.only, guess: onlyGuess(repo, options.only) };

  // Templates and keys are loaded before anything is written: their errors stop the build early.
  const templates = loadTemplates(root);
  const identity = await loadSigningIdentity({ root, env: options.env });
  if (options.requireCertificate && identity.development) {
    throw new BuildError(
      'der er ikke angivet et rigtigt certifikat (AFTALER_SIGN_P12 eller AFTALER_SIGN_P12_BASE64), og --require-certificate forbyder testcertifikatet',
    );
  }
  const sealTime = knownTime ?? buildTime(root, options.env);
  // The TSA (segl.tidsstempel_url): every seal made is timestamped by it (PAdES B-T).
  const timestampUrl = check.config.timestampUrl;
  const early = timestampUrl === earlyTimestampUrl ? started : undefined;

  // Content keys: the fingerprint of code, schemas, fonts and seal, plus every input file.
  const fingerprint = pipelineFingerprint(root, {
    certificate: certificateDer(identity.certificate),
    time: sealTime,
    development: identity.development,
    timestampUrl,
  });
  const bytes = new Map<string, Buffer>();
  const read = (file: string) => bytes.get(file) ?? (bytes.set(file, readFileSync(file)), bytes.get(file)!);
  const keyOf = new Map(renderedDocuments(repo).map((doc) => [doc.data.id, contentKey(root, fingerprint, inputsOf(repo, templates, doc), read)]));
  const manifestFile = path.join(outDir, OUTPUT_MANIFEST);
  // The deadline calendar, and each kommune's own for its package (emit/kommune-package.ts): they
  // depend on the data (and SOURCE_DATE_EPOCH) only, are cheap, and so are always made.
  const frister = fristerCalendars(
    repo,
    { env: options.env, reminderDays: check.config.reminderDays },
    repo.kommuner.map((k) => k.kode),
  );
  const calendars = frister.kommuner;
  const planned = planBuild({
    repo,
    cache,
    only: options.only,
    shard: options.shard,
    keyOf,
    fingerprint,
    // Outputs are checked on disk each time (by stat stamp, else by hash), not kept in memory.
    present: (entries) => entries.every((e) => fileHolds(path.join(outDir, e.path), e.sha256, cache.files[e.path])),
    previous: readManifest(manifestFile),
    previousText: existsSync(manifestFile) ? readFileSync(manifestFile, 'utf8') : undefined,
    overview: Object.entries(frister.files),
    packageExtra: (code) => calendars.get(code) ?? '',
  });
  if (!planned.ok) return planned;
  const { plan } = planned;
  const stats = (changed: boolean, rebuilt: number, unchanged: ReadonlySet<string> = new Set()): BuildStats => ({
    documents: plan.selected.length,
    rendered: plan.toRender
      .map((d) => d.data.id)
      .filter((id) => !unchanged.has(id))
      .sort(),
    reused: plan.selected.length - plan.toRender.length + unchanged.size,
    bundles: { total: plan.bundleCodes.length, rebuilt },
    changed,
  });

  /** For the next build's fast path, after a build of everything (noop.ts). */
  const record = (manifestText: string | undefined) =>
    options.only === undefined && options.shard === undefined && manifestText !== undefined
      ? lastBuildRecord(noopOptionsOf(options), inputs, manifestText, {
          documents: plan.selected.length,
          bundles: plan.bundleCodes.length,
          diagnostics: check.diagnostics,
        })
      : undefined;

  if (plan.upToDate) {
    // Nothing to do; remember these inputs (so the next build does not start workers for nothing)
    // and what this build found (so the next one need not look again).
    const lastBuild = options.force ? undefined : record(readFileSync(manifestFile, 'utf8'));
    if (!options.force && (cache.inputs !== inputs || !isDeepStrictEqual(cache.lastBuild, lastBuild))) writeCache(cachePath, { ...cache, inputs, lastBuild });
    return {
      ok: true,
      check,
      diagnostics: check.diagnostics,
      entries: [...plan.kept, ...plan.reused, ...plan.overviewEntries],
      ...stats(false, plan.toBundle.length),
    };
  }

  const ctx = renderContext(root, repo, templates, identity, sealTime, commit(), timestampUrl);
  const out = new OutputDir(outDir);
  out.open({ keepExisting: options.only !== undefined });
  // A full build starts from an empty folder: what status added is carried over (with --only the
  // folder is a copy of out/ already).
  if (options.only === undefined) {
    for (const name of KEPT_BY_BUILD) if (existsSync(path.join(outDir, name))) linkOutput(out, path.join(outDir, name), name);
  }
  // The rendering stack (unified, pdfmake, pdfkit, pdf-lib) takes longer to load than a no-op
  // build takes in all; this thread loads it only when it renders (see createRenderer).
  const renderer = createRenderer(ctx, plan.toRender.length + plan.toBundle.length, workerInit(options, sealTime, commit(), timestampUrl), options.jobs, early);
  try {
    const seal = { signer: identity.subjectCN, developmentSigned: identity.development };
    const { entries, next, rebuilt, unchanged } = await execute(plan, {
      repo,
      ctx,
      renderer,
      out,
      outDir,
      cache,
      keyOf,
      fingerprint,
      seal,
      copyReused: options.only === undefined,
      onProgress: options.onProgress,
      read,
      calendars,
    });
    const manifest = [...plan.kept, ...entries];
    const manifestText = serializeManifest(manifest);
    writeOutput(out, OUTPUT_MANIFEST, manifestText);
    out.commit();
    writeCache(cachePath, { ...next, files: stampFiles(outDir, manifest), inputs, lastBuild: record(manifestText) });
    return { ok: true, check, diagnostics: check.diagnostics, entries: manifest, ...stats(true, rebuilt, unchanged) };
  } finally {
    await renderer.close();
    out.close();
  }
}

/** What a bundle member needs of a document's output. */
function pick(o: Pick<DocumentOutput, 'pages' | 'meta' | 'name' | 'sources' | 'draftingNotes' | 'notSealed'>) {
  return { pages: o.pages, meta: o.meta, name: o.name, sources: o.sources, draftingNotes: o.draftingNotes, notSealed: o.notSealed };
}

/** A bundle manifest's word on a file's seal: who sealed it, or that nobody did and why (emit/unsealed.ts). */
function bundleSeal(seal: { signer: string }, notSealed: NotSealed | null): Pick<BundleManifest['files'][number], 'signer' | 'forseglet' | 'udestaar'> {
  return notSealed ? { signer: null, forseglet: false, udestaar: notSealed.draftingNotes } : { signer: seal.signer };
}

/**
 * A name in the staging folder to write or link a file at: its folder made, and whatever had the
 * name removed first. With --only, staging holds hard links into the previous out/ (output-dir.ts,
 * linkTree); writing or copying over such a link would change the live output.
 */
function freshName(out: OutputDir, relative: string): string {
  const file = out.path(relative);
  mkdirSync(path.dirname(file), { recursive: true });
  rmSync(file, { force: true });
  return file;
}

/** Writes a file into the staging folder. */
function writeOutput(out: OutputDir, relative: string, data: Uint8Array | string): void {
  writeFileSync(freshName(out, relative), data);
}

/** A finished file is taken as is: hard-linked, since outputs are never changed in place. */
function linkOutput(out: OutputDir, from: string, relative: string): void {
  linkOrCopy(from, freshName(out, relative));
}

interface Execution {
  repo: Repository;
  ctx: RenderContext;
  renderer: Renderer;
  out: OutputDir;
  outDir: string;
  cache: CacheIndex;
  keyOf: ReadonlyMap<string, string>;
  /** The pipeline fingerprint, which every render digest includes. */
  fingerprint: string;
  seal: { signer: string; developmentSigned: boolean };
  /** Reused outputs are linked from the previous out/ (with --only, staging holds a copy already). */
  copyReused: boolean;
  onProgress: BuildOptions['onProgress'];
  read: (file: string) => Buffer;
  /** Each kommune's deadline calendar, by code. */
  calendars: ReadonlyMap<string, string>;
}

/**
 * Carries a plan out: renders its documents (cases first), makes each bundle as soon as its
 * members are done, and writes everything into the staging folder. Returns the entries written
 * (reused ones included), the cache index to record, and how many bundles were made anew.
 */
async function execute(plan: BuildPlan, x: Execution): Promise<{ entries: ManifestEntry[]; next: CacheIndex; rebuilt: number; unchanged: Set<string> }> {
  const { repo, out, cache, seal } = x;
  const next = plan.next;
  const entries: ManifestEntry[] = [...plan.reused];
  const copyFromOut = (e: ManifestEntry) => {
    if (x.copyReused) linkOutput(out, path.join(x.outDir, e.path), e.path);
  };
  plan.reused.forEach(copyFromOut);

  let done = 0;
  const total = plan.toRender.length + plan.toBundle.length;
  const tick = (label: string) => x.onProgress?.(++done, total, label);
  x.onProgress?.(0, total, '');

  const outputs = new Map<string, DocumentOutput>();
  const pdfHashes = new Map<string, string>();
  /** Documents looked at again whose render digest had not changed: their files were taken over. */
  const unchanged = new Set<string>();
  const renderOne = async (doc: Doc) => {
    // Its inputs changed; if what it is made from did not (render-output.ts, renderDigest), the
    // last build's files are taken over.
    const cached = cache.documents[doc.data.id];
    const earlier = cached?.render !== undefined && plan.present(cached.entries) ? cached : undefined;
    const earlierPdf = earlier?.entries.find((e) => e.path.endsWith('.pdf') && e.pages !== null);
    const earlierDocx = earlier?.entries.find((e) => e.path.endsWith('.docx'));
    const reusable = earlierPdf !== undefined && earlierDocx !== undefined;
    const made = await x.renderer.document(doc, { fingerprint: x.fingerprint, ...(reusable && { render: earlier!.render }) });
    const o = made.unchanged
      ? { ...made, pdf: x.read(path.join(x.outDir, earlierPdf!.path)), pages: earlierPdf!.pages!, docx: x.read(path.join(x.outDir, earlierDocx!.path)) }
      : made;
    if (made.unchanged) unchanged.add(o.id);
    const owner = {
      kind: o.kind,
      id: o.id,
      kommuner: o.meta.kommuner,
      opgave: o.meta.opgave,
      version: o.meta.version,
      status: o.meta.status,
      sources: o.sources,
    };
    const notes = { draftingNotes: o.draftingNotes };
    const docEntries = [
      manifestEntry(`${o.base}.md`, owner, o.markdown, notes),
      manifestEntry(`${o.base}.pdf`, owner, o.pdf, { pages: o.pages, seal, ...notes, notSealed: o.notSealed }),
      // The negotiable copy in Word: never sealed, so no seal fields (emit/docx).
      manifestEntry(`${o.base}.docx`, owner, o.docx, notes),
    ];
    writeOutput(out, `${o.base}.md`, o.markdown);
    writeOutput(out, `${o.base}.pdf`, o.pdf);
    writeOutput(out, `${o.base}.docx`, o.docx);
    entries.push(...docEntries);
    next.documents[o.id] = { key: x.keyOf.get(o.id)!, render: o.render, entries: docEntries };
    pdfHashes.set(o.id, docEntries[1]!.sha256);
    // Only what a bundle still needs is kept; the PDF is read back from staging if so.
    outputs.set(o.id, { ...o, pdf: new Uint8Array(0), docx: new Uint8Array(0), markdown: '' });
    tick(o.id);
  };
  const rendering = new Map(plan.toRender.map((doc) => [doc.data.id, renderOne(doc)]));

  /**
   * A member's PDF for this run's bundle: its hash once rendered now, else the cached one. Its
   * .docx needs no hash of its own here: it is made in the same rendering from what the render
   * digest covers, so it changes only with the PDF (or with the code, which the fingerprint keys).
   */
  const outputHash = (id: string) => pdfHashes.get(id) ?? plan.cachedPdfHash(id);

  /** A bundle member: rendered in this run, or its PDF from the previous out/, or rendered now. */
  const member = async (doc: Doc) => {
    const made = outputs.get(doc.data.id);
    if (made) {
      const file = out.path(`${made.base}.pdf`);
      const docxFile = out.path(`${made.base}.docx`);
      return { doc, file, pdf: readFileSync(file), docxFile, docx: readFileSync(docxFile), ...pick(made) };
    }
    const cached = cache.documents[doc.data.id];
    const current = cached && cached.key === x.keyOf.get(doc.data.id) ? cached : undefined;
    const pdfEntry = current?.entries.find((e) => e.path.endsWith('.pdf'));
    const docxEntry = current?.entries.find((e) => e.path.endsWith('.docx'));
    if (pdfEntry && docxEntry && pdfEntry.pages !== null && plan.present([pdfEntry, docxEntry])) {
      // The bundle needs the document's metadata (from its data), not the document again.
      const file = path.join(x.outDir, pdfEntry.path);
      const docxFile = path.join(x.outDir, docxEntry.path);
      const draftingNotes = pdfEntry.draftingNotes ?? 0;
      // Whether it was sealed is read from its entry, as the build that made it recorded it.
      const notSealed: NotSealed | null = pdfEntry.sealed === false ? { reason: NOT_SEALED_REASON, draftingNotes } : null;
      return {
        doc,
        file,
        pdf: x.read(file),
        docxFile,
        docx: x.read(docxFile),
        pages: pdfEntry.pages,
        meta: documentMeta(repo, doc),
        name: documentName(repo, doc),
        sources: pdfEntry.sources,
        draftingNotes,
        notSealed,
      };
    }
    const o = await x.renderer.document(doc); // e.g. a shard's bundle member owned by another shard
    return { doc, file: undefined, pdf: o.pdf, docxFile: undefined, docx: o.docx, ...pick(o) };
  };

  let rebuilt = 0;
  /** A kommune's bundle, as soon as its members rendered in this run are done. */
  const bundleOne = async (code: string): Promise<void> => {
    // A member reused from the last build is not in `rendering`: nothing to wait for.
    await Promise.all(plan.membersOf(code).map((d) => rendering.get(d.data.id) ?? Promise.resolve()));
    // Members that came out byte-identical to last time leave the bundle as it was.
    if (plan.reusable(cache.bundles[code], plan.bundleKey(code, outputHash))) {
      const keptEntries = cache.bundles[code].entries;
      entries.push(...keptEntries);
      next.bundles[code] = cache.bundles[code];
      keptEntries.forEach(copyFromOut);
      tick(`${code} (uændret)`);
      return;
    }
    rebuilt++;
    const members = await Promise.all(plan.membersOf(code).map(member));
    const kommune = { kode: code, navn: repo.kommune(code)!.navn };
    const folder = bundleFolder(repo, code);
    const files: BundleManifest['files'] = [];
    const bundleEntries: ManifestEntry[] = [];
    for (const m of members) {
      const file = bundleMemberFile(repo, m.doc);
      if (m.file) linkOutput(out, m.file, `${folder}/${file}`);
      else writeOutput(out, `${folder}/${file}`, m.pdf);
      const entry = manifestEntry(
        `${folder}/${file}`,
        {
          kind: m.doc.kind,
          id: m.doc.data.id,
          kommuner: m.meta.kommuner,
          opgave: m.meta.opgave,
          version: m.meta.version,
          status: m.meta.status,
          sources: m.sources,
        },
        m.pdf,
        { pages: m.pages, seal, draftingNotes: m.draftingNotes, notSealed: m.notSealed },
      );
      const awaits = awaitsKommune(repo, m.doc);
      files.push({
        file,
        sha256: entry.sha256,
        document: m.doc.data.id,
        kind: m.doc.kind,
        version: m.meta.version,
        ...bundleSeal(seal, m.notSealed),
        ...(awaits === null ? {} : { afventer_kommunens_underskrift: awaits }),
      });
      bundleEntries.push(entry);
      // Its Word copy beside it, to negotiate on: listed as never sealed (emit/docx).
      const docxName = bundleMemberDocx(repo, m.doc);
      if (m.docxFile) linkOutput(out, m.docxFile, `${folder}/${docxName}`);
      else writeOutput(out, `${folder}/${docxName}`, m.docx);
      const docxEntry = manifestEntry(`${folder}/${docxName}`, entry, m.docx, { draftingNotes: m.draftingNotes });
      files.push({
        file: docxName,
        sha256: docxEntry.sha256,
        document: m.doc.data.id,
        kind: m.doc.kind,
        version: m.meta.version,
        signer: null,
        forseglet: false,
        forhandlingskopi: true,
      });
      bundleEntries.push(docxEntry);
    }
    const job: CombinedJob = {
      kommune,
      members: members.map((m) => ({
        name: m.name,
        // As the documents write their version (»V20260224«), not the ISO date of the data.
        version: m.meta.version === null ? null : versionLabel(m.meta.version),
        awaits: awaitsKommune(repo, m.doc),
        pdf: m.pdf,
        pages: m.pages,
        notSealed: m.notSealed,
      })),
      draft: members.some((m) => m.meta.draft),
      author: x.ctx.author,
      date: members
        .map((m) => m.meta.date)
        .sort()
        .at(-1)!,
    };
    const combined = await x.renderer.combined(job);
    const combinedName = combinedFile(folder);
    writeOutput(out, `${folder}/${combinedName}`, combined.pdf);
    const sources = [...new Set(members.flatMap((m) => m.sources))].sort();
    const owner = (kind: string, id: string) => ({ kind, id, kommuner: [code], opgave: null, version: null, status: null, sources });
    // combinedPdf left it unsealed by the same rule (combinedNotSealed), from the same members.
    const combinedNotes = { draftingNotes: members.reduce((n, m) => n + m.draftingNotes, 0), notSealed: combinedNotSealed(members) };
    const combinedEntry = manifestEntry(`${folder}/${combinedName}`, owner('samlet', `samlet-${code}`), combined.pdf, {
      pages: combined.pages,
      seal,
      ...combinedNotes,
    });
    files.push({
      file: combinedName,
      sha256: combinedEntry.sha256,
      document: `samlet-${code}`,
      kind: 'samlet',
      version: null,
      ...bundleSeal(seal, combinedNotes.notSealed),
    });
    bundleEntries.push(combinedEntry);
    const manifestText = bundleManifest(kommune, files);
    writeOutput(out, `${folder}/${OUTPUT_MANIFEST}`, manifestText);
    bundleEntries.push(manifestEntry(`${folder}/${OUTPUT_MANIFEST}`, owner('bundle-manifest', `manifest-${code}`), manifestText));
    // What a kommune can read and check without tools of ours (emit/kommune-package.ts).
    const readme = kommuneReadme({
      kommune,
      region: regionName(repo),
      combined: combinedName,
      members: members.map((m) => ({
        file: bundleMemberFile(repo, m.doc),
        docx: bundleMemberDocx(repo, m.doc),
        name: m.name,
        version: m.meta.version === null ? null : versionLabel(m.meta.version),
        sealed: m.notSealed === null,
      })),
      signer: seal.signer,
      development: seal.developmentSigned,
    });
    const packageTexts: Array<[file: string, kind: string, text: string]> = [
      [README_FILE, 'laesmig', readme],
      [CALENDAR_FILE, 'frister', x.calendars.get(code) ?? ''],
    ];
    for (const [file, kind, text] of packageTexts) {
      writeOutput(out, `${folder}/${file}`, text);
      bundleEntries.push(manifestEntry(`${folder}/${file}`, owner(kind, `${kind}-${code}`), text));
    }
    const sums = checksums(bundleEntries.map((e) => ({ file: path.posix.basename(e.path), sha256: e.sha256 })));
    writeOutput(out, `${folder}/${CHECKSUMS_FILE}`, sums);
    bundleEntries.push(manifestEntry(`${folder}/${CHECKSUMS_FILE}`, owner('kontrolsummer', `kontrolsummer-${code}`), sums));
    entries.push(...bundleEntries);
    next.bundles[code] = { key: plan.bundleKey(code, outputHash), entries: bundleEntries };
    tick(folder);
  };
  await Promise.all([...rendering.values(), ...plan.toBundle.map(bundleOne)]);

  for (const [name, text] of plan.overview) writeOutput(out, name, text);
  entries.push(...plan.overviewEntries);
  return { entries, next, rebuilt, unchanged };
}
