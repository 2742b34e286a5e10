/**
 * Text content of arbitrary mdast/unist nodes. Used for headings (which must be
 * plain strings for the TOC and bookmarks) and as the fallback for node types
 * the converter does not know: their text is rendered rather than dropped.
 */

/** Structural view of a unist node; deliberately loose so unknown node types fit. */
interface LooseNode {
  type?: unknown;
  value?: unknown;
  alt?: unknown;
  children?: unknown;
}

function isLooseNode(node: unknown): node is LooseNode {
  return typeof node === 'object' && node !== null;
}

/** Concatenated literal text of a node and its descendants (image alt text included). */
export function textContent(node: unknown): string {
  if (!isLooseNode(node)) return '';
  if (node.type === 'break') return '\n';
  if (typeof node.value === 'string') return node.value;
  if (Array.isArray(node.children)) return node.children.map(textContent).join('');
  if (typeof node.alt === 'string') return node.alt;
  return '';
}

/**
 * Markdown soft line breaks arrive as "\n" inside text values; like every
 * Markdown renderer we show them as spaces (pdfmake would break the line).
 */
export function softBreaksToSpaces(text: string): string {
  return text.replace(/[ \t]*\r?\n[ \t]*/g, ' ');
}
