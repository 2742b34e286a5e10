import { spawnSync } from 'node:child_process';

/** Runs an independent PDF tool (poppler, qpdf) and returns what it printed. */
export function tool(command: string, args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${command} is not installed (.ci/run installs it): ${r.error.message}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Text of a PDF as poppler extracts it, with line breaks folded to spaces. */
export function pdfText(file: string): string {
  return tool('pdftotext', ['-enc', 'UTF-8', file, '-']).stdout.replace(/\s+/g, ' ');
}
