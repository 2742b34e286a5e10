/**
 * A rendering worker thread: loads data, templates, fonts and the signing key once, then
 * renders documents and combined PDFs on request. Results carry their PDF bytes as
 * transferred buffers, not copies.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { combinedPdf } from '../emit/combined.ts';
import type { DocumentKind } from '../model/kinds.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { createContext } from './context.ts';
import { toFailure, type PoolRequest, type PoolResponse, type WorkerInit } from './pool.ts';
import { renderOutput } from './render-output.ts';

const init = workerData as WorkerInit;
const port = parentPort!;
const ready = createContext(init.root, init.env, new Date(init.sealTime));

port.on('message', (request: PoolRequest) => {
  void (async () => {
    try {
      const ctx = await ready;
      if (request.task.kind === 'document') {
        const doc = ctx.repo.byId(request.task.id) as SourceDocument<DocumentKind> | undefined;
        if (!doc) throw new Error(`dokumentet ${request.task.id} findes ikke i arbejdstråden`);
        const output = await renderOutput(ctx, doc);
        const response: PoolResponse = { id: request.id, ok: true, result: { kind: 'document', output } };
        port.postMessage(response, [output.pdf.buffer as ArrayBuffer]);
      } else {
        const pdf = await combinedPdf(request.task.job, ctx.seal);
        const response: PoolResponse = { id: request.id, ok: true, result: { kind: 'combined', pdf: pdf.bytes, pages: pdf.pages } };
        port.postMessage(response, [pdf.bytes.buffer as ArrayBuffer]);
      }
    } catch (error) {
      const response: PoolResponse = { id: request.id, ok: false, ...toFailure(error) };
      port.postMessage(response);
    }
  })();
});
