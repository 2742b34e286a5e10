/**
 * mdast phrasing content → flat list of pdfmake inline texts.
 * Marks (strong, emphasis, …) are carried down and applied to each leaf, so
 * pdfmake never has to merge nested inline styles. Text values are passed
 * through verbatim: nothing here interprets Markdown, HTML or templates.
 */
import type { PhrasingContent } from 'mdast';
import type { ContentText, Decoration } from 'pdfmake/interfaces.js';
import { bindUnits } from './no-break.ts';
import { softBreaksToSpaces, textContent } from './plain-text.ts';
import { CLICKABLE_URL, type Definitions } from '../markdown-body.ts';
import { COLORS } from './styles.ts';

interface Marks {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  code?: boolean;
  /** Clickable target; only set for schemes that are safe to open. */
  href?: string;
  /** Link styling also applies to links that are not clickable. */
  linkLike?: boolean;
}

function leaf(text: string, marks: Marks): ContentText {
  const node: ContentText = { text: marks.code ? text : bindUnits(text) };
  if (marks.bold) node.bold = true;
  if (marks.italics) node.italics = true;
  if (marks.code) node.background = COLORS.codeFill;
  const decoration: Decoration[] = [];
  if (marks.linkLike) {
    node.color = COLORS.link;
    decoration.push('underline');
  }
  if (marks.strike) decoration.push('lineThrough');
  if (decoration.length === 1) node.decoration = decoration[0];
  else if (decoration.length > 1) node.decoration = decoration;
  if (marks.href !== undefined) node.link = marks.href;
  return node;
}

function linkMarks(marks: Marks, url: string | undefined): Marks {
  const next: Marks = { ...marks, linkLike: true };
  if (url !== undefined && CLICKABLE_URL.test(url)) next.href = url;
  return next;
}

/** Converts phrasing nodes; never throws on unknown node types (their text is kept). */
export function convertInlines(nodes: readonly PhrasingContent[], definitions: Definitions, marks: Marks = {}): ContentText[] {
  const out: ContentText[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'html': // raw HTML is shown as the literal text the author wrote
        out.push(leaf(softBreaksToSpaces(node.value), marks));
        break;
      case 'inlineCode':
        out.push(leaf(node.value, { ...marks, code: true }));
        break;
      case 'break':
        out.push(leaf('\n', marks));
        break;
      case 'strong':
        out.push(...convertInlines(node.children, definitions, { ...marks, bold: true }));
        break;
      case 'emphasis':
        out.push(...convertInlines(node.children, definitions, { ...marks, italics: true }));
        break;
      case 'delete':
        out.push(...convertInlines(node.children, definitions, { ...marks, strike: true }));
        break;
      case 'link':
        out.push(...convertInlines(node.children, definitions, linkMarks(marks, node.url)));
        break;
      case 'linkReference':
        out.push(...convertInlines(node.children, definitions, linkMarks(marks, definitions.get(node.identifier))));
        break;
      case 'footnoteReference': {
        const ref = leaf(node.label ?? node.identifier, marks);
        ref.sup = true;
        out.push(ref);
        break;
      }
      default: {
        // image, imageReference and any future/extension node: keep the visible text.
        const text = softBreaksToSpaces(textContent(node));
        if (text !== '') out.push(leaf(text, marks));
      }
    }
  }
  return out;
}
