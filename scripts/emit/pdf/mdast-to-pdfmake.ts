/**
 * mdast (remark-parse + remark-gfm) → pdfmake content.
 *
 * Block structure only; phrasing content is handled by ./inlines.ts. Headings
 * are rendered exactly as written (they already carry their clause numbers).
 * Unknown node types degrade to their text content; nothing here throws on
 * unexpected input.
 */
import type { Blockquote, Code, FootnoteDefinition, Heading, List, ListItem, PhrasingContent, Root, RootContent, Table } from 'mdast';
import type { Content, ContentText, ContentTocItem, Table as Table_, TableCell } from 'pdfmake/interfaces.js';
import { collectDefinitions, SIGN_HERE, signatureClause, type Definitions } from '../markdown-body.ts';
import { convertInlines } from './inlines.ts';
import { navId } from './nav-ids.ts';
import { bindUnits } from './no-break.ts';
import { softBreaksToSpaces, textContent } from './plain-text.ts';
import { CODE_LAYOUT, COLORS, CONTENT_WIDTH, DATA_TABLE_LAYOUT, QUOTE_LAYOUT, SIGNATURE_TABLE_LAYOUT } from './styles.ts';
import { columnWidths } from './table-widths.ts';

export interface ConvertOptions {
  /** Deepest heading depth that becomes a bookmark (and TOC item): 2 = clauses, 3 = sub-clauses too. Default 2. */
  navDepth?: 2 | 3;
  /** Mark navigation headings as entries of the default table of contents. Default false. */
  tocItems?: boolean;
  /** Usable width in pt for horizontal rules. Default: A4 body width from ./styles.ts. */
  contentWidth?: number;
  /**
   * A small line (title, DokID, version) above the signature block, so the page it lands on
   * can be identified on its own.
   */
  signatureCaption?: string;
}

/** Height of a row signed by hand: room for a signature above the line. */
const SIGN_ROW_HEIGHT = 40;
/** A list item of a single paragraph up to this many characters never splits across pages. */
const UNBREAKABLE_ITEM_CHARS = 600;

/** Heading text node with the anchor and TOC properties pdfmake accepts on text nodes. */
type HeadingNode = ContentText & { text: string; id?: string } & Partial<Pick<ContentTocItem, 'tocItem' | 'tocStyle' | 'tocMargin'>>;

interface BlockContext {
  /** Inside a list item: paragraphs get list spacing. */
  tight?: boolean;
  /** Nesting depth of lists, so only outermost lists get outer spacing. */
  listDepth?: number;
  /** Inside the signature clause: tables get rows to sign on. */
  signature?: boolean;
}

class Converter {
  private navCount = 0;
  private currentClauseId: string | undefined;
  private readonly navDepth: 2 | 3;
  private readonly tocItems: boolean;
  private readonly contentWidth: number;
  private readonly signatureCaption: string | undefined;

  constructor(
    private readonly definitions: Definitions,
    options: ConvertOptions,
  ) {
    this.navDepth = options.navDepth ?? 2;
    this.tocItems = options.tocItems ?? false;
    this.contentWidth = options.contentWidth ?? CONTENT_WIDTH;
    this.signatureCaption = options.signatureCaption;
  }

  /** Top-level blocks; the signature clause becomes one unbreakable unit. */
  root(nodes: readonly RootContent[]): Content[] {
    const clause = signatureClause(nodes);
    if (clause === undefined) return this.blocks(nodes);
    const { start, end } = clause;
    const block = this.blocks(nodes.slice(start, end), { signature: true });
    if (this.signatureCaption !== undefined) block.unshift({ text: bindUnits(this.signatureCaption), style: 'signatureCaption' });
    return [...this.blocks(nodes.slice(0, start)), { stack: block, unbreakable: true }, ...this.blocks(nodes.slice(end))];
  }

