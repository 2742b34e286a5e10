import { bundleFolder, bundleMemberDocx, bundleMemberFile, combinedFile } from '../emit/bundle.ts';
import { outputBase } from '../emit/layout.ts';
import { PACKAGE_FILES } from '../emit/kommune-package.ts';
import { OUTPUT_MANIFEST } from '../emit/manifest-paths.ts';
import { manifestEntry, serializeManifest, sha256, type ManifestEntry } from '../emit/manifest.ts';
import { councilOf, kindOf, kommunerOf, renderedDocuments } from '../kinds/index.ts';
import type { DocumentKind } from '../model/kinds.ts';
import { suggest } from '../basics/quote.ts';
import { kommuneNamed } from '../model/names.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { bundleOrder } from './bundle-order.ts';
import { emptyCache, type CacheIndex, type CachedOutputs } from './cache.ts';
import { inShard, type Shard } from './shard.ts';

export type Doc = SourceDocument<DocumentKind>;

/** What planning needs; everything that touches the disk is asked through these functions. */
export interface PlanInput {
  repo: Repository;
  /** The last build's cache index (empty with --force). */
  cache: CacheIndex;
  only?: string;
  shard?: Shard;
  /** Each document's content key: the pipeline fingerprint and the bytes of its inputs. */
  keyOf: ReadonlyMap<string, string>;
  fingerprint: string;
  /** Whether recorded outputs are in out/ as recorded (by stat stamp, else by hash). */
  present: (entries: readonly ManifestEntry[]) => boolean;
  /** The entries of out/manifest.json as it is, and its text (undefined: none). */
  previous: readonly ManifestEntry[];
  previousText: string | undefined;
  /**
   * What a kommune's package holds besides its PDFs that can change while they do not (its
   * deadline calendar), as text: part of the bundle's key, so the package is made again then.
   */
  packageExtra?: (code: string) => string;
  /** The deadline calendar's files, made from the data alone (cheap); the plan decides whether this build writes them. */
  overview: ReadonlyArray<readonly [name: string, text: string]>;
}

/**
 * What a build will do, decided before it renders anything: which documents to render and in
 * which order, which outputs to take over from the last build, which kommune bundles to make,
 * which earlier outputs it no longer makes (the staging swap deletes them), and whether out/ is
 * up to date already. Pure: the same input gives the same plan, and tests inspect it without
 * making a PDF (tests/pipeline/plan.test.ts).
 */
export interface BuildPlan {
  /** The documents this build covers (all, or those of --only/--shard). */
  selected: Doc[];
  /** Documents to render, cases first (a member of every bundle of their sundhedsråd), then kommune by kommune. */
  toRender: Doc[];
  /** Kommune bundles this build covers, by kommune code. */
  bundleCodes: string[];
  /** Bundles to make once their members are rendered; a member rendered to the same bytes leaves one as it was. */
  toBundle: string[];
  /** Entries of documents and bundles taken over unchanged from the last build. */
  reused: ManifestEntry[];
  /** With --only: the previous manifest's entries for everything outside the selection. */
  kept: ManifestEntry[];
  /** The calendar's files and their entries (see PlanInput.overview). */
  overview: ReadonlyArray<readonly [name: string, text: string]>;
  overviewEntries: ManifestEntry[];
  /** Paths in out/ now that this build will not make again. */
  removed: string[];
  /** The cache index before rendering: what is reused, carried over. */
  next: CacheIndex;
  /** Nothing to render or bundle, and out/manifest.json already lists exactly these entries. */
  upToDate: boolean;
  /** The documents of a kommune's bundle, in repository order. */
  membersOf(code: string): Doc[];
  /** A document's PDF hash from the cache, if its cached outputs are still valid. */
  cachedPdfHash: (id: string) => string | undefined;
  /**
   * A bundle is made of its members' PDFs, so it is keyed by their hashes: a member re-rendered
   * to the same bytes (say the case, when one of its HSAs changed an amount) changes no bundle.
   * A member not yet known by its output falls back to its input key.
   */
  bundleKey(code: string, pdfHash: (id: string) => string | undefined): string;
  /** Whether recorded outputs are in out/ as recorded. */
  present(entries: readonly ManifestEntry[]): boolean;
  /** Cached outputs that are still valid for this key and still in out/. */
  reusable(cached: CachedOutputs | undefined, key: string): cached is CachedOutputs;
}

