/**
 * Page layout of built documents, read back from the PDFs as a reader gets them: poppler's word
 * positions (one `pdftotext -bbox-layout` per file, parsed once) show what ends each page and
 * which page each piece of text is on. Checked on every per-document PDF of a build (not the
 * kommune bundles, which only concatenate them):
 * - no page ends with a heading;
 * - the signature clause (heading to its last table row) is on one page, and the seal line is
 *   never alone on the last page;
 * - no table row is split between pages (every cell of a body row on the same page); this also
 *   finds a word broken inside a column too narrow for it (»Kommune|n«);
 * - no date or amount of the Markdown wraps at a line end.
 *
 * Used by the test of the shipped documents and by the test of the synthetic 46-kommune set, so
 * that both assert exactly the same rules.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Nodes, Table } from 'mdast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../scripts/render/markdown.ts';
import { checkAccessibility } from '../../scripts/tooling/pdf-access/index.ts';

const run = promisify(execFile);

interface Line {
  text: string;
  yMin: number;
  yMax: number;
}
interface Page {
  /** Body lines top to bottom, running header and footer left out. */
  lines: Line[];
  /** Body blocks (as poppler groups lines), top to bottom. */
  blocks: string[];
  /** Every word of the body, for »is this text on this page«. */
  words: Set<string>;
}
/** One built document: its Markdown and its PDF as poppler reads it. */
export interface LaidOut {
  file: string;
  markdown: string;
  pages: Page[];
  /** Every text line of every page (margins included), each as one string. */
  lines: string[];
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

/** Parses `pdftotext -bbox-layout` output. */
export function parseBboxLayout(xml: string): { pages: Page[]; lines: string[] } {
  const pages: Page[] = [];
  const all: string[] = [];
  for (const page of xml.matchAll(/<page width="[\d.]+" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const height = Number(page[1]);
    const inBody = (yMin: number, yMax: number): boolean => yMin > TOP_MARGIN && yMax < height - BOTTOM_MARGIN;
    const lines: Line[] = [];
    const blocks: string[] = [];
    const words = new Set<string>();
    for (const block of (page[2] ?? '').matchAll(/<block [^>]*>([\s\S]*?)<\/block>/g)) {
      const texts: string[] = [];
      for (const line of (block[1] ?? '').matchAll(/<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
        const yMin = Number(line[1]);
        const yMax = Number(line[2]);
        const text = norm([...(line[3] ?? '').matchAll(/>([^<]*)<\/word>/g)].map((w) => unescapeXml(w[1] ?? '')).join(' '));
        all.push(text);
        if (!inBody(yMin, yMax)) continue;
        lines.push({ text, yMin, yMax });
        texts.push(text);
        for (const word of text.split(' ')) words.add(word);
      }
      if (texts.length > 0) blocks.push(norm(texts.join(' ')));
    }
    lines.sort((a, b) => a.yMin - b.yMin);
    pages.push({ lines, blocks, words });
  }
  return { pages, lines: all };
}

/** The per-document PDFs below `dir` (the kommune bundles left out). */
function pdfFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return name === 'kommuner' ? [] : pdfFiles(full);
      return name.endsWith('.pdf') ? [full] : [];
    })
    .sort();
}

/** Reads every file's Markdown and PDF layout, a few pdftotext processes at a time. */
async function readLayouts(files: readonly string[], concurrency = availableParallelism()): Promise<LaidOut[]> {
  const results: LaidOut[] = new Array<LaidOut>(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < files.length; i = next++) {
      const file = files[i] ?? '';
      const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', '-bbox-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      results[i] = { file, markdown: readFileSync(file.replace(/\.pdf$/, '.md'), 'utf8'), ...parseBboxLayout(stdout) };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return results;
}

/** Plain text of a Markdown node, as the PDF shows it (markup gone, soft breaks as spaces). */
function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if (node.type === 'break') return ' ';
  return 'children' in node ? (node.children as Nodes[]).map(textOf).join('') : '';
}

