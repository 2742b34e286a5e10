import { Worker } from 'node:worker_threads';
import { RUNS_COMPILED } from '../basics/repo-root.ts';
import type { CombinedJob } from '../emit/combined.ts';
import { TemplateError } from '../render/template-error.ts';
import { SigningError, type SigningErrorCode } from '../sign/errors.ts';
import type { DocumentOutput, ReuseIf } from './render-output.ts';

export interface WorkerInit {
  root: string;
  /** Only what the signing key and seal time are read from; never logged. */
  env: NodeJS.ProcessEnv;
  sealTime: number;
  /** The TSA the seals are timestamped by (`segl.tidsstempel_url`), if any. */
  timestampUrl?: string;
  /** The commit the data is read from (short sha), or null: named in every .docx. */
  commit: string | null;
}

export type Task = { kind: 'document'; id: string; reuse?: ReuseIf } | { kind: 'combined'; job: CombinedJob };
export type TaskResult = { kind: 'document'; output: DocumentOutput } | { kind: 'combined'; pdf: Uint8Array; pages: number };
export interface PoolRequest {
  id: number;
  task: Task;
}
/**
 * A failure as it crosses threads: a template mistake keeps its place, so staff still see it, and
 * a signing failure (a TSA that does not answer, say) stays one, so it is reported as such.
 */
export type TaskFailure = {
  message: string;
  template?: { rule: TemplateError['rule']; file: string; line: number; column: number };
  signing?: SigningErrorCode;
};
export type PoolResponse = { id: number; ok: true; result: TaskResult } | ({ id: number; ok: false } & TaskFailure);

export function toFailure(error: unknown): TaskFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof TemplateError) return { message, template: { rule: error.rule, file: error.file, line: error.line, column: error.column } };
  if (error instanceof SigningError) return { message, signing: error.code };
  return { message };
}

/** The error a failure stood for, of the same class (the CLI reports each class its own way). */
export function fromFailure(failure: TaskFailure): Error {
  const t = failure.template;
  if (t) return new TemplateError(t.rule, t.file, t.line, t.column, failure.message);
  return failure.signing ? new SigningError(failure.signing, failure.message) : new Error(failure.message);
}

/**
 * Worker threads start the worker module from an absolute URL, so the current directory does not
 * matter: compiled, as it is; from the sources, through tsx's API (workers do not inherit the
 * loader hooks).
 */
function bootstrap(): string {
  if (RUNS_COMPILED) return `import(${JSON.stringify(new URL('./render-worker.js', import.meta.url).href)});`;
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./render-worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
}

/** Old-generation heap per worker thread, in MB. */
const WORKER_HEAP_MB = 160;

interface Pending {
  resolve: (result: TaskResult) => void;
  reject: (error: Error) => void;
}

/** Runs a task in the calling thread (the main thread's share of the work). */
export type LocalRunner = (task: Task) => Promise<TaskResult>;

/**
 * Tasks a worker holds at once: it renders one and has the next at hand, so it need not wait
 * for this thread (busy rendering its own share) to hand it more.
 */
const WORKER_PREFETCH = 2;

/**
 * Rendering threads fed from one queue in order: a fixed set of workers, each rendering one
 * task at a time, and optionally this thread too (`local`), so that on n cores n - 1 workers
 * suffice — one thread fewer to start and to hold data, templates and fonts. Results do not
 * depend on which thread made them.
 */
export class RenderPool {
  readonly #workers: Worker[] = [];
  readonly #load = new Map<Worker, number>();
  readonly #queue: Array<{ request: PoolRequest } & Pending> = [];
  readonly #pending = new Map<number, Pending & { worker: Worker }>();
  #local: LocalRunner | undefined;
  #localBusy = false;
  #next = 0;
  #failure: Error | undefined;

  constructor(size: number, init: WorkerInit, local?: LocalRunner) {
    this.#local = local;
    for (let i = 0; i < size; i++) {
      // A modest heap limit makes V8 collect each finished document's layout early instead of
      // growing; one document at a time needs far less.
      const worker = new Worker(bootstrap(), { eval: true, workerData: init, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      worker.on('message', (response: PoolResponse) => this.#settle(worker, response));
      worker.on('error', (error) => this.#fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.#fail(new Error(`en arbejdstråd stoppede uventet (kode ${code})`));
      });
      this.#workers.push(worker);
      this.#load.set(worker, 0);
    }
  }

  /** Lets this thread take tasks too, from now on (for a pool started before it knew the work). */
  setLocal(local: LocalRunner): void {
    this.#local = local;
  }

  run(task: Task): Promise<TaskResult> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      const queued = { request: { id: this.#next++, task }, resolve, reject };
      // A combined PDF is queued once its members are done: ahead of the remaining documents,
      // so bundles are finished along the way rather than all after the last document.
      if (task.kind === 'combined') this.#queue.unshift(queued);
      else this.#queue.push(queued);
      // Later: callers queue many tasks in one go, and this thread may take one of them itself.
      queueMicrotask(() => this.#dispatch());
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }

  #dispatch(): void {
    while (this.#queue.length > 0 && this.#failure === undefined) {
      const worker = this.#leastLoaded();
      if (worker !== undefined) {
        const { request, resolve, reject } = this.#queue.shift()!;
        this.#pending.set(request.id, { resolve, reject, worker });
        this.#load.set(worker, this.#load.get(worker)! + 1);
        worker.postMessage(request);
      } else if (this.#local !== undefined && !this.#localBusy) {
        const { request, resolve, reject } = this.#queue.shift()!;
        this.#localBusy = true;
        this.#local(request.task)
          .then(resolve, reject)
          .finally(() => {
            this.#localBusy = false;
            this.#dispatch();
          });
      } else return;
    }
  }

  #leastLoaded(): Worker | undefined {
    let best: Worker | undefined;
    for (const worker of this.#workers) {
      const load = this.#load.get(worker)!;
      if (load < WORKER_PREFETCH && (best === undefined || load < this.#load.get(best)!)) best = worker;
    }
    return best;
  }

  #settle(worker: Worker, response: PoolResponse): void {
    const pending = this.#pending.get(response.id);
    if (!pending) return;
    this.#pending.delete(response.id);
    this.#load.set(worker, this.#load.get(worker)! - 1);
    if (response.ok) pending.resolve(response.result);
    else pending.reject(fromFailure(response));
    this.#dispatch();
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const p of this.#pending.values()) p.reject(error);
    this.#pending.clear();
    for (const q of this.#queue.splice(0)) q.reject(error);
  }
}
