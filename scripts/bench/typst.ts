/**
 * The second reference point for »fast«: Typst, a compiled typesetter, on the same documents.
 * Only for the benchmark, never for the product: the built Markdown in out/ is parsed with the
 * project's own parser and its syntax tree written as Typst markup, with the page, font and
 * language of our PDFs, then compiled to PDF by one warm compiler in this process. The compiler
 * is an optional package that is not in package.json; without it the comparison is skipped.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Nodes, Root, Table } from 'mdast';
import { robotoPaths } from '../emit/pdf/fonts.ts';
import { parseMarkdown } from '../render/markdown.ts';
import { PAGE_MARGINS } from '../emit/pdf/styles.ts';

/** The optional package, and how to install it without changing package.json. */
const TYPST_PACKAGE = '@myriaddreamin/typst-ts-node-compiler';
export const TYPST_INSTALL = `npm install --no-save ${TYPST_PACKAGE}`;

/** The part of the package's API the benchmark uses (its own types are absent when it is). */
interface TypstCompiler {
  pdf(args: { mainFileContent: string }): Buffer;
  evictCache(maxAge: number): void;
}
interface TypstModule {
  NodeCompiler: { create(args?: { fontArgs?: Array<{ fontPaths: string[] }> }): TypstCompiler };
}

/**
 * The package, or undefined when it is not installed. The name is held in a variable so that the
 * type check does not look for a package that CI never installs.
 */
export async function loadTypst(): Promise<TypstModule | undefined> {
  const name: string = TYPST_PACKAGE;
  try {
    const module = (await import(name)) as Partial<TypstModule>;
    return typeof module.NodeCompiler?.create === 'function' ? (module as TypstModule) : undefined;
  } catch {
    return undefined;
  }
}

// Typst markup gives these a meaning in text; a backslash makes each literal. `/` only starts a
// comment when doubled, `-` and `.` only in runs or at a line start, `=` and `+` only there: all
// are escaped, which is always allowed, rather than tracking where they stand.
const SPECIAL = /[\\#$*_`<>@[\]~'"=+\-/.:]/g;

/** Text as literal Typst markup: every character that could mean something is escaped. */
export function escapeTypst(text: string): string {
  return text.replace(SPECIAL, (c) => `\\${c}`).replace(/\s*\n\s*/g, ' ');
}

/** A string literal in Typst code (a link target, a code block). */
function typstString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`;
}

/** The text of a node without markup (an image's alternative, a code block's lines). */
function plain(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plain).join('');
  return '';
}

class Writer {
  /** Footnote texts by label: Typst puts a footnote where it is referenced. */
  private readonly footnotes = new Map<string, string>();

  constructor(root: Root) {
    for (const node of root.children) if (node.type === 'footnoteDefinition') this.footnotes.set(node.identifier, this.blocks(node.children, 0));
  }

  inline(node: Nodes): string {
    switch (node.type) {
      case 'text':
      case 'html':
        return escapeTypst(node.value);
      case 'strong':
        return `#strong[${this.inlines(node.children)}]`;
      case 'emphasis':
        return `#emph[${this.inlines(node.children)}]`;
      case 'delete':
        return `#strike[${this.inlines(node.children)}]`;
      case 'inlineCode':
        return `#raw(${typstString(node.value)})`;
      case 'break':
        // A backslash before a space breaks the line; a newline would end a list item's text.
        return ' \\ ';
      case 'link':
        return `#link(${typstString(node.url)})[${this.inlines(node.children)}]`;
      case 'image':
        return escapeTypst(node.alt ?? '');
      case 'footnoteReference': {
        const text = this.footnotes.get(node.identifier);
        return text === undefined ? escapeTypst(`[^${node.label ?? node.identifier}]`) : `#footnote[${text}]`;
      }
      default:
        return escapeTypst(plain(node));
    }
  }

  inlines(nodes: readonly Nodes[]): string {
    return nodes.map((n) => this.inline(n)).join('');
  }

  /** Blocks at an indent (list items nest by indentation), separated by blank lines. */
  blocks(nodes: readonly Nodes[], indent: number): string {
    return nodes
      .map((n) => this.block(n, indent))
      .filter((s) => s !== '')
      .join('\n\n');
  }

  block(node: Nodes, indent: number): string {
    const pad = ' '.repeat(indent);
    switch (node.type) {
      case 'heading':
        return `${pad}${'='.repeat(node.depth)} ${this.inlines(node.children)}`;
      case 'paragraph':
        return pad + this.inlines(node.children);
      case 'list': {
        let number = node.start ?? 1;
        return node.children
          .map((item) => {
            // »+ « numbers automatically, but the list's own start is kept with an explicit number.
            const marker = node.ordered ? `${number++}.` : '-';
            const [first, ...rest] = item.children;
            const head = first?.type === 'paragraph' ? this.inlines(first.children) : first ? this.block(first, 0) : '';
            const body = this.blocks(rest, indent + 2);
            return `${pad}${marker} ${head}${body === '' ? '' : `\n${body}`}`;
          })
          .join(node.spread ? '\n\n' : '\n');
      }
      case 'table':
        return pad + this.table(node);
      case 'blockquote':
        return `${pad}#quote(block: true)[\n${this.blocks(node.children, 0)}\n]`;
      case 'code':
        return `${pad}#raw(block: true, ${typstString(node.value)})`;
      case 'thematicBreak':
        return `${pad}#line(length: 100%, stroke: 0.5pt + gray)`;
      case 'html':
        return pad + escapeTypst(node.value);
      case 'definition':
      case 'footnoteDefinition':
        return ''; // link targets are resolved already; footnotes go where they are referenced
      default:
        return pad + escapeTypst(plain(node));
    }
  }

  /** A table with its first row as the header, repeated on every page as ours is. */
  private table(node: Table): string {
    const columns = Math.max(0, ...node.children.map((r) => r.children.length));
    const cell = (c: Table['children'][number]['children'][number] | undefined) => `[${c ? this.inlines(c.children) : ''}]`;
    const row = (r: Table['children'][number]) => Array.from({ length: columns }, (_, i) => cell(r.children[i])).join(', ');
    const align = (node.align ?? []).map((a) => (a === 'center' ? 'center' : a === 'right' ? 'right' : 'left'));
    const [header, ...body] = node.children;
    const lines = [`#table(`, `  columns: ${columns},`];
    if (align.length > 0) lines.push(`  align: (${Array.from({ length: columns }, (_, i) => align[i] ?? 'left').join(', ')},),`);
    if (header) lines.push(`  table.header(${row(header)}),`);
    for (const r of body) lines.push(`  ${row(r)},`);
    lines.push(')');
    return lines.join('\n');
  }
}

