import type { Heading, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { parseMarkdown } from './markdown.ts';
import { TOKEN_PATTERN, type TokenTable } from './tokens.ts';

const SINGLE_TOKEN = /^\s*\uE000(\d+)\uE001\s*$/;

/** Containers whose children are blocks: raw HTML there is a block of its own. */
const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/**
 * Raw HTML in a Markdown field is shown as the text it is, never interpreted. Block-level HTML
 * becomes a paragraph (a bare text node among blocks would glue the blocks together when
 * serialised); inline HTML becomes text in its line.
 */
function htmlToText<T extends RootContent>(node: T, parentType = 'root'): T {
  if (node.type === 'html') {
    const text = { type: 'text', value: node.value };
    return (FLOW_PARENTS.has(parentType) ? { type: 'paragraph', children: [text] } : text) as unknown as T;
  }
  if ('children' in node) (node as Parent).children = (node as Parent).children.map((c) => htmlToText(c, node.type));
  return node;
}

/** Parses a Markdown field, its headings moved below `contextDepth` so they nest where placed. */
function parseField(value: string, contextDepth: number): RootContent[] {
  const blocks = parseMarkdown(value).children.map((b) => htmlToText(b));
  const headings = blocks.filter((b): b is Heading => b.type === 'heading');
  if (headings.length > 0) {
    const shift = Math.max(0, contextDepth + 1 - Math.min(...headings.map((h) => h.depth)));
    for (const h of headings) h.depth = Math.min(6, h.depth + shift) as Heading['depth'];
  }
  return blocks;
}

/** A Markdown field used inside a line: its paragraphs' inline content, joined by line breaks. */
function parseInlineField(value: string): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const block of parseField(value, 6)) {
    if (out.length > 0) out.push({ type: 'break' });
    if (block.type === 'paragraph' || block.type === 'heading') out.push(...block.children);
    else out.push({ type: 'text', value: textOf(block) });
  }
  return out;
}

function textOf(node: RootContent): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node as Parent).children.map((c) => textOf(c)).join(node.type === 'list' ? '\n' : '');
  return '';
}

/** Replaces every token in a plain string by its literal value (for code and URLs). */
function literal(value: string, tokens: TokenTable): string {
  return value.replace(TOKEN_PATTERN, (_, i: string) => tokens.get(Number(i)).value);
}

/** Splits a text node at its tokens into literal text and inline Markdown content. */
function expandText(node: Text, tokens: TokenTable): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const match of node.value.matchAll(TOKEN_PATTERN)) {
    if (match.index > last) out.push({ type: 'text', value: node.value.slice(last, match.index) });
    const token = tokens.get(Number(match[1]));
    if (token.kind === 'text') out.push({ type: 'text', value: token.value });
    else out.push(...parseInlineField(token.value));
    last = match.index + match[0].length;
  }
  if (last < node.value.length) out.push({ type: 'text', value: node.value.slice(last) });
  // Merge neighbouring text nodes so the serialiser sees one run of text.
  return out.reduce<PhrasingContent[]>((acc, n) => {
    const prev = acc.at(-1);
    if (prev?.type === 'text' && n.type === 'text') prev.value += n.value;
    else acc.push(n);
    return acc;
  }, []);
}

/**
 * Puts the data back into the parsed template output: text tokens become literal text nodes,
 * a Markdown field alone in a paragraph becomes the field's own parsed blocks, elsewhere its
 * inline content. Values are never re-read as Markdown source of the template.
 */
export function substituteTokens(tree: Root, tokens: TokenTable): Root {
  let headingDepth = 1;
  const visit = (parent: Parent): void => {
    const children: RootContent[] = [];
    for (const child of parent.children) {
      if (child.type === 'heading') headingDepth = child.depth;
      if (child.type === 'paragraph' && child.children.length === 1 && child.children[0]!.type === 'text') {
        const single = SINGLE_TOKEN.exec(child.children[0].value);
        const token = single ? tokens.get(Number(single[1])) : undefined;
        if (token?.kind === 'markdown' && !token.inline) {
          const blocks = parseField(token.value, headingDepth);
          children.push(...blocks);
          continue;
        }
      }
      if (child.type === 'text') {
        children.push(...expandText(child, tokens));
        continue;
      }
      if (child.type === 'inlineCode' || child.type === 'code') child.value = literal(child.value, tokens);
      if (child.type === 'link') child.url = literal(child.url, tokens);
      if ('children' in child) visit(child);
      children.push(child);
    }
    parent.children = children;
  };
  visit(tree);
  return tree;
}
