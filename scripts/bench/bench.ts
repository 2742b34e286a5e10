/**
 * The scale benchmark: generate the synthetic repository, then time the real commands on it in
 * the order a user meets them — check, full build, the same build again, a build after one
 * edited HSA, a one-document preview after editing another — the Markdown stage on its own in
 * this process, and optionally pandoc + WeasyPrint and Typst on the same Markdown.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOrCreateDevelopmentKey } from '../sign/dev-certificate.ts';
import { parseBuildOutput } from './build-output.ts';
import { codeFingerprint } from '../pipeline/cache.ts';
import { generateScaleRepo, type ScaleRepo } from './generate.ts';
import { machine, type Machine } from './machine.ts';
import { measureStages, type MarkdownStage, type WordStage } from './stages.ts';
import { pandocAvailable, runPandoc, sample, type PandocRun } from './pandoc.ts';
import { loadTypst, runTypst, TYPST_INSTALL, type TypstRun } from './typst.ts';
import { runCommand, STARTUP, type CommandRun } from './spawn.ts';
import { todayInDenmark } from '../basics/today.ts';

/** The frist calendar's »today« for the check: before every deadline, as in the tests. */
const BENCH_TODAY = '2026-01-15';
/** Seal time 2026-02-24 00:00 UTC, so the temporary folder (no git) builds reproducibly. */
const BENCH_SOURCE_DATE_EPOCH = '1771891200';

/** A step failed (the synthetic data did not check clean, a build stopped): exit 1. */
export class BenchError extends Error {}

export interface BenchOptions {
  kommuner: number;
  /** Keep the temporary repository (its path is in the result). */
  keep: boolean;
  /** Compare with pandoc + WeasyPrint when both are installed. */
  pandoc: boolean;
  /** Compare with Typst when its optional package is installed (typst.ts). */
  typst: boolean;
  /** Convert at most this many documents with pandoc (spread over all kinds); default all. */
  pandocSample?: number;
  /** Progress lines for people (stderr); silent when undefined. */
  onStep?: (label: string) => void;
}

interface CheckStep {
  seconds: number;
  exitCode: number | null;
  errors: number;
  warnings: number;
  maxRssMb: number | null;
  /** CPU seconds of the command, all threads (user + system). */
  cpuSeconds: number | null;
}

export interface BuildStep {
  /** Spawn to exit, as the user waits; the targets are judged on this. */
  seconds: number;
  /** The build's own figure (from its start to its summary), when it reports one. */
  buildSeconds: number | null;
  documents: number | null;
  rendered: number | null;
  reused: number | null;
  bundles: number | null;
  files: number | null;
  maxRssMb: number | null;
  /** CPU seconds of the command, all threads (user + system): what the work cost, whatever the parallelism. */
  cpuSeconds: number | null;
}

/**
 * Ours beside a reference on the same documents. Both ratios are ours ÷ theirs, so below 1 means
 * ours costs less: wall time per document depends on how many ran at once, CPU does not.
 */
interface Comparison {
  oursPerDocumentSeconds: number;
  oursCpuPerDocumentMs: number | null;
  wallRatio: number;
  cpuRatio: number | null;
}

type Unavailable = { available: false; reason: string };
type PandocResult = (PandocRun & Comparison & { available: true }) | Unavailable;
type TypstResult = (TypstRun & Comparison & { available: true }) | Unavailable;

export interface BenchResult {
  date: string;
  machine: Machine;
  kommuner: number;
  /** Node starting the launcher (scripts/launch.mjs) with nothing to run: the part of every command's time that is startup. */
  startupSeconds: number;
  dataset: Omit<ScaleRepo, 'files' | 'sampleHsa'>;
  check: CheckStep;
  fullBuild: BuildStep;
  noopBuild: BuildStep;
  editBuild: BuildStep & { editedFile: string; field: string };
  /**
   * After the one-HSA build: another field of another HSA edited and only that document built
   * (`build --only <id>`), as a writer previews their change — a new process, the document not cached.
   */
  previewBuild: BuildStep & { editedFile: string; field: string; only: string };
  /** renderDocument for every document in the bench's own process (stages.ts). */
  markdownStage: MarkdownStage;
  /** The .docx of every document from its tree, in the bench's own process (stages.ts): what Word adds to a document. */
  wordStage: WordStage;
  /** Documents of the full build per second of its wall time. */
  documentsPerSecond: number;
  /**
   * CPU milliseconds per rendered document in the full build (Markdown, PDF, seal, bundles and
   * startup included, all threads): comparable across machines and --jobs, unlike wall time.
   */
  cpuPerDocumentMs: number | null;
  /** The highest RSS of any command measured. */
  peakRssMb: number | null;
  /** The program code changed while the builds ran (a shared checkout): cache figures are then not meaningful. */
  codeChanged: boolean;
  /** Whether build printed the --json summary (false: figures read from its text). */
  buildJson: boolean;
  pandoc: PandocResult;
  typst: TypstResult;
  /** The temporary repository when kept, else null. */
  tempDir: string | null;
}

