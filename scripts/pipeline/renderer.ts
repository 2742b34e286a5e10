import { availableParallelism } from 'node:os';
import type { CombinedJob } from '../emit/combined.ts';
import type { DocumentKind } from '../model/kinds.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { RenderContext } from './context.ts';
import { RenderPool, type Task, type TaskResult, type WorkerInit } from './pool.ts';
import type { DocumentOutput } from './render-output.ts';

/** Renders documents and combined PDFs, in this thread or in a pool of workers. */
export interface Renderer {
  document(doc: SourceDocument<DocumentKind>): Promise<DocumentOutput>;
  combined(job: CombinedJob): Promise<{ pdf: Uint8Array; pages: number }>;
  close(): Promise<void>;
}

/**
 * Below this many tasks, starting workers (each loads data, fonts and keys) costs more than
 * it saves: a one-document rebuild stays in this thread.
 */
export const WORKER_THRESHOLD = 8;

/**
 * Renders in this thread, one task at a time: callers may start every task at once (they do,
 * with Promise.all), but a PDF's layout is large, and hundreds of them in flight together
 * would hold all their layouts in memory at the same time.
 */
export function inlineRenderer(ctx: RenderContext): Renderer {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    document: (doc) => serial(async () => documentResult(await runLocally(ctx, { kind: 'document', id: doc.data.id }))),
    combined: (job) => serial(async () => combinedResult(await runLocally(ctx, { kind: 'combined', job }))),
    close: async () => {},
  };
}

/** A task in this thread; the PDF stack is loaded on first use, so a no-op build never loads it. */
async function runLocally(ctx: RenderContext, task: Task): Promise<TaskResult> {
  return (await import('./run-task.ts')).runTask(ctx, task);
}

function documentResult(result: TaskResult): DocumentOutput {
  if (result.kind !== 'document') throw new Error('uventet svar fra arbejdstråd');
  return result.output;
}

function combinedResult(result: TaskResult): { pdf: Uint8Array; pages: number } {
  if (result.kind !== 'combined') throw new Error('uventet svar fra arbejdstråd');
  return { pdf: result.pdf, pages: result.pages };
}

function pooledRenderer(pool: RenderPool): Renderer {
  return {
    document: async (doc) => documentResult(await pool.run({ kind: 'document', id: doc.data.id })),
    combined: async (job) => combinedResult(await pool.run({ kind: 'combined', job })),
    close: () => pool.close(),
  };
}

/**
 * As many rendering threads as cores (or `jobs`) for enough work: this thread and jobs - 1
 * workers. Otherwise this thread alone.
 */
export function createRenderer(ctx: RenderContext, tasks: number, init: WorkerInit, jobs = availableParallelism()): Renderer {
  const threads = Math.min(jobs, Math.ceil(tasks / 2));
  if (threads < 2 || tasks < WORKER_THRESHOLD) return inlineRenderer(ctx);
  return pooledRenderer(new RenderPool(threads - 1, init, (task) => runLocally(ctx, task)));
}
