/** One rendering task, the same in a worker thread and in the main thread's share of the work. */
import { combinedPdf } from '../emit/combined.ts';
import { renderedDocument } from '../kinds/index.ts';
import type { RenderContext } from './context.ts';
import type { Task, TaskResult } from './pool.ts';
import { renderOutput } from './render-output.ts';

export async function runTask(ctx: RenderContext, task: Task): Promise<TaskResult> {
  if (task.kind === 'document') {
    const doc = renderedDocument(ctx.repo, task.id);
    if (!doc) throw new Error(`dokumentet ${task.id} findes ikke i de indlæste data`);
    return { kind: 'document', output: await renderOutput(ctx, doc, task.reuse) };
  }
  const pdf = await combinedPdf(task.job, ctx.seal);
  return { kind: 'combined', pdf: pdf.bytes, pages: pdf.pages };
}
