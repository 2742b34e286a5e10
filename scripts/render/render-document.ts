import type { List, Root } from 'mdast';
import type { DocumentKind } from '../model/kinds.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { numberClauses } from './clause-numbers.ts';
import type { RenderData } from './helpers.ts';
import { compactTree } from './compact-tree.ts';
import { parseMarkdown, stringifyMarkdown } from './markdown.ts';
import { documentMeta, type DocumentMeta } from './meta.ts';
import { substituteTokens } from './substitute.ts';
import type { TemplateSet } from './templates.ts';
import { TokenTable } from './tokens.ts';
import { anmodningView } from './views/anmodning.ts';
import { delingsaftaleView } from './views/delingsaftale.ts';
import { hsaView } from './views/hsa.ts';
import { sagView } from './views/sag.ts';

export interface RenderedDocument {
  doc: SourceDocument;
  meta: DocumentMeta;
  /** The full Markdown file: title, title block, body. */
  markdown: string;
  /** The body as parsed back from its normalised Markdown: what the PDF is made from. */
  body: Root;
  /** Templates and partials that produced it. */
  templates: string[];
}

/** Agreements have numbered clauses; a council case keeps the plain headings of its original. */
const numbered: Record<DocumentKind, boolean> = { hsa: true, delingsaftale: true, anmodning: true, sag: false };

function viewOf(repo: Repository, doc: SourceDocument<DocumentKind>): object {
  switch (doc.kind) {
    case 'hsa':
      return hsaView(repo, (doc as SourceDocument<'hsa'>).data);
    case 'delingsaftale':
      return delingsaftaleView(repo, (doc as SourceDocument<'delingsaftale'>).data);
    case 'anmodning':
      return anmodningView(repo, (doc as SourceDocument<'anmodning'>).data);
    case 'sag':
      return sagView(repo, doc as SourceDocument<'sag'>);
  }
}

/** Title and title block as Markdown nodes: built as a tree, so values stay literal. */
function header(meta: DocumentMeta): Root {
  const list: List = {
    type: 'list',
    ordered: false,
    spread: false,
    children: meta.titleBlock.map(({ label, value }) => ({
      type: 'listItem',
      spread: false,
      children: [{ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: `${label}:` }] }, { type: 'text', value: ` ${value}` }] }],
    })),
  };
  return { type: 'root', children: [{ type: 'heading', depth: 1, children: [{ type: 'text', value: meta.title }] }, list] };
}

/**
 * template → Markdown with tokens → syntax tree → data substituted → clauses numbered →
 * normalised Markdown. The PDF body is that same tree, compacted to what parsing the Markdown
 * gives back (see compactTree), so the PDF shows exactly what the .md file says.
 */
export function renderDocument(repo: Repository, templates: TemplateSet, doc: SourceDocument<DocumentKind>): RenderedDocument {
  const tokens = new TokenTable();
  const data: RenderData = { tokens, repo, paramNames: templates.paramNames };
  const raw = templates.render(doc.kind, viewOf(repo, doc), data);
  let tree = substituteTokens(parseMarkdown(raw), tokens);
  if (numbered[doc.kind]) tree = numberClauses(tree);
  const bodyMarkdown = stringifyMarkdown(tree);
  const meta = documentMeta(repo, doc);
  return {
    doc,
    meta,
    markdown: `${stringifyMarkdown(header(meta))}\n${bodyMarkdown}`,
    body: compactTree(tree),
    templates: templates.filesOf(doc.kind),
  };
}