/** The syntax tree as Typst markup: the body only, no page setup. */
export function mdastToTypst(root: Root): string {
  const writer = new Writer(root);
  const body = writer.blocks(root.children, 0);
  return body === '' ? '' : `${body}\n`;
}

/**
 * Page and type as close to ours as Typst allows (scripts/emit/pdf/styles.ts): A4, our margins,
 * Roboto 11 pt with about the same line height (1.25 lines) and heading sizes, Danish with hyphenation.
 */
export function typstPreamble(): string {
  const [left, top, right, bottom] = PAGE_MARGINS;
  return [
    `#set page(paper: "a4", margin: (left: ${left}pt, top: ${top}pt, right: ${right}pt, bottom: ${bottom}pt), numbering: "1")`,
    '#set text(lang: "da", font: "Roboto", size: 11pt, hyphenate: true)',
    '#set par(justify: false, leading: 0.75em)',
    '#show heading: set text(weight: "medium")',
    '#show heading.where(level: 1): set text(size: 16pt)',
    '#show heading.where(level: 2): set text(size: 13pt)',
    '#show heading.where(level: 3): set text(size: 11.5pt)',
    '#set table(stroke: 0.5pt + gray, inset: 4pt)',
    '#show table: set text(size: 9.5pt)',
    '',
  ].join('\n');
}

/** One built Markdown file as a complete Typst document. */
export function markdownToTypst(markdown: string): string {
  return typstPreamble() + mdastToTypst(parseMarkdown(markdown));
}

export interface TypstRun {
  documents: number;
  /** Documents compiled before timing started (fonts read, code warmed). */
  warmup: number;
  /** Wall seconds of the timed compiles, one after another in one compiler. */
  seconds: number;
  perDocumentSeconds: number;
  /** CPU seconds of this process (all its threads, the compiler's included) during the timed compiles. */
  cpuSeconds: number;
  cpuPerDocumentMs: number;
  /** Compiles that threw or did not give a PDF. */
  failed: number;
}

/** How many documents warm the compiler before timing. */
const WARMUP = 3;

/**
 * Converts every file first (our converter is not Typst's cost), then compiles each once with one
 * compiler created with the same Roboto files as ours, timing only the compiles. The warm-up's
 * memoised results are dropped before timing, so no timed document is served from a compile of
 * itself; the cache is then trimmed after each document as a batch tool would (maxAge 10).
 */
export function runTypst(typst: TypstModule, files: readonly string[]): TypstRun {
  const fontDir = path.dirname(robotoPaths().normal);
  const compiler = typst.NodeCompiler.create({ fontArgs: [{ fontPaths: [fontDir] }] });
  const sources = files.map((file) => markdownToTypst(readFileSync(file, 'utf8')));
  const compile = (source: string): boolean => {
    try {
      const pdf = compiler.pdf({ mainFileContent: source });
      return pdf.subarray(0, 5).toString('latin1') === '%PDF-';
    } catch {
      return false;
    }
  };
  const warmup = Math.min(WARMUP, sources.length);
  for (const source of sources.slice(0, warmup)) compile(source);
  compiler.evictCache(0);
  let failed = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const source of sources) {
    if (!compile(source)) failed++;
    compiler.evictCache(10);
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const n = sources.length;
  return {
    documents: n,
    warmup,
    seconds,
    perDocumentSeconds: n > 0 ? seconds / n : 0,
    cpuSeconds,
    cpuPerDocumentMs: n > 0 ? (cpuSeconds * 1000) / n : 0,
    failed,
  };
}
