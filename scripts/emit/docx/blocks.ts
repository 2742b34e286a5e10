/**
 * mdast (remark-parse + remark-gfm) → Word paragraphs and tables.
 *
 * The same tree the PDF is made from (render-document.ts), block by block: headings as Word's
 * built-in heading styles with their text as written (clauses carry their »§ n« in the text, in
 * the Markdown and the PDF alike), lists as Word numbering (bullets, or numbers that restart for
 * every list), tables as Word tables whose first row repeats on every page. Every column is
 * kept, also one nobody filled in (the PDF leaves it out): a negotiable copy is where it gets
 * filled in. Unknown node types degrade to their text; nothing here throws on unexpected input.
 */
import type { Blockquote, Code, Heading, List, ListItem, PhrasingContent, Root, RootContent, Table as MdTable } from 'mdast';
import {
  AlignmentType,
  HeightRule,
  Paragraph,
  Table,
  type FileChild,
  type ILevelsOptions,
  type INumberingOptions,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import { softBreaksToSpaces, textContent } from '../pdf/plain-text.ts';
import { collectDefinitions, SIGN_HERE, signatureClause, type Definitions } from '../markdown-body.ts';
import { RunConverter, type RunWriter } from './runs.ts';
import { CODE_SHADING, headingLevel, RULE_LINE, STYLE, twip } from './styles.ts';
import { cellStyle, tableCell, tableFrame, tableRow } from './table.ts';

/** Height of a row signed by hand: room for a signature above the line. */
const SIGN_ROW_HEIGHT = twip(40);

/** Word has nine list levels. */
const MAX_LIST_LEVEL = 8;
const BULLETS = ['•', '–', '▪'];
const LIST_INDENT = twip(18);
/** Space above a paragraph that follows a table, as the PDF leaves below its tables. */
const AFTER_TABLE_PT = 10;

export interface BlockOptions {
  /** Makes every run; the default writes the text as it is. */
  runWriter?: RunWriter;
}

export interface ConvertedBody {
  children: FileChild[];
  /** The list definitions the body's paragraphs refer to. */
  numbering: INumberingOptions;
}

interface BlockContext {
  /** Inside a list item, at this level (0 = outermost). */
  listLevel?: number;
  /** Inside the signature clause: kept on one page, tables get rows to sign on. */
  signature?: boolean;
  /** Paragraph style for plain paragraphs (table cells, quotes). */
  style?: string;
}

function levels(ordered: boolean, start: number): ILevelsOptions[] {
  return [...Array(MAX_LIST_LEVEL + 1).keys()].map((level) => ({
    level,
    format: ordered ? 'decimal' : 'bullet',
    text: ordered ? `%${level + 1}.` : (BULLETS[level % BULLETS.length] ?? '•'),
    start: level === 0 ? start : 1,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: LIST_INDENT * (level + 1), hanging: LIST_INDENT } } },
  }));
}

class Converter {
  private readonly runs: RunConverter;
  /** Numbering definitions by reference: one for bullets, one per start value of numbered lists. */
  private readonly numberingConfigs = new Map<string, ILevelsOptions[]>();
  /** Each numbered list is its own instance, so its numbers start again. */
  private listInstance = 0;

  constructor(definitions: Definitions, options: BlockOptions) {
    this.runs = new RunConverter(definitions, options.runWriter);
  }

  numbering(): INumberingOptions {
    return { config: [...this.numberingConfigs].map(([reference, levels]) => ({ reference, levels })) };
  }

  /** Paragraphs right after a table: Word puts no space between a table and what follows it. */
  private readonly afterTable = new WeakSet<RootContent>();

  /** Top-level blocks; the signature clause is kept on one page. */
  root(nodes: readonly RootContent[]): FileChild[] {
    nodes.forEach((node, i) => {
      if (node.type === 'paragraph' && nodes[i - 1]?.type === 'table') this.afterTable.add(node);
    });
    const clause = signatureClause(nodes);
    if (clause === undefined) return this.blocks(nodes);
    const { start, end } = clause;
    return [...this.blocks(nodes.slice(0, start)), ...this.blocks(nodes.slice(start, end), { signature: true }), ...this.blocks(nodes.slice(end))];
  }

  private blocks(nodes: readonly RootContent[], ctx: BlockContext = {}): FileChild[] {
    return nodes.flatMap((node) => this.block(node, ctx));
  }

  private block(node: RootContent, ctx: BlockContext): FileChild[] {
    switch (node.type) {
      case 'heading':
        return [this.heading(node)];
      case 'paragraph':
        return this.paragraph(node.children, ctx, this.afterTable.has(node) ? { spacing: { before: twip(AFTER_TABLE_PT) } } : {});
      case 'list':
        return this.list(node, ctx);
      case 'table':
        return [this.table(node, ctx)];
      case 'blockquote':
        return this.blockquote(node, ctx);
      case 'code':
        return [this.code(node, ctx)];
      case 'thematicBreak':
        return [this.rule()];
      case 'html':
        // Block HTML is not interpreted; the source is shown as written.
        return [this.para({ children: this.runs.runs([{ type: 'text', value: node.value }]) }, ctx)];
      case 'definition':
        return []; // invisible in rendered Markdown; used to resolve link references
      case 'footnoteDefinition': {
        // The label leads the note's first paragraph, as in the PDF's label column.
        const label: PhrasingContent = { type: 'text', value: `${node.label ?? node.identifier} ` };
        const [first, ...rest] = node.children;
        if (first?.type === 'paragraph') return [...this.paragraph([label, ...first.children], ctx), ...this.blocks(rest, ctx)];
        return [...this.paragraph([label], ctx), ...this.blocks(node.children, ctx)];
      }
      default: {
        const text = textContent(node);
        return text.trim() === '' ? [] : [this.para({ children: this.runs.runs([{ type: 'text', value: text }]) }, ctx)];
      }
    }
  }

