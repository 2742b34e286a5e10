/**
 * The no-op fast path (issue 18): a build of everything whose every input is as the last
 * successful build of the same folder found it finishes without loading the data, checking it or
 * loading the rendering stack — those cost 0.7 s for a build that then writes nothing.
 *
 * »As it found it« is decided as git decides a file is unchanged: by stat stamps, not contents.
 * The last build records an outcome key (outcomeKey) and what it reported; this build repeats
 * that report when
 *  - every file under agreements/, templates/, schemas/, the code and the lock file has the size
 *    and modification time it had (inputStamp, the same stamp that starts workers early);
 *  - what else decides the check's findings and the seal is the same: the date the check judges
 *    deadlines by, --strict, --require-certificate, the seal time (SOURCE_DATE_EPOCH or the
 *    commit), the rule configuration, git's index and attributes, and where the key comes from;
 *  - every output and out/manifest.json are as that build left them (stat stamps, else hashes).
 * Anything else — a changed or touched file, another day, --force, --only, --shard, a damaged
 * or foreign cache — takes the full path, which checks, plans and renders what changed.
 *
 * Light on purpose: it imports nothing of the check or the rendering stack.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from '../basics/cache-file.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { ManifestEntry } from '../emit/manifest.ts';
import { OUTPUT_MANIFEST } from '../emit/manifest-paths.ts';
import { DEV_SIGNING_DIR, DEV_SIGNING_FILE, ENV_P12_BASE64, ENV_P12_PATH, ENV_PASSPHRASE } from '../sign/signing-env.ts';
import { cacheFile, fileHolds, inputStamp, readCache, type CacheIndex, type LastBuild } from './cache.ts';
import { buildTime } from './seal-time.ts';

export interface NoopOptions {
  root: string;
  /** The output folder, resolved. */
  outDir: string;
  today: string;
  strict: boolean;
  requireCertificate: boolean;
  env: NodeJS.ProcessEnv;
}

/** The options of a build as the fast path compares them. */
export function noopOptionsOf(o: {
  root: string;
  out: string;
  today: string;
  strict?: boolean;
  requireCertificate?: boolean;
  env: NodeJS.ProcessEnv;
}): NoopOptions {
  return {
    root: o.root,
    outDir: path.resolve(o.root, o.out),
    today: o.today,
    strict: o.strict ?? false,
    requireCertificate: o.requireCertificate ?? false,
    env: o.env,
  };
}

function stamp(file: string): string {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat ? `${stat.size} ${stat.mtimeMs} ${stat.ino}` : '-';
}

/**
 * What decides a build's findings and seal besides the files inputStamp covers; undefined when
 * it cannot be told cheaply (no seal time, or a checkout whose git folder is a file: a worktree,
 * whose index lies elsewhere), and then there is no fast path.
 */
function outcomeKey(o: NoopOptions, inputs: string): string | undefined {
  let seal: Date;
  try {
    seal = buildTime(o.root, o.env);
  } catch {
    return undefined;
  }
  const git = path.join(o.root, '.git');
  const gitStat = statSync(git, { throwIfNoEntry: false });
  if (gitStat && !gitStat.isDirectory()) return undefined;
  const p12 = o.env[ENV_P12_PATH];
  return sha256(
    [
      'noop 1',
      inputs,
      `today ${o.today} strict ${String(o.strict)} require ${String(o.requireCertificate)} seal ${seal.getTime()}`,
      `config ${stamp(path.join(o.root, '.aftalerrc.json'))}`,
      `attributes ${stamp(path.join(o.root, '.gitattributes'))} ${stamp(path.join(git, 'info', 'attributes'))}`,
      `index ${stamp(path.join(git, 'index'))}`,
      `p12 ${p12 ?? ''} ${p12 ? stamp(path.resolve(o.root, p12)) : ''}`,
      `p12-base64 ${sha256(o.env[ENV_P12_BASE64] ?? '')} passphrase ${sha256(o.env[ENV_PASSPHRASE] ?? '')}`,
      `development ${stamp(path.join(o.root, DEV_SIGNING_DIR, DEV_SIGNING_FILE))}`,
    ].join('\n'),
  );
}

/** What a fast no-op reports: as the last build's report, with nothing rendered. */
export interface NoopResult {
  documents: number;
  bundles: number;
  entries: ManifestEntry[];
  diagnostics: Diagnostic[];
}

/** The last build's report when this build would change nothing (see above); else undefined. */
export function noopBuild(o: NoopOptions): NoopResult | undefined {
  try {
    return fastPath(o);
  } catch {
    return undefined; // a file that vanished while looking, say: the full build decides
  }
}

function fastPath(o: NoopOptions): NoopResult | undefined {
  const cache: CacheIndex = readCache(cacheFile(o.root, o.outDir));
  const last = cache.lastBuild;
  if (last === undefined) return undefined;
  const inputs = inputStamp(o.root);
  if (inputs === '' || cache.inputs !== inputs || outcomeKey(o, inputs) !== last.key) return undefined;
  for (const [file, recorded] of Object.entries(cache.files)) {
    if (!fileHolds(path.join(o.outDir, file), recorded[3], recorded)) return undefined;
  }
  let manifest: string;
  try {
    manifest = readFileSync(path.join(o.outDir, OUTPUT_MANIFEST), 'utf8');
  } catch {
    return undefined;
  }
  if (sha256(manifest) !== last.manifest) return undefined;
  const entries = (JSON.parse(manifest) as { files?: ManifestEntry[] }).files ?? [];
  // Every file it lists was stamped above; a manifest naming more is not that build's.
  if (entries.some((e) => !Object.hasOwn(cache.files, e.path))) return undefined;
  return { documents: last.documents, bundles: last.bundles, entries, diagnostics: last.diagnostics };
}

/** The record a successful build of everything leaves for the next one's fast path. */
export function lastBuildRecord(o: NoopOptions, inputs: string, manifestText: string, report: Omit<LastBuild, 'key' | 'manifest'>): LastBuild | undefined {
  const key = outcomeKey(o, inputs);
  return key === undefined ? undefined : { key, manifest: sha256(manifestText), ...report };
}
