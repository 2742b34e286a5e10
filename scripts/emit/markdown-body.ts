/**
 * What the PDF and the Word converters read off a document's Markdown tree alike: its link
 * reference definitions, which link targets may be clicked, where the signature clause is, and
 * which of its table rows are signed by hand. One answer, so the two outputs cannot drift.
 */
import type { Heading, Nodes, Root, RootContent } from 'mdast';
import { textContent } from './pdf/plain-text.ts';

/** Link reference definitions of the document: normalised identifier → URL. */
export type Definitions = ReadonlyMap<string, string>;

export function collectDefinitions(root: Root): Definitions {
  const found = new Map<string, string>();
  const visit = (node: Nodes): void => {
    // First definition wins, as in CommonMark.
    if (node.type === 'definition' && !found.has(node.identifier)) found.set(node.identifier, node.url);
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(root);
  return found;
}

// Relative or exotic targets (javascript:, file:, …) are shown but never made clickable.
export const CLICKABLE_URL = /^(https?:\/\/|mailto:)/i;

/** The signature clause: the last level-2 heading whose text ends with this word. */
const SIGNATURE_HEADING = /underskrifter$/i;
/** A signature table row that is signed by hand: its first cell starts with this word. */
export const SIGN_HERE = /^underskrift\b/i;

/**
 * The signature clause among the top-level blocks: from its heading up to the next heading of
 * level 1 or 2, as [start, end); undefined when there is none.
 */
export function signatureClause(nodes: readonly RootContent[]): { start: number; end: number } | undefined {
  let start = -1;
  nodes.forEach((node, i) => {
    if (node.type === 'heading' && node.depth === 2 && SIGNATURE_HEADING.test(textContent(node).trim())) start = i;
  });
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < nodes.length && !(nodes[end]?.type === 'heading' && (nodes[end] as Heading).depth <= 2)) end++;
  return { start, end };
}
