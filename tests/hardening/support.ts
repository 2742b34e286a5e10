import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { CheckResult } from '../../scripts/check/check-repository.ts';
import { toJson, type JsonDiagnostic } from '../../scripts/diagnostics/report-json.ts';
import { STACK_TRACE } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { REPO_ROOT, type RepoCopy } from '../helpers/repo.ts';

export const DIR = 'agreements/midt-og-vestsjaelland';
export const HSA = `${DIR}/holbaek/hsa-holbaek-akutsygepleje.yaml`;
export const SAG = `${DIR}/sag-emn-2025-10366.yaml`;
export const DELING = `${DIR}/holbaek/delingsaftale-holbaek.yaml`;
export const TODAY = '2026-01-15';
/** 2026-02-24: builds of a copy outside git are reproducible. */
export const ENV = { SOURCE_DATE_EPOCH: '1771891200' };
const HOSTILE_DIR = path.join(REPO_ROOT, 'tests', 'fixtures', 'hostile');

export function hostile(name: string): Buffer {
  return readFileSync(path.join(HOSTILE_DIR, name));
}

/** Findings as `npm run check -- --format json` prints them: 1-based lines and columns. */
export function positioned(check: CheckResult): JsonDiagnostic[] {
  return toJson(check.diagnostics, check.load.sources);
}

/** The file's text as the loader sees it (UTF-8, lenient, byte order mark dropped). */
function linesOf(absolute: string): string[] {
  return new TextDecoder('utf-8').decode(readFileSync(absolute)).split('\n');
}

/**
 * Every finding points inside its file: a line that exists, a column at most one past that
 * line's end, and a message on one line (a value must not add lines to a report).
 */
export function expectInsideFiles(root: string, findings: readonly JsonDiagnostic[]): void {
  for (const f of findings) {
    const where = `${f.rule} ${f.file}:${f.line}:${f.column} ${f.message}`;
    expect(f.message, where).not.toMatch(/[\n\r]/);
    expect(f.message, where).not.toMatch(STACK_TRACE);
    const absolute = path.join(root, f.file);
    if (!existsSync(absolute) || !lstatSync(absolute).isFile()) {
      expect([f.line, f.column], where).toEqual([1, 1]); // a file-level finding (folder, link, odd name)
      continue;
    }
    const lines = linesOf(absolute);
    expect(f.line, where).toBeGreaterThanOrEqual(1);
    expect(f.line, where).toBeLessThanOrEqual(lines.length);
    expect(f.column, where).toBeGreaterThanOrEqual(1);
    expect(f.column, where).toBeLessThanOrEqual(lines[f.line - 1]!.length + 1);
  }
}

/** Own property names and descriptors of the prototypes hostile keys aim at. */
export function prototypeSnapshot(): string {
  const describe = (o: object) =>
    Object.getOwnPropertyNames(o)
      .sort()
      .map((n) => {
        const d = Object.getOwnPropertyDescriptor(o, n)!;
        return `${n}:${typeof d.value}:${String(d.writable)}:${String(d.enumerable)}`;
      })
      .join(',');
  return [Object.prototype, Array.prototype, Function.prototype].map(describe).join('|');
}

export function expectNoPollution(before: string): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
  expect(prototypeSnapshot()).toBe(before);
}

/** sha256 of every file (and link target) below `dir`, by relative path. */
export function treeHashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = path.join(current, name);
      const rel = path.relative(dir, full).split(path.sep).join('/');
      const stat = lstatSync(full);
      if (stat.isSymbolicLink()) out.set(rel, `link:${readlinkSync(full)}`);
      else if (stat.isDirectory()) walk(full);
      else out.set(rel, createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

/** Hashes of the three source folders of a copy: what no command may change. */
export function sourceHashes(repo: RepoCopy): Record<string, Map<string, string>> {
  return Object.fromEntries(['agreements', 'schemas', 'templates'].map((p) => [p, treeHashes(repo.path(p))]));
}

export interface NodeRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

const cliArgs = (command: string, args: readonly string[], heapMb?: number) => [
  ...(heapMb ? [`--max-old-space-size=${heapMb}`] : []),
  '--import',
  'tsx',
  path.join(REPO_ROOT, 'scripts', 'cli', `${command}.ts`),
  ...args,
];

/** Runs a command as a user would, optionally with a small heap, and times it. */
export function runCommand(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; heapMb?: number; timeoutMs?: number } = {}): NodeRun {
  const started = performance.now();
  const r = spawnSync(process.execPath, cliArgs(command, args, options.heapMb), {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    timeout: options.timeoutMs ?? 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
}

/**
 * runCommand's result from a run inside this process (tests/helpers/in-process.ts): the same
 * code from the command line to the exit code, without the cost of starting Node; no heap limit
 * and no signal, so the cases that are about those keep runCommand.
 */
export async function runInThisProcess(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<NodeRun> {
  const r = await runInProcess(command, args, options.env);
  return { code: r.code, signal: null, stdout: r.stdout, stderr: r.stderr, ms: r.ms };
}

/** Starts a command in the background; `stderr` grows as the command prints. */
export function startCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, cliArgs(command, args), { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const state = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (s: string) => (state.stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (state.stderr += s));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  /** Resolves once the output so far matches `pattern`, or rejects after `timeoutMs`. */
  const waitFor = (pattern: RegExp, timeoutMs = 120_000) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = () => {
        if (pattern.test(state.stderr) || pattern.test(state.stdout)) resolve();
        else if (child.exitCode !== null || child.signalCode !== null) reject(new Error(`exited before ${String(pattern)}: ${state.stdout}${state.stderr}`));
        else if (Date.now() - started > timeoutMs) reject(new Error(`timed out waiting for ${String(pattern)}`));
        else setTimeout(poll, 20);
      };
      poll();
    });
  return { child, state, exited, waitFor };
}