  blocks(nodes: readonly RootContent[], ctx: BlockContext = {}): Content[] {
    return nodes.flatMap((node) => this.block(node, ctx));
  }

  private block(node: RootContent, ctx: BlockContext): Content[] {
    switch (node.type) {
      case 'heading':
        return [this.heading(node)];
      case 'paragraph':
        return this.paragraph(node.children, ctx.tight ? 'listParagraph' : 'paragraph');
      case 'list':
        return [this.list(node, ctx.listDepth ?? 0)];
      case 'table':
        return this.table(node, ctx.signature === true);
      case 'blockquote':
        return [this.blockquote(node)];
      case 'code':
        return [this.code(node)];
      case 'thematicBreak':
        return [this.rule()];
      case 'html':
        // Block HTML is not interpreted; the source is shown as written.
        return [{ text: node.value, style: 'paragraph' }];
      case 'definition':
        return []; // invisible in rendered Markdown; used to resolve link references
      case 'footnoteDefinition':
        return [this.footnote(node)];
      default: {
        const text = textContent(node);
        return text.trim() === '' ? [] : [{ text, style: 'paragraph' }];
      }
    }
  }

  private paragraph(children: readonly PhrasingContent[], style: string, prefix?: string): Content[] {
    const inlines = convertInlines(children, this.definitions);
    if (prefix !== undefined) inlines.unshift({ text: prefix });
    return inlines.length === 0 ? [] : [{ text: inlines, style }];
  }

  private heading(node: Heading): HeadingNode {
    // Plain string: pdfmake reuses heading text verbatim for TOC rows and bookmark titles.
    const text = softBreaksToSpaces(textContent(node)).trim();
    const heading: HeadingNode = { text, style: `h${Math.min(node.depth, 4)}`, headlineLevel: node.depth };
    if (node.depth <= 2) this.currentClauseId = undefined;
    // pdfmake crashes on outlines for empty lines, so empty headings stay out of navigation.
    if (text === '' || node.depth < 2 || node.depth > this.navDepth) return heading;

    const id = navId(++this.navCount);
    heading.id = id;
    heading.outline = true;
    heading.outlineText = text;
    if (node.depth === 2) this.currentClauseId = id;
    else if (this.currentClauseId !== undefined) heading.outlineParentId = this.currentClauseId;
    if (this.tocItems) {
      heading.tocItem = true;
      if (node.depth === 3) {
        heading.tocStyle = 'tocSubEntry';
        heading.tocMargin = [14, 1, 0, 1];
      }
    }
    return heading;
  }

  private list(node: List, depth: number): Content {
    const items = node.children.map((item) => this.listItem(item, !node.spread, depth + 1));
    const margin: [number, number, number, number] = depth === 0 ? [0, 0, 0, 7] : [0, 1, 0, 1];
    if (node.ordered) return { ol: items, start: node.start ?? 1, margin };
    return { ul: items, margin };
  }

  private listItem(item: ListItem, tight: boolean, listDepth: number): Content {
    const ctx: BlockContext = { tight: tight && !item.spread, listDepth };
    const [first, ...rest] = item.children;
    const content: Content[] = [];
    // GFM task items: the checkbox is shown as plain ASCII (Roboto has no ballot-box glyphs).
    if (typeof item.checked === 'boolean') {
      const prefix = item.checked ? '[x] ' : '[ ] ';
      if (first?.type === 'paragraph') {
        content.push(...this.paragraph(first.children, ctx.tight ? 'listParagraph' : 'paragraph', prefix));
        content.push(...this.blocks(rest, ctx));
      } else {
        content.push({ text: prefix.trimEnd() }, ...this.blocks(item.children, ctx));
      }
    } else {
      content.push(...this.blocks(item.children, ctx));
    }
    if (content.length === 0) return { text: '' };
    // A short entry (a bilag line, a list point) is read as one: it never splits across pages.
    const short = item.children.length === 1 && first?.type === 'paragraph' && textContent(first).length <= UNBREAKABLE_ITEM_CHARS;
    if (content.length === 1 && content[0] !== undefined) return short ? { stack: content, unbreakable: true } : content[0];
    return { stack: content };
  }

