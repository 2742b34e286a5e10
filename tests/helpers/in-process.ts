import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CliResult } from './cli.ts';
import { REPO_ROOT } from './repo.ts';

/**
 * Runs one of the project's commands inside the test's own process: its module is evaluated
 * afresh with the given arguments and environment, and what it writes to stdout and stderr is
 * captured. The same code path as `npm run <command>` from parsing the command line to the exit
 * code (scripts/cli/cli.ts), without starting Node and tsx for every case (about a second of
 * CPU each). What only a real process shows — a heap limit, a signal, a closed pipe, caches
 * shared between separate runs — stays with tests/helpers/cli.ts's runCli.
 *
 * Runs are queued: a command owns process.argv, process.env, process.exitCode and the two
 * output streams while it runs.
 */
export function runInProcess(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult & { ms: number }> {
  const run = queue.then(() => runOnce(command, args, env));
  queue = run.catch(() => undefined);
  return run;
}

let queue: Promise<unknown> = Promise.resolve();
let runs = 0;

type Write = typeof process.stdout.write;

/** A stream's write that keeps the bytes instead; callbacks are called as a real stream would. */
function capture(chunks: Buffer[]): Write {
  return function write(
    chunk: string | Uint8Array,
    encoding?: BufferEncoding | ((error?: Error | null) => void),
    callback?: (error?: Error | null) => void,
  ): boolean {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (done) queueMicrotask(() => done(null));
    return true;
  };
}

async function runOnce(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult & { ms: number }> {
  const script = path.join(REPO_ROOT, 'scripts', 'cli', `${command}.ts`);
  const saved = {
    argv: process.argv,
    exitCode: process.exitCode,
    // The streams' own write methods, kept to be put back as they were: never called, so unbound on purpose.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    out: process.stdout.write,
    // eslint-disable-next-line @typescript-eslint/unbound-method
    err: process.stderr.write,
    env: new Map<string, string | undefined>(),
  };
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  for (const [name, value] of Object.entries(env)) {
    saved.env.set(name, process.env[name]);
    if (value === undefined) Reflect.deleteProperty(process.env, name);
    else process.env[name] = value;
  }
  process.argv = [process.execPath, script, ...args];
  process.exitCode = undefined;
  const started = performance.now();
  process.stdout.write = capture(stdout);
  process.stderr.write = capture(stderr);
  try {
    // A query makes it a new module instance, so the command's top level runs again.
    await import(/* @vite-ignore */ `${pathToFileURL(script).href}?run=${++runs}`);
    const { lastRun } = await import('../../scripts/cli/cli.ts');
    await lastRun;
    // Set by the command; TypeScript still sees the undefined assigned above.
    const exitCode = process.exitCode as typeof saved.exitCode;
    const code = exitCode === undefined ? 0 : Number(exitCode);
    return { code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), ms: performance.now() - started };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    process.argv = saved.argv;
    process.exitCode = saved.exitCode;
    for (const [name, value] of saved.env) {
      if (value === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = value;
    }
  }
}