export type PlanResult = { ok: true; plan: BuildPlan } | { ok: false; reason: 'no-match'; only: string; guess?: string };

/** The order documents are rendered in: cases first, then kommune by kommune (see BuildPlan.toRender). */
const renderOrder = (repo: Repository, d: Doc) => `${councilOf(d) !== undefined ? 0 : 1} ${kommunerOf(repo, d)[0] ?? ''} ${d.data.id}`;

/**
 * What places a document in a shard: its kommune, the key its kommune's bundle is placed by, when
 * it has exactly one; else (a case, for many kommuner) its own id. A bundle needs the PDF of every
 * member, so a shard renders its bundles' members whoever owns them: with documents placed by
 * their own ids, most members belonged to another shard and were rendered twice, and two parts
 * each did about 85 % of the whole build (README »Performance at scale«).
 */
function shardKey(repo: Repository, d: Doc): string {
  const kommuner = kommunerOf(repo, d);
  return kommuner.length === 1 ? `kommune:${kommuner[0]!}` : d.data.id;
}

/** The documents a build covers: all, or those of --only (an id or a kommune code) and --shard. */
export function selectDocuments(repo: Repository, only: string | undefined, shard: Shard | undefined): Doc[] {
  // --only names a document by id, or a kommune by code or name (»lejre«, »Lejre Kommune«).
  const kommune = only === undefined ? undefined : (kommuneNamed(repo, only)?.kode ?? only);
  return renderedDocuments(repo).filter(
    (d) => (only === undefined || d.data.id === only || kommunerOf(repo, d).includes(kommune!)) && inShard(shard, shardKey(repo, d)),
  );
}

/**
 * For an --only that matches nothing: the document id, kommune slug or code it is most likely a
 * typo of, as staff would write it, with the kommune's name (»»lejre« (Lejre Kommune)«).
 */
export function onlyGuess(repo: Repository, only: string): string | undefined {
  const labels = new Map<string, string>();
  for (const k of repo.kommuner) for (const key of [k.slug, k.kode]) labels.set(key, `»${key}« (${k.navn})`);
  for (const d of renderedDocuments(repo)) labels.set(d.data.id, `»${d.data.id}«`);
  const guess = suggest(only.trim().toLowerCase(), [...labels.keys()]);
  return guess === undefined ? undefined : labels.get(guess);
}

