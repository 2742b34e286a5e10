/**
 * Runs one of the project's commands the way a user does (`node scripts/launch.mjs <command>`),
 * timing it from spawn to exit, so startup, the launcher's check that the compiled code is current
 * and the check of the data are in the figure.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../basics/repo-root.ts';

/** The preloaded module that reports a command's usage (plain JavaScript: it runs from the sources). */
const PROBE = pathToFileURL(path.join(REPO_ROOT, 'scripts', 'bench', 'usage-probe.mjs')).href;
const LAUNCHER = path.join(REPO_ROOT, 'scripts', 'launch.mjs');
/** Where the probe writes; read by usage-probe.mjs. */
const USAGE_FILE_ENV = 'AFTALER_BENCH_USAGE_FILE';

/** What the probe writes: kilobytes and microseconds, as getrusage gives them. */
interface ProcessUsage {
  maxRssKb: number;
  userMicros: number;
  systemMicros: number;
}

export interface CommandRun {
  /** Seconds from spawn to exit. */
  wallSeconds: number;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Peak RSS of the command's process (worker threads included), from the probe; null if it did not report. */
  maxRssMb: number | null;
  /** User + system CPU seconds of the command's process, all its threads, from the probe; null if it did not report. */
  cpuSeconds: number | null;
}

/**
 * The Node options `npm run <command>` gives (package.json: `node <options> scripts/launch.mjs
 * <command>`), so the figures are those of the command as users run it — e.g. the build's heap limit.
 */
export function nodeOptionsOf(command: string): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  const words = (scripts[command] ?? '').split(/\s+/);
  const end = words.indexOf('scripts/launch.mjs');
  return words[0] === 'node' && end > 0 ? words.slice(1, end).filter((w) => w.startsWith('--')) : [];
}

/**
 * The baseline: Node starting the launcher, which checks that the compiled code is current and
 * runs nothing (`--compile` with nothing to compile).
 */
export const STARTUP = 'startup';

export function runCommand(command: 'check' | 'build' | typeof STARTUP, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CommandRun> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'aftaler-bench-usage-'));
  const usageFile = path.join(scratch, 'usage.json');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const options = command === STARTUP ? [] : nodeOptionsOf(command);
    const launch = command === STARTUP ? ['--compile'] : [command, ...args];
    const child = spawn(process.execPath, [...options, '--import', PROBE, LAUNCHER, ...launch], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env, [USAGE_FILE_ENV]: usageFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (error) => {
      rmSync(scratch, { recursive: true, force: true });
      reject(error);
    });
    child.on('close', (code) => {
      const wallSeconds = (performance.now() - started) / 1000;
      let maxRssMb: number | null = null;
      let cpuSeconds: number | null = null;
      try {
        const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as ProcessUsage;
        maxRssMb = Math.round(usage.maxRssKb / 1024);
        cpuSeconds = (usage.userMicros + usage.systemMicros) / 1e6;
      } catch {
        // killed before its exit handler ran: no figure rather than a wrong one
      }
      rmSync(scratch, { recursive: true, force: true });
      resolve({ wallSeconds, exitCode: code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), maxRssMb, cpuSeconds });
    });
  });
}
