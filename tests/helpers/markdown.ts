import type { Nodes, Root } from 'mdast';
import { parseMarkdown } from '../../scripts/render/markdown.ts';

function withoutPositions(node: Nodes): Nodes {
  const { position: _position, ...rest } = node;
  return ('children' in node ? { ...rest, children: node.children.map(withoutPositions) } : rest) as Nodes;
}

/**
 * A rendered document's .md parsed back, without its header (the title and the title block,
 * which the PDF draws itself) and without source positions: what the PDF body must equal.
 */
export function reparsedBody(markdown: string): Root {
  const full = withoutPositions(parseMarkdown(markdown)) as Root;
  return { ...full, children: full.children.slice(2) };
}