export function planBuild(input: PlanInput): PlanResult {
  const { repo, cache, only, shard, keyOf, fingerprint, present } = input;
  const all = renderedDocuments(repo);
  const selected = selectDocuments(repo, only, shard);
  if (only !== undefined && selected.length === 0) return { ok: false, reason: 'no-match', only, guess: onlyGuess(repo, only) };
  // A document whose kind keeps it out of the bundles (a closed punkt) is rendered, never bundled.
  const bundled = (d: Doc) => kindOf(d).inBundle?.(d) ?? true;
  const codes = [...new Set(selected.filter(bundled).flatMap((d) => kommunerOf(repo, d)))];
  // A shard makes the bundles it owns, whoever owns their members.
  const bundleCodes = (shard ? [...new Set(all.filter(bundled).flatMap((d) => kommunerOf(repo, d)))] : codes)
    .filter((c) => repo.kommune(c) && inShard(shard, `kommune:${c}`))
    .sort();

  const key = (id: string) => keyOf.get(id)!;
  // In the case's bilag order where a case attaches them (see bundleOrder).
  const membersOf = (code: string) => bundleOrder(all.filter((d) => bundled(d) && kommunerOf(repo, d).includes(code)));
  const reusable = (cached: CachedOutputs | undefined, k: string): cached is CachedOutputs => cached?.key === k && present(cached.entries);
  const cachedPdfHash = (id: string) => {
    const cached = cache.documents[id];
    return cached && cached.key === key(id) ? cached.entries.find((e) => e.path.endsWith('.pdf'))?.sha256 : undefined;
  };
  const bundleKey = (code: string, pdfHash: (id: string) => string | undefined) =>
    sha256(
      `${fingerprint}\n${membersOf(code)
        .map((d) => `${d.data.id} ${pdfHash(d.data.id) ?? `input:${key(d.data.id)}`}`)
        .join('\n')}\n${sha256(input.packageExtra?.(code) ?? '')}`,
    );

  const toRender = selected
    .filter((d) => !reusable(cache.documents[d.data.id], key(d.data.id)))
    .sort((a, b) => (renderOrder(repo, a) < renderOrder(repo, b) ? -1 : 1));
  const rendering = new Set(toRender.map((d) => d.data.id));
  // Before rendering, a bundle can only be trusted if none of its members is being re-rendered.
  const toBundle = bundleCodes.filter((c) => membersOf(c).some((d) => rendering.has(d.data.id)) || !reusable(cache.bundles[c], bundleKey(c, cachedPdfHash)));

  const reusedDocuments = selected.filter((d) => !rendering.has(d.data.id));
  const reusedBundles = bundleCodes.filter((c) => !toBundle.includes(c));
  const reused = [...reusedDocuments.flatMap((d) => cache.documents[d.data.id]!.entries), ...reusedBundles.flatMap((c) => cache.bundles[c]!.entries)];

  const dataFiles = repo.documents.map((d) => d.file).sort();
  const calendar = { kind: 'frister', id: 'frister', kommuner: [], opgave: null, version: null, status: null, sources: dataFiles };
  // The calendar belongs to a full build, and to one shard of a sharded one.
  const overview = only === undefined && inShard(shard, 'frister.ics') ? input.overview : [];
  const overviewEntries = overview.map(([name, text]) => manifestEntry(name, calendar, text));

  const partial = only !== undefined || shard !== undefined;
  const next: CacheIndex = partial ? { ...cache, documents: { ...cache.documents }, bundles: { ...cache.bundles } } : emptyCache();
  for (const d of reusedDocuments) next.documents[d.data.id] = cache.documents[d.data.id]!;
  for (const c of reusedBundles) next.bundles[c] = cache.bundles[c]!;

  // Everything this build will list: rendered and bundled outputs by their known paths.
  const made = new Set([...reused, ...overviewEntries].map((e) => e.path));
  for (const d of toRender) for (const ext of ['md', 'pdf', 'docx']) made.add(`${outputBase(repo, d)}.${ext}`);
  for (const c of toBundle) {
    const folder = bundleFolder(repo, c);
    for (const m of membersOf(c)) for (const file of [bundleMemberFile(repo, m), bundleMemberDocx(repo, m)]) made.add(`${folder}/${file}`);
    made.add(`${folder}/${combinedFile(folder)}`);
    made.add(`${folder}/${OUTPUT_MANIFEST}`);
    for (const file of PACKAGE_FILES) made.add(`${folder}/${file}`);
  }
  const kept = only !== undefined ? input.previous.filter((e) => !made.has(e.path)) : [];
  const removed =
    only !== undefined
      ? []
      : input.previous
          .map((e) => e.path)
          .filter((p) => !made.has(p))
          .sort();

  const upToDate =
    toRender.length === 0 &&
    toBundle.length === 0 &&
    present(overviewEntries) &&
    input.previousText === serializeManifest([...kept, ...reused, ...overviewEntries]);

  return {
    ok: true,
    plan: {
      selected,
      toRender,
      bundleCodes,
      toBundle,
      reused,
      kept,
      overview,
      overviewEntries,
      removed,
      next,
      upToDate,
      membersOf,
      cachedPdfHash,
      bundleKey,
      present,
      reusable,
    },
  };
}