/** Lines of a failed command worth showing: its own explanation, not pages of output. */
/** How the command ended: its exit code, or that a signal ended it (no code then). */
function exitText(run: CommandRun): string {
  return run.exitCode === null ? 'afbrudt af et signal' : `kode ${run.exitCode}`;
}

function excerpt(run: CommandRun): string {
  return `${run.stdout}\n${run.stderr}`.trim().split('\n').slice(0, 8).join('\n');
}

const EDITED_FIELD = 'finansiering.aarligt_beloeb_kr';

/** Raises the HSA's annual amount by 1000 kr.: one field, one document's data changed. */
function editHsa(file: string): void {
  const text = readFileSync(file, 'utf8');
  const re = /^(\s+aarligt_beloeb_kr: )(\d+)$/m;
  const m = re.exec(text);
  if (!m) throw new BenchError(`${file} har ikke et beløb at ændre`);
  writeFileSync(file, text.replace(re, `${m[1]!}${Number(m[2]) + 1000}`));
}

const PREVIEW_FIELD = 'opfoelgning';

/**
 * The HSA the preview edits: the first approved, unsigned one in another kommune than the one
 * the edit step changed (a signed text is locked by its fingerprint; a change would be an error).
 */
function previewHsa(root: string, files: readonly string[], edited: string): string {
  const found = files.find(
    (f) =>
      /\/hsa-[^/]+\.yaml$/.test(f) &&
      path.posix.dirname(f) !== path.posix.dirname(edited) &&
      /^status: godkendt$/m.test(readFileSync(path.join(root, f), 'utf8')),
  );
  if (found === undefined) throw new BenchError('de syntetiske data har ingen anden godkendt samarbejdsaftale at forhåndsvise');
  return found;
}

/** Rewords the HSA's follow-up text (a plain scalar, one field): its Markdown changes, its amounts do not. */
function editFollowUp(file: string): void {
  const text = readFileSync(file, 'utf8');
  const re = /^(opfoelgning: )(?![|>])/m;
  if (!re.test(text)) throw new BenchError(`${file} har ikke en opfølgningstekst at ændre`);
  writeFileSync(file, text.replace(re, '$1Opdateret til forhåndsvisning (SYNTETISK). '));
}

