/**
 * A rendering worker thread: loads data, templates, fonts and the signing key once, then
 * renders documents and combined PDFs on request, one at a time in the order received (the
 * pool sends the next task ahead). Results carry their PDF bytes as transferred buffers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createContext } from './context.ts';
import { toFailure, type PoolRequest, type PoolResponse, type WorkerInit } from './pool.ts';
import { runTask } from './run-task.ts';

const init = workerData as WorkerInit;
const port = parentPort!;
const ready = createContext(init.root, init.env, new Date(init.sealTime), init.commit, init.timestampUrl);
// A worker may start before the main thread has checked data and keys (see startWorkersEarly):
// a failure here is reported with the first task, or not at all if the build stops before.
ready.catch(() => undefined);
let queue: Promise<void> = Promise.resolve();

async function handle(request: PoolRequest): Promise<void> {
  try {
    const result = await runTask(await ready, request.task);
    const response: PoolResponse = { id: request.id, ok: true, result };
    const bytes = result.kind === 'document' ? [result.output.pdf, result.output.docx] : [result.pdf];
    port.postMessage(
      response,
      bytes.map((b) => b.buffer as ArrayBuffer),
    );
  } catch (error) {
    const response: PoolResponse = { id: request.id, ok: false, ...toFailure(error) };
    port.postMessage(response);
  }
}

port.on('message', (request: PoolRequest) => {
  queue = queue.then(() => handle(request));
});
