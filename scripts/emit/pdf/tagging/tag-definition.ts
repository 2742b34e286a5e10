/**
 * Gives every node of a pdfmake document definition its structure element, in the order the
 * definition lists them, which is the Markdown's order (issue 17).
 *
 * The definition is the one render.ts is about to lay out (a private copy), so the tags can be
 * put on its nodes (`_tag`); pdfmake keeps unknown properties on its nodes, and the layout hooks
 * read them back (pdfmake-hooks.ts). What a node is follows from what pdfmake will make of it —
 * a text leaf is a paragraph or a heading, `ul`/`ol` a list, `table` a table — so the redline,
 * the status overview and the combined contents page are tagged by the same walk as the
 * agreements. A node may say what it is instead (`_role`: a block quote drawn as a one-cell
 * table is a BlockQuote, not a table).
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { StructTag, type StructAttributes, type StructRole } from './struct-tag.ts';

/** The members this walk reads or sets on a definition node. */
export interface TaggedNode {
  _tag?: StructTag;
  /** Set by the author of the definition: the element this node is, instead of the inferred one. */
  _role?: StructRole;
  /** On a list item: the element of its number or bullet. */
  _lblTag?: StructTag;
  /** On a `toc` node: the element its rows go into once pdfmake has made them. */
  _tocTag?: StructTag;
  text?: unknown;
  style?: unknown;
  headlineLevel?: unknown;
  colSpan?: unknown;
  rowSpan?: unknown;
  stack?: unknown[];
  columns?: unknown[];
  ul?: unknown[];
  ol?: unknown[];
  table?: { body?: unknown[][]; headerRows?: number };
  toc?: { title?: unknown };
}

/** Style names of the headings buildDocDefinition writes (styles.ts), by level. */
const HEADING_STYLES: Readonly<Record<string, number>> = { docTitle: 1, tocTitle: 2, h1: 1, h2: 2, h3: 3, h4: 4 };
/** Style of a title block label: the cell heads its row. */
const ROW_HEADER_STYLE = 'titleLabel';

function isNode(value: unknown): value is TaggedNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function headingRole(node: TaggedNode): StructRole | undefined {
  const level = typeof node.headlineLevel === 'number' ? node.headlineLevel : typeof node.style === 'string' ? HEADING_STYLES[node.style] : undefined;
  if (level === undefined) return undefined;
  return `H${Math.min(Math.max(Math.round(level), 1), 6)}` as StructRole;
}

/** A string where a node is expected becomes a text node, so that it can carry its tag. */
function nodeAt(list: unknown[], i: number): TaggedNode | undefined {
  const value = list[i];
  if (typeof value === 'string' || typeof value === 'number') {
    const node: TaggedNode = { text: String(value) };
    list[i] = node;
    return node;
  }
  return isNode(value) ? value : Array.isArray(value) ? { stack: value } : undefined;
}

function walkList(list: unknown[], parent: StructTag): void {
  for (let i = 0; i < list.length; i++) {
    const value = list[i];
    if (Array.isArray(value)) walkList(value, parent);
    else {
      const node = nodeAt(list, i);
      if (node) walk(node, parent);
    }
  }
}

function walk(node: TaggedNode, parent: StructTag): void {
  // pdfmake reads an empty object as empty text, and only while it stays empty.
  if (Object.keys(node).length === 0) return;
  const role = node._role;
  if (node.stack) {
    const tag = role ? parent.child(role) : parent;
    if (role) node._tag = tag;
    walkList(node.stack, tag);
  } else if (node.columns) {
    walkList(node.columns, parent);
  } else if (node.ul || node.ol) {
    list(node, parent);
  } else if (node.table) {
    if (role) {
      // Drawn as a table for its frame only (a block quote, a code block).
      node._tag = parent.child(role);
      for (const row of node.table.body ?? []) walkList(row, node._tag);
    } else table(node, parent);
  } else if (node.toc) {
    if (isNode(node.toc.title)) walk(node.toc.title, parent);
    node._tocTag = parent.child('TOC');
  } else if (node.text !== undefined) {
    node._tag = parent.child(role ?? headingRole(node) ?? 'P');
  }
  // Canvas, images, SVG: drawn as artifacts (rules, frames); this project draws no figures.
}

/**
 * A container that stands for the element `tag` (a list item's body, a table cell): its content
 * goes inside `tag`, and the node itself is `tag` unless it is an element of its own there (a
 * nested table or list).
 */
function walkInside(node: TaggedNode, tag: StructTag): void {
  walk(node, tag);
  node._tag ??= tag;
}

function list(node: TaggedNode, parent: StructTag): void {
  const items = node.ol ?? node.ul ?? [];
  const tag = parent.child('L', { listNumbering: node.ol ? 'Decimal' : 'Disc' });
  node._tag = tag;
  for (let i = 0; i < items.length; i++) {
    const item = nodeAt(items, i);
    if (!item || Object.keys(item).length === 0) continue;
    const li = tag.child('LI');
    item._lblTag = li.child('Lbl');
    const body = li.child('LBody');
    if (item.text !== undefined && !item.stack) item._tag = body.child(headingRole(item) ?? 'P');
    else walkInside(item, body);
  }
}

/** A cell's spans as table attributes (pdfmake's colSpan/rowSpan). */
function spanOf(cell: TaggedNode): StructAttributes {
  const span: StructAttributes = {};
  if (typeof cell.colSpan === 'number' && cell.colSpan > 1) span.colSpan = cell.colSpan;
  if (typeof cell.rowSpan === 'number' && cell.rowSpan > 1) span.rowSpan = cell.rowSpan;
  return span;
}

function table(node: TaggedNode, parent: StructTag): void {
  const body = node.table?.body ?? [];
  const headerRows = Math.min(node.table?.headerRows ?? 0, body.length);
  const tag = parent.child('Table');
  node._tag = tag;
  const head = headerRows > 0 ? tag.child('THead') : undefined;
  const rest = headerRows < body.length ? tag.child('TBody') : undefined;
  body.forEach((row, r) => {
    const group = r < headerRows ? head : rest;
    if (!group || !Array.isArray(row)) return;
    const tr = group.child('TR');
    for (let c = 0; c < row.length; c++) {
      const cell = nodeAt(row, c);
      // An empty object is the place of a cell spanned by its neighbour; pdfmake only accepts it empty.
      if (!cell || Object.keys(cell).length === 0) continue;
      const span = spanOf(cell);
      const rowHeader = cell.style === ROW_HEADER_STYLE;
      const cellTag =
        r < headerRows ? tr.child('TH', { scope: 'Column', ...span }) : rowHeader ? tr.child('TH', { scope: 'Row', ...span }) : tr.child('TD', span);
      // A cell of text holds its text directly; a cell of blocks holds paragraphs (or a table, a list).
      if (cell.text !== undefined) cell._tag = cellTag;
      else walkInside(cell, cellTag);
    }
  });
}

/** The root of the document's structure, found by the layout hooks on the content they are given. */
export interface TaggedContent {
  _structRoot?: StructTag;
}

/**
 * Tags the definition's content in place and returns the root (`Document`) element. The
 * running header and footer are not tagged: they are artifacts (pdfmake-hooks.ts).
 */
export function tagDefinition(def: TDocumentDefinitions): StructTag {
  const root = new StructTag('Document', null);
  const content: Content[] = Array.isArray(def.content) ? def.content : [def.content];
  walkList(content, root);
  (content as TaggedContent)._structRoot = root;
  def.content = content;
  return root;
}
