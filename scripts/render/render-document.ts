import type { List, Root } from 'mdast';
import { kindOf } from '../kinds/index.ts';
import type { DocumentMeta } from '../kinds/meta.ts';
import type { DocumentKind } from '../model/kinds.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { numberClauses } from './clause-numbers.ts';
import type { RenderData } from './helpers.ts';
import { compactTree } from './compact-tree.ts';
import { draftingNotesIn, markDraftingNotes } from './drafting-notes.ts';
import { parseMarkdown, stringifyMarkdown } from './markdown.ts';
import { reviseClauses } from './revise-clauses.ts';
import { substituteTokens } from './substitute.ts';
import type { TemplateSet } from './templates.ts';
import { TokenTable } from './tokens.ts';

export interface RenderedDocument {
  doc: SourceDocument;
  meta: DocumentMeta;
  /** The full Markdown file: title, title block, body. */
  markdown: string;
  /** The body as parsed back from its normalised Markdown: what the PDF is made from. */
  body: Root;
  /** Templates and partials that produced it. */
  templates: string[];
  /**
   * »Udestår« notes still in the text: those marked in the body (markDraftingNotes) and any in
   * the title or title block. Counted, not written: the Markdown is the same either way.
   */
  draftingNotes: number;
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
      children: [
        {
          type: 'paragraph',
          children: [
            { type: 'strong', children: [{ type: 'text', value: `${label}:` }] },
            { type: 'text', value: ` ${value}` },
          ],
        },
      ],
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
  const kind = kindOf(doc);
  const raw = templates.render(kind.template, kind.view(repo, doc), data);
  let tree = substituteTokens(parseMarkdown(raw), tokens);
  if (kind.revisions) tree = reviseClauses(tree, kind.revisions(repo, doc), tokens);
  const marked = markDraftingNotes(tree);
  tree = marked.tree;
  if (kind.numberedClauses) tree = numberClauses(tree);
  const bodyMarkdown = stringifyMarkdown(tree);
  const meta = kind.meta(repo, doc);
  const headerNotes = [meta.title, ...meta.titleBlock.map(({ value }) => value)].reduce((n, text) => n + draftingNotesIn(text), 0);
  return {
    doc,
    meta,
    markdown: `${stringifyMarkdown(header(meta))}\n${bodyMarkdown}`,
    body: compactTree(tree),
    templates: templates.filesOf(kind.template),
    draftingNotes: marked.notes + headerNotes,
  };
}
