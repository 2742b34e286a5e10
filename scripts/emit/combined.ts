import type { Heading, List, Root, RootContent } from 'mdast';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { buildDocDefinition, type PdfMeta } from './pdf/index.ts';

/** What a combined PDF needs of one document: plain data, so it can cross to a worker thread. */
export interface CombinedPart {
  name: string;
  titleBlock: Array<{ label: string; value: string }>;
  body: Root;
}

/** One document's part of a combined PDF: its name as a level-2 heading, title block, body. */
function section({ name, titleBlock, body }: CombinedPart): RootContent[] {
  const demoted = structuredClone(body.children).map((node) => {
    if (node.type === 'heading') (node as Heading).depth = Math.min(6, node.depth + 1) as Heading['depth'];
    return node;
  });
  const facts: List = {
    type: 'list',
    ordered: false,
    spread: false,
    children: titleBlock.map(({ label, value }) => ({
      type: 'listItem',
      spread: false,
      children: [{ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: `${label}:` }] }, { type: 'text', value: ` ${value}` }] }],
    })),
  };
  return [{ type: 'heading', depth: 2, children: [{ type: 'text', value: name }] }, facts, ...demoted];
}

/**
 * A kommune's documents in one PDF: a table of contents listing each document, each starting
 * on a new page, made from the same syntax trees as the single PDFs.
 */
export function combinedDefinition(parts: readonly CombinedPart[], meta: PdfMeta): TDocumentDefinitions {
  const root: Root = { type: 'root', children: parts.flatMap(section) };
  const def = buildDocDefinition(root, { ...meta, toc: true, tocDepth: 2 });
  for (const node of def.content as Array<{ headlineLevel?: number; pageBreak?: string }>) {
    if (node.headlineLevel === 2) node.pageBreak = 'before';
  }
  return def;
}