/** Every document's Markdown in out/ (not the kommune bundles, which hold PDFs only). */
function markdownFiles(out: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.md')) found.push(full);
    }
  };
  walk(out);
  return found;
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const step = options.onStep ?? (() => {});
  // Before any work of ours: a load here is other work competing for the cores.
  const host = await machine();
  const root = mkdtempSync(path.join(tmpdir(), 'aftaler-bench-'));
  try {
    step(`Danner syntetiske data (${options.kommuner} kommuner) i ${root}`);
    const { files, sampleHsa, ...dataset } = await generateScaleRepo(root, { kommuner: options.kommuner });
    // A one-time setup, as a real certificate is in CI: key generation is not part of a build.
    await loadOrCreateDevelopmentKey(root);

    step('Opstart af node + kontrol af den oversatte kode');
    const startup = await runCommand(STARTUP, []);
    if (startup.exitCode !== 0) throw new BenchError(`node scripts/launch.mjs kunne ikke starte:\n${excerpt(startup)}`);

    step('Kontrol (check)');
    const checkRun = await runCommand('check', ['--root', root, '--today', BENCH_TODAY, '--format', 'json']);
    if (checkRun.exitCode !== 0) throw new BenchError(`kontrollen af de syntetiske data fejlede (${exitText(checkRun)}):\n${excerpt(checkRun)}`);
    // A rule's findings in one file are capped in the report; `omitted` counts the rest, which
    // share the rule and so its severity.
    let findings: Array<{ severity?: string; omitted?: number }> = [];
    try {
      findings = JSON.parse(checkRun.stdout) as Array<{ severity?: string; omitted?: number }>;
    } catch {
      throw new BenchError(`check --format json skrev ikke JSON:\n${excerpt(checkRun)}`);
    }
    const count = (all: typeof findings, severity: string) => all.filter((f) => f.severity === severity).reduce((n, f) => n + 1 + (f.omitted ?? 0), 0);
    const check: CheckStep = {
      seconds: checkRun.wallSeconds,
      exitCode: checkRun.exitCode,
      errors: count(findings, 'error'),
      warnings: count(findings, 'warning'),
      maxRssMb: checkRun.maxRssMb,
      cpuSeconds: checkRun.cpuSeconds,
    };

    let json = true;
    const build = async (label: string, extra: readonly string[] = []): Promise<BuildStep> => {
      step(label);
      const base = ['--root', root, '--today', BENCH_TODAY, '--quiet', ...extra];
      const env = { SOURCE_DATE_EPOCH: BENCH_SOURCE_DATE_EPOCH };
      let run = await runCommand('build', json ? [...base, '--json'] : base, env);
      // A build without --json refuses the option as a usage error; read its text instead.
      if (json && run.exitCode === 2 && /json/.test(run.stderr)) {
        json = false;
        run = await runCommand('build', base, env);
      }
      if (run.exitCode !== 0) throw new BenchError(`${label} fejlede (${exitText(run)}):\n${excerpt(run)}`);
      const figures = parseBuildOutput(run.stdout);
      return {
        seconds: run.wallSeconds,
        buildSeconds: figures.seconds,
        documents: figures.documents,
        rendered: figures.rendered,
        reused: figures.reused,
        bundles: figures.bundles,
        files: figures.files,
        maxRssMb: run.maxRssMb ?? figures.maxRssMb,
        cpuSeconds: run.cpuSeconds,
      };
    };

    const code = codeFingerprint();
    const fullBuild = await build('Fuld build');
    const noopBuild = await build('Build igen uden ændringer');
    editHsa(path.join(root, sampleHsa));
    const editBuild = { ...(await build(`Build efter ændring af ${path.posix.basename(sampleHsa)}`)), editedFile: sampleHsa, field: EDITED_FIELD };

    const previewFile = previewHsa(root, files, sampleHsa);
    const previewId = path.posix.basename(previewFile, '.yaml');
    editFollowUp(path.join(root, previewFile));
    const previewBuild = {
      ...(await build(`Forhåndsvisning: build --only ${previewId} efter ændring af ${PREVIEW_FIELD}`, ['--only', previewId])),
      editedFile: previewFile,
      field: PREVIEW_FIELD,
      only: previewId,
    };

    const codeChanged = codeFingerprint() !== code;
    step('Markdown- og Word-trinnet alene (i denne proces)');
    const { markdown: markdownStage, word: wordStage } = await measureStages(root);

    const documents = fullBuild.documents ?? dataset.documents;
    const oursPerDocument = fullBuild.seconds / documents;
    const cpuPerDocumentMs = fullBuild.cpuSeconds === null ? null : (fullBuild.cpuSeconds * 1000) / (fullBuild.rendered ?? documents);
    const compare = (wall: number, cpuMs: number | null): Comparison => ({
      oursPerDocumentSeconds: oursPerDocument,
      oursCpuPerDocumentMs: cpuPerDocumentMs,
      wallRatio: oursPerDocument / wall,
      cpuRatio: cpuPerDocumentMs === null || cpuMs === null || cpuMs === 0 ? null : cpuPerDocumentMs / cpuMs,
    });
    const allMarkdown = markdownFiles(path.join(root, 'out'));
    let pandoc: PandocResult;
    if (!options.pandoc) pandoc = { available: false, reason: 'fravalgt (--no-pandoc)' };
    else if (!pandocAvailable()) pandoc = { available: false, reason: 'pandoc og weasyprint er ikke installeret' };
    else {
      const sampled = sample(allMarkdown, options.pandocSample);
      const parallel = host.nproc;
      step(`pandoc + WeasyPrint: ${sampled.length} dokumenter, ${parallel} ad gangen`);
      const run = await runPandoc(sampled, parallel);
      pandoc = { available: true, ...run, ...compare(run.perDocumentSeconds, run.cpuPerDocumentMs) };
    }
    let typst: TypstResult;
    const typstModule = options.typst ? await loadTypst() : undefined;
    if (!options.typst) typst = { available: false, reason: 'fravalgt (--no-typst)' };
    else if (typstModule === undefined) typst = { available: false, reason: `ikke installeret (${TYPST_INSTALL})` };
    else {
      step(`Typst: ${allMarkdown.length} dokumenter, ét ad gangen i én varm oversætter`);
      const run = runTypst(typstModule, allMarkdown);
      typst = { available: true, ...run, ...compare(run.perDocumentSeconds, run.cpuPerDocumentMs) };
    }

    const rss = [check.maxRssMb, fullBuild.maxRssMb, noopBuild.maxRssMb, editBuild.maxRssMb, previewBuild.maxRssMb].filter((v): v is number => v !== null);
    return {
      date: todayInDenmark(),
      machine: host,
      kommuner: options.kommuner,
      startupSeconds: startup.wallSeconds,
      dataset,
      check,
      fullBuild,
      noopBuild,
      editBuild,
      previewBuild,
      markdownStage,
      wordStage,
      documentsPerSecond: documents / fullBuild.seconds,
      cpuPerDocumentMs,
      peakRssMb: rss.length > 0 ? Math.max(...rss) : null,
      codeChanged,
      buildJson: json,
      pandoc,
      typst,
      tempDir: options.keep ? root : null,
    };
  } finally {
    if (!options.keep) rmSync(root, { recursive: true, force: true });
  }
}