function tablesOf(node: Nodes): Table[] {
  if (node.type === 'table') return [node];
  return 'children' in node ? (node.children as Nodes[]).flatMap(tablesOf) : [];
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

/** Pages (1-based) that end with a heading of the document; the last page may. */
export function headingsAtPageEnd(doc: LaidOut): string[] {
  const heads = new Set(headings(doc.markdown));
  const problems: string[] = [];
  doc.pages.slice(0, -1).forEach((page, i) => {
    const lastLine = page.lines.at(-1)?.text ?? '';
    const lastBlock = page.blocks.at(-1) ?? '';
    if (heads.has(lastLine) || heads.has(lastBlock)) problems.push(`p. ${i + 1} ends with »${lastLine}«`);
  });
  return problems;
}

/** Whether the signature clause is split; undefined when the document has none. */
export function splitSignature(doc: LaidOut): string[] | undefined {
  const heading = headings(doc.markdown).findLast((h) => /underskrifter$/i.test(h));
  if (heading === undefined) return undefined;
  const clause = doc.markdown.slice(doc.markdown.lastIndexOf(heading.split(' ').at(-1) ?? heading));
  const rows = clause.split('\n').filter((l) => l.startsWith('|') && !/^\|[\s|:-]+\|$/.test(l));
  const lastCell = norm((rows.at(-1) ?? '').split('|')[1] ?? '').replace(/\\(.)/g, '$1');
  const firstWords = lastCell.split(' ').slice(0, 3).join(' ');
  const pageOf = (text: string): number => doc.pages.findLastIndex((p) => p.lines.some((l) => l.text.includes(text)));
  const start = pageOf(heading);
  if (start < 0) return [`»${heading}« not found`];
  return pageOf(firstWords) === start ? [] : [`»${heading}« on p. ${start + 1}, »${firstWords}« on p. ${pageOf(firstWords) + 1}`];
}

/** The last page when it holds nothing but the closing lines (the seal line, a notice): a stranded ending. */
function strandedClosing(doc: LaidOut): string[] {
  const last = doc.pages.at(-1);
  if (last === undefined || doc.pages.length < 2) return [];
  // Left out: the closing lines (a seal line may wrap before its date).
  const body = last.lines.map((l) => l.text).filter((t) => !/^(Elektronisk forseglet|Ikke forseglet)/.test(t) && !/^\d{1,2}\. \p{L}+ \d{4}$/u.test(t));
  return body.length === 0 ? [`p. ${doc.pages.length} holds only »${last.lines[0]?.text ?? ''}«`] : [];
}

/**
 * Table body rows split between pages. A row is found by its cells' first and last words: it is
 * whole when one page (at or after the previous row's) has every one of them. Words the PDF does
 * not show anywhere are not evidence either way and are left out; a row split between two pages
 * has some words only on the first and some only on the second, so no page has them all. A word
 * broken at a line end of its cell is then missing from its page too (its halves are other
 * words). The header row repeats on every page a table spans, and is left out.
 */
export function splitTableRows(doc: LaidOut): { problems: string[]; rows: number } {
  const problems: string[] = [];
  let rows = 0;
  let cursor = 0;
  const onSomePage = (word: string): boolean => doc.pages.some((p) => p.words.has(word));
  for (const table of tablesOf(parseMarkdown(doc.markdown))) {
    for (const row of table.children.slice(1)) {
      const cells = row.children.map((cell) => norm(textOf(cell)).split(' ')).filter((w) => w[0] !== '');
      const words = [...new Set(cells.flatMap((w) => [w[0] ?? '', w.at(-1) ?? '']))].filter(onSomePage);
      if (words.length === 0) continue;
      rows++;
      const holds = (p: number): number => words.filter((w) => doc.pages[p]?.words.has(w)).length;
      let page = -1;
      for (let p = cursor; p < doc.pages.length && page < 0; p++) if (holds(p) === words.length) page = p;
      if (page >= 0) {
        cursor = page;
        continue;
      }
      const best = [...doc.pages.keys()].slice(cursor).reduce((a, b) => (holds(b) > holds(a) ? b : a), cursor);
      const missing = words.filter((w) => !doc.pages[best]?.words.has(w));
      problems.push(
        `row »${cells.map((w) => w.join(' ')).join(' | ')}«: »${missing.join(' ')}« not on p. ${best + 1} with the rest (row split, or a word broken in a narrow column)`,
      );
      cursor = best;
    }
  }
  return { problems, rows };
}

/** Dates and amounts of the Markdown that the PDF does not show whole on one line. */
export function wrappedDatesAndAmounts(doc: LaidOut): string[] {
  const lines = doc.lines.join('\n');
  const wanted = new Map<string, number>();
  for (const m of [...doc.markdown.matchAll(DATE), ...doc.markdown.matchAll(AMOUNT)]) wanted.set(norm(m[0]), (wanted.get(norm(m[0])) ?? 0) + 1);
  const problems: string[] = [];
  for (const [text, n] of wanted) if (count(lines, text) < n) problems.push(`»${text}« ${n}× in the Markdown, ${count(lines, text)}× on one line`);
  return problems;
}

/**
 * The layout tests of one build: `build` is given a fresh scratch folder (removed afterwards),
 * builds into it and returns the output folder; the checks run on every per-document PDF there.
 */
export function describeLayout(title: string, build: (scratch: string) => Promise<string>, options: { minDocuments: number; timeout: number }): void {
  describe(title, () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'aftaler-layout-'));
    let docs: LaidOut[] = [];
    const each = (check: (doc: LaidOut) => string[]): string[] => docs.flatMap((doc) => check(doc).map((problem) => `${path.basename(doc.file)}: ${problem}`));

    let out = '';
    beforeAll(async () => {
      out = await build(scratch);
      docs = await readLayouts(pdfFiles(out));
    }, options.timeout);

    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    it('builds every document', () => {
      expect(docs.length).toBeGreaterThanOrEqual(options.minDocuments);
    });

    it('never ends a page with a heading', () => {
      expect(each(headingsAtPageEnd)).toEqual([]);
    });

    it('keeps the signature clause on one page', () => {
      const results = docs.map((doc) => ({ doc, problems: splitSignature(doc) }));
      expect(results.flatMap(({ doc, problems }) => (problems ?? []).map((p) => `${path.basename(doc.file)}: ${p}`))).toEqual([]);
      expect(results.filter(({ problems }) => problems !== undefined).length).toBeGreaterThan(0);
    });

    it('never leaves the seal line alone on the last page', () => {
      expect(each(strandedClosing)).toEqual([]);
    });

    it('never splits a table row between pages', () => {
      const results = docs.map((doc) => ({ doc, ...splitTableRows(doc) }));
      expect(results.flatMap(({ doc, problems }) => problems.map((p) => `${path.basename(doc.file)}: ${p}`))).toEqual([]);
      expect(results.reduce((n, { rows }) => n + rows, 0)).toBeGreaterThan(0);
    });

    it('never wraps a date or an amount', () => {
      expect(each(wrappedDatesAndAmounts)).toEqual([]);
    });

    it(
      'makes every PDF, the kommune packages and combined PDFs included, pass the accessibility check (PDF/UA-1, PDF/A-2a)',
      async () => {
        const { checked, problems } = await accessibilityProblems(out);
        expect(problems).toEqual([]);
        expect(checked).toBeGreaterThan(docs.length);
      },
      options.timeout,
    );
  });
}

/** Every distinct PDF below `dir` through the independent accessibility checker, with its Markdown where there is one. */
async function accessibilityProblems(dir: string, concurrency = availableParallelism()): Promise<{ checked: number; problems: string[] }> {
  const all = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const full = path.join(folder, name);
      return statSync(full).isDirectory() ? all(full) : name.endsWith('.pdf') ? [full] : [];
    });
  // A kommune package holds copies of the documents: each distinct file is checked once.
  const distinct = new Map<string, string>();
  for (const file of all(dir).sort()) {
    const digest = createHash('sha256').update(readFileSync(file)).digest('hex');
    if (!distinct.has(digest)) distinct.set(digest, file);
  }
  const files = [...distinct.values()];
  const problems: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < files.length; i = next++) {
      const file = files[i]!;
      const md = file.replace(/\.pdf$/, '.md');
      const findings = await checkAccessibility(file, existsSync(md) ? { markdown: readFileSync(md, 'utf8') } : {});
      problems.push(...findings.map((f) => `${path.relative(dir, file)}: ${f.rule} ${f.message}`));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { checked: files.length, problems: problems.sort() };
}
