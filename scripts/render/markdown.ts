import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkStringify, { type Options } from 'remark-stringify';
import { unified } from 'unified';

/**
 * Fixed serialisation options: the same tree always gives the same text, whatever the
 * library defaults of the day are.
 */
const STRINGIFY_OPTIONS: Options = {
  bullet: '-',
  bulletOther: '*',
  emphasis: '*',
  strong: '*',
  fence: '`',
  fences: true,
  rule: '-',
  ruleRepetition: 3,
  listItemIndent: 'one',
  incrementListMarker: true,
  setext: false,
  closeAtx: false,
  resourceLink: true,
  tightDefinitions: true,
};

const parser = unified().use(remarkParse).use(remarkGfm);
const stringifier = unified().use(remarkGfm, { tablePipeAlign: false, tableCellPadding: true }).use(remarkStringify, STRINGIFY_OPTIONS);

export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}

export function stringifyMarkdown(tree: Root): string {
  return stringifier.stringify(tree);
}
