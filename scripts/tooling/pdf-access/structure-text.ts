/**
 * Does the structure tree carry the document's text, in the Markdown's order? The expected
 * text is derived from the Markdown the PDF was made from, with the project's parser: one block
 * per heading, paragraph (in list items, block quotes and footnotes too), table cell, code block
 * and HTML block, in document order. The header the Markdown opens with (the title and its
 * »**Label:** value« list) is the PDF's title block, read label by label. A table column that is empty in every body row is left out
 * with its header cell, as the PDF leaves it out.
 *
 * Comparison ignores all white-space (the PDF binds units with no-break spaces and breaks lines)
 * and soft hyphens, and tolerates a hyphen the PDF put at a line end inside a word (»sund-« +
 * »hedsråd« for »sundhedsråd«): a `-` between two letters in the PDF's text may be skipped.
 * Every block must be a contiguous run of the structure text, and the blocks must be found in
 * order; other text (title block, table of contents, seal line) may lie between them.
 */
import type { Nodes, Parents, Root } from 'mdast';
import { parseMarkdown } from '../../render/markdown.ts';
import { type AccessFinding, finding, shorten } from './findings.ts';

/** The text one Markdown block puts on the page; inline code, links and emphasis give their text. */
function inlineText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'html':
      return node.value;
    case 'break':
      return '\n';
    case 'image':
      return node.alt ?? '';
    case 'footnoteReference':
      return node.label ?? node.identifier;
    default:
      return 'children' in node ? (node.children as Nodes[]).map(inlineText).join('') : '';
  }
}

/** The expected text blocks of a Markdown document, in order (empty blocks left out). */
export function expectedBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const push = (text: string) => {
    if (normalize(text) !== '') blocks.push(text);
  };
  const walk = (node: Nodes | Root, checkbox = ''): void => {
    switch (node.type) {
      case 'heading':
        push(inlineText(node));
        return;
      case 'paragraph':
        push(checkbox + inlineText(node));
        return;
      case 'code':
      case 'html':
        push(node.value);
        return;
      case 'listItem': {
        // A task item's checkbox is shown as »[x] « / »[ ] « before its first paragraph.
        const box = typeof node.checked === 'boolean' ? (node.checked ? '[x] ' : '[ ] ') : '';
        node.children.forEach((child, i) => walk(child, i === 0 && child.type === 'paragraph' ? box : ''));
        return;
      }
      case 'table': {
        const rows = node.children;
        const columns = Math.max(0, ...rows.map((row) => row.children.length));
        const kept = [...Array(columns).keys()].filter(
          (c) => rows.length === 1 || rows.some((row, r) => r > 0 && normalize(inlineText(row.children[c] ?? { type: 'text', value: '' })) !== ''),
        );
        for (const row of rows) for (const c of kept) push(row.children[c] === undefined ? '' : inlineText(row.children[c]));
        return;
      }
      case 'definition':
        return;
      default:
        if ('children' in node) for (const child of (node as Parents).children) walk(child);
    }
  };
  const root = parseMarkdown(markdown);
  const head = titleBlockOf(root);
  if (head) {
    // The title and the »**Label:** value« list under it are the PDF's title block: a table
    // whose rows read label, then value, the label without its colon (render-document.ts).
    push(inlineText(head.title));
    for (const { label, value } of head.rows) {
      push(label);
      push(value);
    }
    for (const child of root.children.slice(2)) walk(child);
  } else walk(root);
  return blocks;
}

/** A label as the Markdown header writes it: the strong »Label:« that opens a list item. */
const LABEL = /^(.*):$/s;

/** The document's header, when it opens with a level-1 heading and a list of »**Label:** value« items. */
function titleBlockOf(root: Root): { title: Nodes; rows: Array<{ label: string; value: string }> } | undefined {
  const [title, list] = root.children;
  if (title?.type !== 'heading' || title.depth !== 1 || list?.type !== 'list') return undefined;
  const rows: Array<{ label: string; value: string }> = [];
  for (const item of list.children) {
    const paragraph = item.children[0];
    const [strong, ...rest] = paragraph?.type === 'paragraph' ? paragraph.children : [];
    const label = strong?.type === 'strong' ? LABEL.exec(inlineText(strong)) : null;
    if (item.children.length !== 1 || !label) return undefined;
    rows.push({ label: label[1] ?? '', value: rest.map(inlineText).join('').trim() });
  }
  return { title, rows };
}

/** White-space and soft hyphens removed, Unicode composed, typographic hyphens as `-`. */
function normalize(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\s\u00AD\u200B\u2060\uFEFF]+/g, '')
    .replace(/[\u2010\u2011]/g, '-');
}

const LETTER = /\p{L}/u;

/** Where `block` matches in `text` from `from` on, skipping hyphens between letters in `text`; the index after the match, or -1. */
function matchAt(text: string, block: string, at: number): number {
  let i = at;
  for (let j = 0; j < block.length;) {
    if (text[i] === block[j]) {
      i++;
      j++;
    } else if (text[i] === '-' && j > 0 && LETTER.test(text[i - 1] ?? '') && LETTER.test(text[i + 1] ?? '')) {
      i++;
    } else {
      return -1;
    }
  }
  return i;
}

/** Finds the first place at or after `from` where `block` matches; the index after it, or -1. */
function find(text: string, block: string, from: number): number {
  const first = block[0];
  if (first === undefined) return from;
  for (let at = text.indexOf(first, from); at >= 0; at = text.indexOf(first, at + 1)) {
    const end = matchAt(text, block, at);
    if (end >= 0) return end;
  }
  return -1;
}

/** The structure-text finding, if any: the first block not found in order, and how far matching got. */
export function structureTextFindings(markdown: string, structureTexts: readonly string[]): AccessFinding[] {
  const text = normalize(structureTexts.join(''));
  const blocks = expectedBlocks(markdown);
  if (text === '' && blocks.length > 0) {
    return [
      finding(
        'pdf/structure-text',
        `strukturtræet har ingen tekst (Markdown-kilden har ${blocks.length} ${blocks.length === 1 ? 'blok' : 'blokke'}): en skærmlæser, der følger strukturen, finder intet at læse`,
      ),
    ];
  }
  let from = 0;
  for (const [index, block] of blocks.entries()) {
    const end = find(text, normalize(block), from);
    if (end >= 0) {
      from = end;
      continue;
    }
    const anywhere = find(text, normalize(block), 0) >= 0;
    return [
      finding(
        'pdf/structure-text',
        `strukturtræets tekst følger ikke Markdown-kilden: blok ${index + 1} af ${blocks.length} (»${shorten(block)}«) ` +
          `${anywhere ? 'står før den forrige blok' : 'findes ikke'} (${index} ${index === 1 ? 'blok' : 'blokke'} fundet i rækkefølge): ` +
          'en skærmlæser læser teksten anderledes, end dokumentet er skrevet',
      ),
    ];
  }
  return [];
}
