import type { Heading, Root, RootContent } from 'mdast';
import type { ClauseRevisions } from '../kinds/kind.ts';
import { parseMarkdown } from './markdown.ts';
import { substituteTokens } from './substitute.ts';
import { TokenTable } from './tokens.ts';

/** A node's text: its literal values, joined. */
const plain = (node: { value?: unknown; children?: unknown[] }): string =>
  typeof node.value === 'string' ? node.value : (node.children ?? []).map((c) => plain(c as { value?: unknown; children?: unknown[] })).join('');

const isClause = (node: RootContent): node is Heading => node.type === 'heading' && node.depth === 2;

/**
 * Applies a consolidated text's revisions to the clauses its template rendered (before they are
 * numbered): a note after the heading of each changed clause, and the added clauses, each after
 * the clause it follows (an added clause may follow another added one). Titles, notes and texts
 * go through the token table like every other value, so they stay literal or parsed Markdown.
 */
export function reviseClauses(tree: Root, revisions: ClauseRevisions, tokens: TokenTable): Root {
  const children = [...tree.children];
  const headingText = (node: Heading) => plain(node).trim();
  for (const { heading, note } of revisions.notes) {
    const clause = children.find((n): n is Heading => isClause(n) && headingText(n) === heading);
    clause?.children.push({ type: 'text', value: ` ${note}` });
  }
  for (const added of revisions.added) {
    const raw = `## ${tokens.text(TokenTable.clean(added.title))}\n\n${tokens.markdown(TokenTable.clean(added.text), false)}\n`;
    const blocks = substituteTokens(parseMarkdown(raw), tokens).children;
    const heading = blocks[0] as Heading;
    heading.children.push({ type: 'text', value: ` ${added.note}` });
    // Numbered after the clause it follows (»§ 7 a«), so the agreement's own numbers stay put.
    heading.data = { ...heading.data, inserted: true };
    // The clause it follows, by its heading without the notes added above.
    const start = children.findIndex((n) => isClause(n) && (headingText(n) === added.after || headingText(n).startsWith(`${added.after} (`)));
    let at = children.length;
    if (start >= 0) {
      const next = children.findIndex((n, i) => i > start && isClause(n));
      at = next < 0 ? children.length : next;
    }
    children.splice(at, 0, ...blocks);
  }
  return { ...tree, children };
}
