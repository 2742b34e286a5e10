import { availableParallelism } from 'node:os';
import type { CombinedJob } from '../emit/combined.ts';
import type { DocumentKind } from '../model/kinds.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { RenderContext } from './context.ts';
import { RenderPool, type Task, type TaskResult, type WorkerInit } from './pool.ts';
import type { DocumentOutput, ReuseIf } from './render-output.ts';

/** Renders documents and combined PDFs, in this thread or in a pool of workers. */
export interface Renderer {
  /** A document's outputs; with `reuse`, none (`unchanged`) when its render digest is that one. */
  document(doc: SourceDocument<DocumentKind>, reuse?: ReuseIf): Promise<DocumentOutput>;
  combined(job: CombinedJob): Promise<{ pdf: Uint8Array; pages: number }>;
  close(): Promise<void>;
}

/**
 * Below this many tasks, starting workers (each loads data, fonts and keys) costs more than
 * it saves, whatever --jobs says: a one-document rebuild stays in this thread.
 */
const WORKER_THRESHOLD = 8;

/**
 * Tasks (documents and combined PDFs) each thread beyond this one must have before it pays, when
 * --jobs is not given. Measured on a 2-core machine with paired runs of the build, --jobs 2
 * against --jobs 1 (2026-12-02; `npm run bench` now reports the CPU beside the wall time):
 * - the shipped data, a full build (41 tasks): 13 % more wall time, 39 % more CPU, 50 % more memory;
 * - one HSA changed in the 46-kommune set (about 25 tasks): 12 % more wall, 36 % more CPU;
 * - the 46-kommune set, a full build (260 tasks): 8 % less wall, 20 % more CPU.
 * Every worker loads the whole stack, and two renderers on two cores slow each other (memory,
 * garbage collection); a straight line through the figures breaks even near 85 tasks.
 */
export const TASKS_PER_EXTRA_THREAD = 85;

/**
 * Renders in this thread, one task at a time: callers may start every task at once (they do,
 * with Promise.all), but a PDF's layout is large, and hundreds of them in flight together
 * would hold all their layouts in memory at the same time.
 */
function inlineRenderer(ctx: RenderContext): Renderer {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    document: (doc, reuse) => serial(async () => documentResult(await runLocally(ctx, { kind: 'document', id: doc.data.id, reuse }))),
    combined: (job) => serial(async () => combinedResult(await runLocally(ctx, { kind: 'combined', job }))),
    close: async () => {},
  };
}

/** A task in this thread; the PDF stack is loaded on first use, so a no-op build never loads it. */
async function runLocally(ctx: RenderContext, task: Task): Promise<TaskResult> {
  return (await import('./run-task.ts')).runTask(ctx, task);
}

function documentResult(result: TaskResult): DocumentOutput {
  if (result.kind !== 'document') throw new Error('uventet svar på en dannelsesopgave');
  return result.output;
}

function combinedResult(result: TaskResult): { pdf: Uint8Array; pages: number } {
  if (result.kind !== 'combined') throw new Error('uventet svar på en dannelsesopgave');
  return { pdf: result.pdf, pages: result.pages };
}

function pooledRenderer(pool: RenderPool): Renderer {
  return {
    document: async (doc, reuse) => documentResult(await pool.run({ kind: 'document', id: doc.data.id, reuse })),
    combined: async (job) => combinedResult(await pool.run({ kind: 'combined', job })),
    close: () => pool.close(),
  };
}

/**
 * Rendering threads for `tasks`: with --jobs, that many (when there are two tasks for each);
 * without it, one more thread per TASKS_PER_EXTRA_THREAD tasks, up to the cores.
 */
export function renderThreads(jobs: number | undefined, tasks: number): number {
  if (jobs !== undefined) return Math.max(1, Math.min(jobs, Math.ceil(tasks / 2)));
  return Math.max(1, Math.min(availableParallelism(), 1 + Math.floor(tasks / TASKS_PER_EXTRA_THREAD)));
}

/**
 * This thread and renderThreads - 1 workers for enough work; otherwise this thread alone —
 * unless workers were started already (`started`, while this thread checked the data): then
 * they do a small job alone, and this thread need not load the PDF stack at all.
 */
export function createRenderer(ctx: RenderContext, tasks: number, init: WorkerInit, jobs?: number, started?: RenderPool): Renderer {
  const threads = renderThreads(jobs, tasks);
  const enough = threads >= 2 && tasks >= WORKER_THRESHOLD;
  if (started) {
    if (enough) started.setLocal((task) => runLocally(ctx, task));
    return pooledRenderer(started);
  }
  if (!enough) return inlineRenderer(ctx);
  return pooledRenderer(new RenderPool(threads - 1, init, (task) => runLocally(ctx, task)));
}

/**
 * Workers started before the check, when the build will most likely render `expectedTasks`
 * (its inputs changed since the last build): they load data, templates, fonts and keys on the
 * other cores while this thread checks. None when one thread is enough for that many.
 */
export function startWorkersEarly(init: WorkerInit, jobs: number | undefined, expectedTasks: number): RenderPool | undefined {
  const threads = renderThreads(jobs, expectedTasks);
  return threads >= 2 && expectedTasks >= WORKER_THRESHOLD ? new RenderPool(threads - 1, init) : undefined;
}