  /** A paragraph with the context's style, kept with the next one inside the signature clause. */
  private para(options: IParagraphOptions, ctx: BlockContext): Paragraph {
    return new Paragraph({
      ...(ctx.style !== undefined && options.style === undefined && options.heading === undefined ? { style: ctx.style } : {}),
      ...(ctx.signature ? { keepNext: true, keepLines: true } : {}),
      ...options,
    });
  }

  private paragraph(children: readonly PhrasingContent[], ctx: BlockContext, extra: IParagraphOptions = {}): Paragraph[] {
    const runs = this.runs.runs(children);
    if (runs.length === 0 && extra.numbering === undefined) return [];
    const indent = ctx.listLevel !== undefined && extra.numbering === undefined ? { indent: { left: LIST_INDENT * (ctx.listLevel + 1) } } : {};
    return [this.para({ ...indent, ...extra, children: runs }, ctx)];
  }

  private heading(node: Heading): Paragraph {
    // Plain text, as in the PDF: headings are read in the navigation pane and contents field.
    const text = softBreaksToSpaces(textContent(node)).trim();
    return new Paragraph({ heading: headingLevel(node.depth), children: this.runs.runs([{ type: 'text', value: text }]) });
  }

  private list(node: List, ctx: BlockContext): FileChild[] {
    const level = ctx.listLevel === undefined ? 0 : Math.min(ctx.listLevel + 1, MAX_LIST_LEVEL);
    const start = node.start ?? 1;
    const reference = node.ordered ? `numbered-${start}` : 'bullets';
    if (!this.numberingConfigs.has(reference)) this.numberingConfigs.set(reference, levels(node.ordered === true, start));
    // Every numbered list, nested ones too, is an instance of its own (a w:num that restarts every
    // level): Word counts an abstract list's levels across all its uses, so two nested lists under
    // different bullets would otherwise go on 1, 2, 3, 4.
    const instance = node.ordered ? ++this.listInstance : 0;
    return node.children.flatMap((item) => this.listItem(item, { ...ctx, listLevel: level }, { reference, level, instance }));
  }

  private listItem(item: ListItem, ctx: BlockContext, numbering: { reference: string; level: number; instance: number }): FileChild[] {
    const [first, ...rest] = item.children;
    // GFM task items: the checkbox is shown as plain text, as in the PDF.
    const prefix: PhrasingContent[] = typeof item.checked === 'boolean' ? [{ type: 'text', value: item.checked ? '[x] ' : '[ ] ' }] : [];
    const numbered = { numbering, style: 'ListParagraph' };
    if (first?.type === 'paragraph') {
      return [...this.paragraph([...prefix, ...first.children], ctx, numbered), ...this.blocks(rest, ctx)];
    }
    // An item that starts with something else still gets its number, on a paragraph of its own.
    return [...this.paragraph(prefix, ctx, numbered), ...this.blocks(item.children, ctx)];
  }

  private table(node: MdTable, ctx: BlockContext): Table {
    const rows = node.children;
    const columnCount = Math.max(1, ...rows.map((row) => row.children.length));
    const texts = rows.map((row) => [...Array(columnCount).keys()].map((c) => softBreaksToSpaces(textContent(row.children[c]))));
    const frame = tableFrame(texts, columnCount);
    return new Table({
      ...frame,
      rows: rows.map((row, r) => {
        const header = r === 0;
        const signHere = ctx.signature === true && !header && SIGN_HERE.test(texts[r]?.[0]?.trim() ?? '');
        const cells = [...Array(columnCount).keys()].map((c) => {
          const cell = row.children[c];
          const align = node.align?.[c];
          const alignment = align === 'right' ? AlignmentType.RIGHT : align === 'center' ? AlignmentType.CENTER : undefined;
          const children: ParagraphChild[] = cell === undefined ? [] : this.runs.runs(cell.children);
          return tableCell(frame.columnWidths[c] ?? 0, header, this.para({ style: cellStyle(header), children, ...(alignment ? { alignment } : {}) }, ctx));
        });
        return tableRow(header, cells, signHere ? { height: { value: SIGN_ROW_HEIGHT, rule: HeightRule.ATLEAST } } : {});
      }),
    });
  }

  private blockquote(node: Blockquote, ctx: BlockContext): FileChild[] {
    return this.blocks(node.children, { ...ctx, style: STYLE.quote });
  }

  private code(node: Code, ctx: BlockContext): Paragraph {
    const lines = node.value.split('\n');
    const children = lines.flatMap((line, i) =>
      this.runs.runs(i === 0 ? [{ type: 'inlineCode', value: line }] : [{ type: 'break' }, { type: 'inlineCode', value: line }]),
    );
    return this.para({ style: STYLE.code, children, shading: CODE_SHADING }, ctx);
  }

  private rule(): Paragraph {
    return new Paragraph({ border: RULE_LINE, children: [] });
  }
}

/** Converts a parsed Markdown tree into the body of a Word document and the numbering it uses. */
export function mdastToDocx(root: Root, options: BlockOptions = {}): ConvertedBody {
  const converter = new Converter(collectDefinitions(root), options);
  const children = converter.root(root.children);
  return { children, numbering: converter.numbering() };
}
