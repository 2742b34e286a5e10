/** Thin wrappers around the poppler/qpdf command-line tools used to inspect rendered PDFs. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ToolResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runTool(command: string, args: readonly string[]): ToolResult {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A tool's stdout as bytes (an image from pdftoppm). */
export function runToolBytes(command: string, args: readonly string[]): Buffer {
  const result = spawnSync(command, args);
  if (result.error) throw result.error;
  return result.stdout;
}

/** Writes bytes to a fresh temp file and returns its path (tools want files). */
export function writeTempPdf(bytes: Buffer, name = 'doc.pdf'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'emit-pdf-')), name);
  writeFileSync(path, bytes);
  return path;
}

export function pdfText(path: string, ...flags: string[]): string {
  const result = runTool('pdftotext', [...flags, path, '-']);
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout;
}

/** pdfinfo fields as a map ("Title" → "…"). */
export function pdfInfo(path: string): Map<string, string> {
  const result = runTool('pdfinfo', ['-enc', 'UTF-8', path]);
  if (result.status !== 0) throw new Error(`pdfinfo failed: ${result.stderr}`);
  const fields = new Map<string, string>();
  for (const line of result.stdout.split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) fields.set(match[1], match[2]);
  }
  return fields;
}

export interface FontRow {
  name: string;
  embedded: boolean;
}

export function pdfFonts(path: string): FontRow[] {
  const result = runTool('pdffonts', [path]);
  if (result.status !== 0) throw new Error(`pdffonts failed: ${result.stderr}`);
  // Columns: name type encoding emb sub uni objectID gen; type and encoding may contain spaces,
  // so read emb from the right-hand end (emb sub uni num gen).
  return result.stdout
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const parts = line.trim().split(/\s+/);
      return { name: parts[0] ?? '', embedded: parts[parts.length - 5] === 'yes' };
    });
}

export interface OutlineEntry {
  title: string;
  dest: unknown;
  destpageposfrom1: number;
  kids: OutlineEntry[];
}

export function pdfOutlines(path: string): OutlineEntry[] {
  const result = runTool('qpdf', ['--json', '--json-key=outlines', path]);
  if (result.status !== 0) throw new Error(`qpdf --json failed: ${result.stderr}`);
  const parsed = JSON.parse(result.stdout) as { outlines: OutlineEntry[] };
  return parsed.outlines;
}

/** Text of words rendered larger than `minHeight` pt, per page (the diagonal watermark). */
export function largeWordsPerPage(path: string, minHeight: number): string[][] {
  const pages: string[][] = [];
  for (const line of pdfText(path, '-bbox').split('\n')) {
    if (line.includes('<page ')) pages.push([]);
    const match = /yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined && match[3] !== undefined) {
      if (Number(match[2]) - Number(match[1]) > minHeight) pages[pages.length - 1]?.push(match[3]);
    }
  }
  return pages;
}
