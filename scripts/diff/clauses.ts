import type { Nodes, Root, RootContent } from 'mdast';
import { softBreaksToSpaces } from '../emit/pdf/plain-text.ts';
import { parseMarkdown, stringifyMarkdown } from '../render/markdown.ts';
import type { Clause, Line } from './types.ts';

/**
 * »§ 12. Frister« → »Frister«, »4.1 Regionens bidrag« → »Regionens bidrag«: the clause numbers
 * scripts/render/clause-numbers.ts puts in front of agreement headings. A case's headings
 * have none and pass unchanged.
 */
const CLAUSE_NUMBER = /^(?:§\s*\d+(?:\s?[a-z])?\.|\d+[a-z]?(?:\.\d+)+\.?)\s+/u;

export function stripClauseNumber(heading: string): string {
  return heading.replace(CLAUSE_NUMBER, '');
}

/** Visible text of inline content: soft breaks read as spaces, hard breaks stay line breaks. */
function inlineText(nodes: readonly Nodes[]): string {
  return nodes
    .map((node): string => {
      if (node.type === 'break') return '\n';
      if (node.type === 'text' || node.type === 'html' || node.type === 'inlineCode') return softBreaksToSpaces(node.value);
      if ('children' in node) return inlineText(node.children as Nodes[]);
      if ('value' in node && typeof node.value === 'string') return softBreaksToSpaces(node.value);
      if ('alt' in node && typeof node.alt === 'string') return node.alt;
      return '';
    })
    .join('');
}

/** Block content → lines, one per paragraph, list item, table row or code block. */
function linesOf(nodes: readonly Nodes[], depth: number): Line[] {
  return nodes.flatMap((node): Line[] => {
    switch (node.type) {
      case 'paragraph':
        return [{ kind: 'paragraph', depth, cells: [inlineText(node.children)] }];
      case 'heading':
        return [{ kind: 'paragraph', depth, cells: [inlineText(node.children)] }];
      case 'list':
        return node.children.flatMap((item, i) => {
          const marker = node.ordered ? `${(node.start ?? 1) + i}.` : '-';
          const [first, ...rest] = item.children;
          const own: Line = { kind: 'item', depth, marker, cells: [first?.type === 'paragraph' ? inlineText(first.children) : ''] };
          const more = first?.type === 'paragraph' ? rest : item.children;
          return [own, ...linesOf(more, depth + 1)];
        });
      case 'table':
        return node.children.map((row, r) => ({ kind: 'row', depth, header: r === 0, cells: row.children.map((cell) => inlineText(cell.children)) }));
      case 'blockquote':
        return linesOf(node.children, depth + 1);
      case 'code':
        return [{ kind: 'code', depth, cells: [node.value] }];
      case 'thematicBreak':
        return [{ kind: 'rule', depth, cells: [''] }];
      case 'html':
        return [{ kind: 'paragraph', depth, cells: [node.value] }];
      case 'definition':
        return []; // invisible in the rendered document
      default: {
        const text = 'children' in node ? inlineText(node.children as Nodes[]) : '';
        return text.trim() === '' ? [] : [{ kind: 'paragraph', depth, cells: [text] }];
      }
    }
  });
}

function clause(heading: { depth: number; text: string } | null, body: RootContent[]): Clause {
  const text = heading === null ? null : heading.text;
  const depth = heading?.depth ?? 0;
  return {
    depth,
    heading: text,
    key: `${depth}\u0000${text === null ? '' : stripClauseNumber(text)}`,
    lines: linesOf(body, 0),
    markdown: body.length === 0 ? '' : stringifyMarkdown({ type: 'root', children: body }),
  };
}

/**
 * Splits a rendered document at its headings: every heading, at any level, starts a clause
 * that runs to the next heading. The title (level 1) and its title block are a clause too, so
 * a new version or status shows like any other change.
 */
function splitClauses(tree: Root): Clause[] {
  const out: Clause[] = [];
  let heading: { depth: number; text: string } | null = null;
  let body: RootContent[] = [];
  for (const node of tree.children) {
    if (node.type === 'heading') {
      if (heading !== null || body.length > 0) out.push(clause(heading, body));
      heading = { depth: node.depth, text: inlineText(node.children).replace(/\s+/gu, ' ').trim() };
      body = [];
    } else {
      body.push(node);
    }
  }
  if (heading !== null || body.length > 0) out.push(clause(heading, body));
  return out;
}

/** The clauses of a rendered Markdown file. */
export function clausesOfMarkdown(markdown: string): Clause[] {
  return splitClauses(parseMarkdown(markdown));
}
