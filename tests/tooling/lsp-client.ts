import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createRequire } from 'node:module';

/** A JSON-RPC message as LSP frames it (requests, responses and notifications alike). */
interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

interface Waiter {
  method: string;
  accept: (params: unknown) => boolean;
  resolve: (params: unknown) => void;
}

/** Answers a request the server sends the client (`workspace/configuration` and the like). */
export type ServerRequestHandler = (method: string, params: unknown) => unknown;

/**
 * A minimal LSP client over stdio: just enough JSON-RPC to drive the real yaml-language-server
 * from a test (Content-Length framing, requests with ids, notifications, server requests).
 * Written by hand because the project has no LSP client library and needs only this much.
 */
export class LspClient {
  readonly #child: ChildProcessWithoutNullStreams;
  #buffer = Buffer.alloc(0);
  #nextId = 1;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly #waiters: Waiter[] = [];
  /** Every notification received, so a waiter registered late still sees earlier ones. */
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  stderr = '';
  #exited = false;

  constructor(
    command: string,
    args: readonly string[],
    readonly onServerRequest: ServerRequestHandler,
    cwd: string,
  ) {
    this.#child = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.#child.stdout.on('data', (chunk: Buffer) => this.#receive(chunk));
    this.#child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.#child.on('exit', () => {
      this.#exited = true;
      for (const { reject } of this.#pending.values()) reject(new Error(`server exited; stderr: ${this.stderr}`));
      this.#pending.clear();
    });
  }

  /** Starts the yaml-language-server installed in node_modules with `--stdio`. */
  static yamlLanguageServer(cwd: string, onServerRequest: ServerRequestHandler): LspClient {
    const bin = createRequire(import.meta.url).resolve('yaml-language-server/bin/yaml-language-server');
    return new LspClient(process.execPath, [bin, '--stdio'], onServerRequest, cwd);
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.#send({ jsonrpc: '2.0', method, params });
  }

  /**
   * Resolves with the first notification of `method` that `accept` accepts, among those received
   * from index `since` of `notifications` on (so one sent before a request can be told apart).
   */
  waitForNotification(method: string, accept: (params: unknown) => boolean, timeoutMs: number, since = 0): Promise<unknown> {
    const seen = this.notifications.slice(since).find((n) => n.method === method && accept(n.params));
    if (seen) return Promise.resolve(seen.params);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        method,
        accept,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new Error(`no ${method} within ${timeoutMs} ms; stderr: ${this.stderr}`));
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  /** Polite shutdown, then SIGKILL if the server does not exit in time. Safe to call twice. */
  async stop(timeoutMs = 2000): Promise<void> {
    if (this.#exited) return;
    // Each says which came first: whether it exited, or the time ran out.
    const exited = new Promise<boolean>((resolve) => this.#child.once('exit', () => resolve(true)));
    const deadline = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    try {
      await Promise.race([this.request('shutdown', null), deadline]);
      this.notify('exit', null);
    } catch {
      // already gone
    }
    if (!(await Promise.race([exited, deadline]))) this.#child.kill('SIGKILL');
  }

  #send(message: Message): void {
    if (this.#exited) return;
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.#child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.#child.stdin.write(body);
  }

  #receive(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const headerEnd = this.#buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = /Content-Length: (\d+)/i.exec(this.#buffer.subarray(0, headerEnd).toString('ascii'));
      if (!length) {
        // Not LSP framing (a stray log line on stdout): skip it rather than crash the test run.
        this.#buffer = this.#buffer.subarray(headerEnd + 4);
        continue;
      }
      const start = headerEnd + 4;
      const end = start + Number(length[1]);
      if (this.#buffer.length < end) return;
      const message = JSON.parse(this.#buffer.subarray(start, end).toString('utf8')) as Message;
      this.#buffer = this.#buffer.subarray(end);
      this.#dispatch(message);
    }
  }

  #dispatch(message: Message): void {
    if (message.method !== undefined && message.id !== undefined) {
      // A request from the server: answer it, or it may wait for us forever.
      let result: unknown;
      try {
        result = this.onServerRequest(message.method, message.params);
      } catch {
        result = null;
      }
      this.#send({ jsonrpc: '2.0', id: message.id, result: result ?? null });
      return;
    }
    if (message.method !== undefined) {
      this.notifications.push({ method: message.method, params: message.params });
      for (const waiter of [...this.#waiters]) {
        if (waiter.method === message.method && waiter.accept(message.params)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(message.params);
        }
      }
      return;
    }
    if (typeof message.id === 'number') {
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.error) pending?.reject(new Error(`${message.error.code}: ${message.error.message}`));
      else pending?.resolve(message.result);
    }
  }
}