  private table(node: Table, signature: boolean): Content[] {
    const rows = node.children;
    const columnCount = Math.max(0, ...rows.map((row) => row.children.length));
    if (rows.length === 0 || columnCount === 0) return [];
    const cellText = (r: number, c: number): string => {
      const cell = rows[r]?.children[c];
      return cell === undefined ? '' : bindUnits(softBreaksToSpaces(textContent(cell)));
    };
    // A column empty in every body row (e.g. »Bemærkning« nobody filled in) is left out.
    const columns = [...Array(columnCount).keys()].filter((c) => rows.length === 1 || rows.some((_, r) => r > 0 && cellText(r, c).trim() !== ''));

    const texts: string[][] = [];
    const signRows = new Set<number>();
    const body: TableCell[][] = rows.map((row, r) => {
      const rowTexts: string[] = [];
      const cells: TableCell[] = [];
      for (const c of columns) {
        const cell = row.children[c];
        const inlines = cell === undefined ? [] : convertInlines(cell.children, this.definitions);
        rowTexts.push(cellText(r, c));
        const out: ContentText = { text: inlines.length > 0 ? inlines : '', style: r === 0 ? 'tableHeader' : 'tableCell' };
        const align = node.align?.[c];
        if (align) out.alignment = align;
        cells.push(out);
      }
      if (signature && r > 0 && SIGN_HERE.test(rowTexts[0]?.trim() ?? '')) signRows.add(r);
      texts.push(rowTexts);
      return cells;
    });

    const hasBody = rows.length > 1;
    const table: Table_ = {
      headerRows: hasBody ? 1 : 0,
      keepWithHeaderRows: hasBody ? 1 : 0,
      // A row is read across: it never splits between pages.
      dontBreakRows: true,
      widths: columnWidths(texts, columns.length, this.contentWidth),
      body,
    };
    if (signRows.size > 0) {
      // Room to sign: the row is tall, its text sits at the top and a line is drawn below it.
      table.heights = (row: number) => (signRows.has(row) ? SIGN_ROW_HEIGHT : 'auto');
      return [{ table, layout: SIGNATURE_TABLE_LAYOUT(signRows), style: 'table' }];
    }
    return [{ table, layout: DATA_TABLE_LAYOUT, style: 'table' }];
  }

  private blockquote(node: Blockquote): Content {
    const inner = this.blocks(node.children);
    return {
      table: { widths: ['*'], body: [[{ stack: inner.length > 0 ? inner : [{ text: '' }] }]] },
      layout: QUOTE_LAYOUT,
      style: 'blockquote',
    };
  }

  private code(node: Code): Content {
    return {
      table: { widths: ['*'], body: [[{ text: node.value, style: 'codeBlock' }]] },
      layout: CODE_LAYOUT,
      style: 'table',
    };
  }

  private rule(): Content {
    return {
      canvas: [{ type: 'line', x1: 0, y1: 0, x2: this.contentWidth, y2: 0, lineWidth: 0.6, lineColor: COLORS.rule }],
      margin: [0, 6, 0, 10],
    };
  }

  private footnote(node: FootnoteDefinition): Content {
    const inner = this.blocks(node.children, { tight: true });
    return {
      columns: [
        { width: 16, text: node.label ?? node.identifier },
        { width: '*', stack: inner.length > 0 ? inner : [{ text: '' }] },
      ],
      columnGap: 2,
      style: 'footnote',
    };
  }
}

/** Converts a parsed Markdown tree into pdfmake body content. */
export function mdastToPdfmake(root: Root, options: ConvertOptions = {}): Content[] {
  return new Converter(collectDefinitions(root), options).root(root.children);
}
