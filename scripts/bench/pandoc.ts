/**
 * The reference point for »fast«: the same Markdown files through pandoc with WeasyPrint, the
 * usual Markdown → PDF route. Optional: only when both programs are installed; nothing in the
 * tests or CI depends on them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PandocRun {
  documents: number;
  /** Conversions running at once: as many as the build has worker threads (one per core). */
  parallel: number;
  seconds: number;
  perDocumentSeconds: number;
  /** Conversions that failed (exit code ≠ 0); their time still counts. */
  failed: number;
  /** User + system CPU seconds of every conversion (pandoc and the WeasyPrint it starts); null if a shell did not report it. */
  cpuSeconds: number | null;
  cpuPerDocumentMs: number | null;
}

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], { stdio: 'ignore' }).status === 0;
}

export function pandocAvailable(): boolean {
  return hasCommand('pandoc') && hasCommand('weasyprint');
}

/** `count` files spread evenly over the sorted list (every kind of document, not just the first). */
export function sample<T>(items: readonly T[], count: number | undefined): T[] {
  if (count === undefined || count >= items.length) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
}

/**
 * Runs pandoc inside a shell that prints `times` after it: POSIX gives two lines, the shell's own
 * user and system time, then its children's. getrusage counts a child only once its parent has
 * waited for it, so the children's line covers pandoc and the WeasyPrint it waited for — the CPU
 * of the whole conversion, which Node cannot see (its resourceUsage is its own process only).
 */
const CONVERT = 'pandoc "$1" -o "$2" --pdf-engine=weasyprint >/dev/null 2>&1; status=$?; times; exit $status';

/** Seconds from `times` output, e.g. »0m0.004000s 0m0.000000s\n0m1.230000s 0m0.210000s«: the children's user + system. */
export function childrenCpuSeconds(times: string): number | null {
  const lines = times.trim().split('\n');
  const m = /(\d+)m([\d.,]+)s\s+(\d+)m([\d.,]+)s/.exec(lines[lines.length - 1] ?? '');
  if (!m || lines.length < 2) return null;
  const seconds = (min: string, sec: string) => Number(min) * 60 + Number(sec.replace(',', '.'));
  return seconds(m[1]!, m[2]!) + seconds(m[3]!, m[4]!);
}

function convert(file: string, target: string): Promise<{ ok: boolean; cpuSeconds: number | null }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', CONVERT, 'sh', file, target], { stdio: ['ignore', 'pipe', 'ignore'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.on('error', () => resolve({ ok: false, cpuSeconds: null }));
    child.on('close', (code) => resolve({ ok: code === 0, cpuSeconds: childrenCpuSeconds(Buffer.concat(out).toString('utf8')) }));
  });
}

/** Converts every file to PDF, `parallel` at a time, and times the whole batch. */
export async function runPandoc(files: readonly string[], parallel: number): Promise<PandocRun> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'aftaler-bench-pandoc-'));
  let next = 0;
  let failed = 0;
  const cpu: Array<number | null> = [];
  const started = performance.now();
  try {
    const lane = async () => {
      while (next < files.length) {
        const i = next++;
        const run = await convert(files[i]!, path.join(scratch, `${i}.pdf`));
        if (!run.ok) failed++;
        cpu.push(run.cpuSeconds);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, parallel) }, lane));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  const n = files.length;
  const cpuSeconds = cpu.some((c) => c === null) ? null : (cpu as number[]).reduce((a, b) => a + b, 0);
  return {
    documents: n,
    parallel,
    seconds,
    perDocumentSeconds: n > 0 ? seconds / n : 0,
    failed,
    cpuSeconds,
    cpuPerDocumentMs: cpuSeconds === null || n === 0 ? null : (cpuSeconds * 1000) / n,
  };
}
