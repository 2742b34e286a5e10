import { availableParallelism } from 'node:os';
import { combinedPdf, type CombinedJob } from '../emit/combined.ts';
import type { DocumentKind } from '../model/kinds.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { RenderContext } from './context.ts';
import { RenderPool, type WorkerInit } from './pool.ts';
import { renderOutput, type DocumentOutput } from './render-output.ts';

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
    document: (doc) => serial(() => renderOutput(ctx, doc)),
    combined: (job) =>
      serial(async () => {
        const pdf = await combinedPdf(job, ctx.seal);
        return { pdf: pdf.bytes, pages: pdf.pages };
      }),
    close: async () => {},
  };
}

function pooledRenderer(pool: RenderPool): Renderer {
  return {
    async document(doc) {
      const result = await pool.run({ kind: 'document', id: doc.data.id });
      if (result.kind !== 'document') throw new Error('uventet svar fra arbejdstråd');
      return result.output;
    },
    async combined(job) {
      const result = await pool.run({ kind: 'combined', job });
      if (result.kind !== 'combined') throw new Error('uventet svar fra arbejdstråd');
      return { pdf: result.pdf, pages: result.pages };
    },
    close: () => pool.close(),
  };
}

/** Workers sized to the cores (or `jobs`), for enough work; otherwise this thread. */
export function createRenderer(ctx: RenderContext, tasks: number, init: WorkerInit, jobs = availableParallelism()): Renderer {
  const size = Math.min(jobs, Math.ceil(tasks / 2));
  return size > 1 && tasks >= WORKER_THRESHOLD ? pooledRenderer(new RenderPool(size, init)) : inlineRenderer(ctx);
}
