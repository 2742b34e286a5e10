/**
 * Reading a .docx back for the tests: its parts from the zip, and what an independent reader
 * (mammoth) makes of it, set beside what the Markdown says.
 */
import { DOMParser } from '@xmldom/xmldom';
import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import type { Nodes, Root, RootContent } from 'mdast';
import { sourceNotice, writeDocx, type DocxMeta } from '../../scripts/emit/docx/index.ts';
import { documentTitle } from '../../scripts/kinds/index.ts';
import type { DocumentKind } from '../../scripts/model/kinds.ts';
import type { Repository } from '../../scripts/model/repository.ts';
import type { SourceDocument } from '../../scripts/model/source-document.ts';
import { renderDocument, type RenderedDocument } from '../../scripts/render/render-document.ts';
import type { TemplateSet } from '../../scripts/render/templates.ts';

/** The archive's entries in their stored order, text parts decoded. */
export function docxParts(bytes: Uint8Array): Map<string, string> {
  const entries = unzipSync(bytes);
  return new Map(Object.entries(entries).map(([name, data]) => [name, /\.(xml|rels)$/.test(name) ? strFromU8(data) : '']));
}

/** Every XML part parsed strictly: the first error, warning or fatal error throws. */
export function assertWellFormed(parts: ReadonlyMap<string, string>): number {
  let checked = 0;
  for (const [name, xml] of parts) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const fail = (level: string) => (message: string) => {
      throw new Error(`${name}: ${level}: ${message}`);
    };
    new DOMParser({ errorHandler: { warning: fail('warning'), error: fail('error'), fatalError: fail('fatal') } }).parseFromString(xml, 'text/xml');
    checked++;
  }
  return checked;
}

/** Whitespace (non-breaking spaces included) as single spaces, trimmed. */
export const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Literal text of a node, as a reader sees it (a hard break is white space). */
function plain(node: Nodes): string {
  if (node.type === 'break') return ' ';
  // A footnote reference shows its label (superscript) in every rendering of the Markdown.
  if (node.type === 'footnoteReference') return node.label ?? node.identifier;
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plain).join('');
  if ('alt' in node && typeof node.alt === 'string') return node.alt;
  return '';
}

/** The paragraphs a reader sees for a block of the Markdown tree, in order. */
function blockTexts(node: RootContent): string[] {
  switch (node.type) {
    case 'heading':
    case 'paragraph':
    case 'html':
    case 'code':
      return [plain(node)];
    case 'list':
      return node.children.flatMap((item) => {
        const texts = item.children.flatMap(blockTexts);
        if (typeof item.checked === 'boolean') texts[0] = `${item.checked ? '[x]' : '[ ]'} ${texts[0] ?? ''}`;
        return texts;
      });
    case 'table':
      return node.children.flatMap((row) => row.children.map(plain));
    case 'blockquote':
      return node.children.flatMap(blockTexts);
    case 'footnoteDefinition': {
      const [first = '', ...rest] = node.children.flatMap(blockTexts);
      return [`${node.label ?? node.identifier} ${first}`, ...rest];
    }
    case 'definition':
    case 'thematicBreak':
      return [];
    default:
      return [plain(node)];
  }
}

/** The Markdown body's paragraphs, normalised, empty ones left out. */
export function markdownParagraphs(root: Root): string[] {
  return root.children
    .flatMap(blockTexts)
    .map(normalise)
    .filter((t) => t !== '');
}

/** Text of an HTML fragment: tags dropped, mammoth's entities decoded. */
const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/**
 * The .docx's paragraphs as mammoth reads them (table cells and list items included), normalised,
 * empty ones left out. Read from its HTML, where a line break is a <br> (raw text drops it).
 */
export async function docxParagraphs(bytes: Uint8Array): Promise<string[]> {
  const html = (await docxHtml(bytes)).replace(/<br \/>/g, ' ').replace(/<\/?(?:p|h[1-6]|li|td|th|tr|table|thead|tbody|ul|ol)\b[^>]*>/g, '\n');
  return decode(html)
    .split('\n')
    .map(normalise)
    .filter((t) => t !== '');
}

export async function docxHtml(bytes: Uint8Array): Promise<string> {
  return (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
}

/** Headings of mammoth's HTML: level and text. */
export function htmlHeadings(html: string): Array<{ depth: number; text: string }> {
  return [...html.matchAll(/<h([1-6])>(.*?)<\/h\1>/g)].map((m) => ({ depth: Number(m[1]), text: normalise(decode(m[2] ?? '')) }));
}

/** Markdown headings: level and text. */
export function markdownHeadings(root: Root): Array<{ depth: number; text: string }> {
  return root.children.flatMap((n) => (n.type === 'heading' ? [{ depth: n.depth, text: normalise(plain(n)) }] : []));
}

/** Each table of mammoth's HTML: whether its first row is a header row, and the cells of each row. */
export function htmlTables(html: string): Array<{ header: boolean; rows: number[] }> {
  return [...html.matchAll(/<table>(.*?)<\/table>/g)].map((m) => {
    const body = m[1] ?? '';
    return { header: body.startsWith('<thead><tr><th>'), rows: [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((r) => (r[1]?.match(/<t[hd][ >]/g) ?? []).length) };
  });
}

/** Each table of the Markdown: the cells of each row (the first row is its header; a short row is filled up, as Word's grid is). */
export function markdownTables(root: Root): number[][] {
  const out: number[][] = [];
  const visit = (node: Nodes) => {
    if (node.type === 'table') {
      const columns = Math.max(...node.children.map((row) => row.children.length));
      out.push(node.children.map(() => columns));
    } else if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(root);
  return out;
}

/** A document rendered as the build renders it, with its .docx (commit fixed at »abc1234«). */
export interface RenderedDocx {
  rendered: RenderedDocument;
  meta: DocxMeta;
  bytes: Uint8Array;
}

export async function renderDocx(repo: Repository, templates: TemplateSet, doc: SourceDocument<DocumentKind>): Promise<RenderedDocx> {
  const rendered = renderDocument(repo, templates, doc);
  const meta: DocxMeta = { ...rendered.meta, infoTitle: documentTitle(repo, doc), author: 'Region Østdanmark', commit: 'abc1234' };
  return { rendered, meta, bytes: await writeDocx(rendered.body, meta) };
}

/** Title, title block (label, value), the source notice: what the .docx shows before the body. */
export const docxFront = (meta: DocxMeta): string[] =>
  [meta.title, ...meta.titleBlock.flatMap(({ label, value }) => [label, value]), sourceNotice(meta.commit)].map(normalise);
