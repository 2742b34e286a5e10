/**
 * Page layout of every shipped document, read back from the PDFs as a reader gets them: the
 * shipped data is built once, and poppler's word positions (pdftotext -bbox-layout) show
 * what ends each page. Checked on every per-document PDF (not the kommune bundles, which
 * only concatenate them):
 * - no page ends with a heading;
 * - the signature clause (heading to its last table row) is on one page;
 * - no date or amount of the Markdown wraps at a line end.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.ts';
import { tool } from '../helpers/pdf-tools.ts';

const ENV = { SOURCE_DATE_EPOCH: '1771891200' };

interface Line {
  text: string;
  yMin: number;
  yMax: number;
}
interface Page {
  height: number;
  /** Body lines top to bottom, running header and footer left out. */
  lines: Line[];
  /** Body blocks (as poppler groups lines), top to bottom. */
  blocks: string[];
}

const norm = (s: string): string => s.replace(/[\s\u00A0]+/g, ' ').trim();
const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Running header and footer sit in the page margins (72 pt top, 64 pt bottom). */
const TOP_MARGIN = 60;
const BOTTOM_MARGIN = 60;

function pages(pdf: string): Page[] {
  const xml = tool('pdftotext', ['-enc', 'UTF-8', '-bbox-layout', pdf, '-']).stdout;
  const out: Page[] = [];
  for (const page of xml.matchAll(/<page width="[\d.]+" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const height = Number(page[1]);
    const inBody = (yMin: number, yMax: number): boolean => yMin > TOP_MARGIN && yMax < height - BOTTOM_MARGIN;
    const lines: Line[] = [];
    const blocks: string[] = [];
    for (const block of (page[2] ?? '').matchAll(/<block [^>]*>([\s\S]*?)<\/block>/g)) {
      const texts: string[] = [];
      for (const line of (block[1] ?? '').matchAll(/<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
        const yMin = Number(line[1]);
        const yMax = Number(line[2]);
        if (!inBody(yMin, yMax)) continue;
        const text = norm([...(line[3] ?? '').matchAll(/>([^<]*)<\/word>/g)].map((w) => unescapeXml(w[1] ?? '')).join(' '));
        lines.push({ text, yMin, yMax });
        texts.push(text);
      }
      if (texts.length > 0) blocks.push(norm(texts.join(' ')));
    }
    lines.sort((a, b) => a.yMin - b.yMin);
    out.push({ height, lines, blocks });
  }
  return out;
}

/** Heading texts of a rendered Markdown file, inline markup and escapes removed. */
function headings(markdown: string): string[] {
  return [...markdown.matchAll(/^#{1,6} +(.*)$/gm)].map((m) => norm((m[1] ?? '').replace(/\\(.)/g, '$1').replace(/[*_`]/g, '')));
}

const DATE = /\b\d{1,2}\.[ \u00A0](?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)[ \u00A0]\d{4}\b/g;
const AMOUNT = /\b\d[\d.,]*[ \u00A0](?:(?:mia|mio)\.[ \u00A0])?kr\./g;

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

function pdfFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'kommuner' ? [] : pdfFiles(full);
    return name.endsWith('.pdf') ? [full] : [];
  });
}

describe('layout of the shipped documents', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'aftaler-layout-'));
  let files: string[] = [];

  beforeAll(async () => {
    const run = await runInProcess('build', ['--force', '--quiet', '--today', '2026-01-15', '--out', out], ENV);
    expect(run.code, run.stderr).toBe(0);
    files = pdfFiles(out).sort();
  }, 120_000);

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('builds every document', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it('never ends a page with a heading', () => {
    const problems: string[] = [];
    for (const file of files) {
      const heads = new Set(headings(readFileSync(file.replace(/\.pdf$/, '.md'), 'utf8')));
      const all = pages(file);
      all.slice(0, -1).forEach((page, i) => {
        const lastLine = page.lines.at(-1)?.text ?? '';
        const lastBlock = page.blocks.at(-1) ?? '';
        if (heads.has(lastLine) || heads.has(lastBlock)) problems.push(`${path.basename(file)} p. ${i + 1}: »${lastLine}«`);
      });
    }
    expect(problems).toEqual([]);
  });

  it('keeps the signature clause on one page', () => {
    let checked = 0;
    const problems: string[] = [];
    for (const file of files) {
      const markdown = readFileSync(file.replace(/\.pdf$/, '.md'), 'utf8');
      const heading = headings(markdown).findLast((h) => /underskrifter$/i.test(h));
      if (heading === undefined) continue;
      const clause = markdown.slice(markdown.lastIndexOf(heading.split(' ').at(-1) ?? heading));
      const rows = clause.split('\n').filter((l) => l.startsWith('|') && !/^\|[\s|:-]+\|$/.test(l));
      const lastCell = norm((rows.at(-1) ?? '').split('|')[1] ?? '').replace(/\\(.)/g, '$1');
      const firstWords = lastCell.split(' ').slice(0, 3).join(' ');
      const all = pages(file);
      const pageOf = (text: string): number => all.findLastIndex((p) => p.lines.some((l) => l.text.includes(text)));
      const start = pageOf(heading);
      expect(start, `${file}: ${heading}`).toBeGreaterThanOrEqual(0);
      if (pageOf(firstWords) !== start)
        problems.push(`${path.basename(file)}: »${heading}« on p. ${start + 1}, »${firstWords}« on p. ${pageOf(firstWords) + 1}`);
      checked++;
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });

  it('never wraps a date or an amount', () => {
    const problems: string[] = [];
    for (const file of files) {
      const markdown = readFileSync(file.replace(/\.pdf$/, '.md'), 'utf8');
      const lines = tool('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-']).stdout.split('\n').map(norm).join('\n');
      const wanted = new Map<string, number>();
      for (const m of [...markdown.matchAll(DATE), ...markdown.matchAll(AMOUNT)]) wanted.set(norm(m[0]), (wanted.get(norm(m[0])) ?? 0) + 1);
      for (const [text, n] of wanted)
        if (count(lines, text) < n) problems.push(`${path.basename(file)}: »${text}« ${n}× in the Markdown, ${count(lines, text)}× on one line`);
    }
    expect(problems).toEqual([]);
  });
});
