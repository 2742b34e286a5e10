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

function convert(file: string, target: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('pandoc', [file, '-o', target, '--pdf-engine=weasyprint'], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}

/** Converts every file to PDF, `parallel` at a time, and times the whole batch. */
export async function runPandoc(files: readonly string[], parallel: number): Promise<PandocRun> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'aftaler-bench-pandoc-'));
  let next = 0;
  let failed = 0;
  const started = performance.now();
  try {
    const lane = async () => {
      while (next < files.length) {
        const i = next++;
        if (!(await convert(files[i]!, path.join(scratch, `${i}.pdf`)))) failed++;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, parallel) }, lane));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  return { documents: files.length, parallel, seconds, perDocumentSeconds: files.length > 0 ? seconds / files.length : 0, failed };
}
