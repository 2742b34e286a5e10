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

/**
 * Trees of recently parsed texts, most recently used last. A template renders its data as
 * tokens, so documents of one kind and shape give the same text before substitution — the 214
 * documents of the 46-kommune set give 24 texts — and the fields repeat too; parsing was most
 * of the Markdown stage's time. Callers change the tree they get, so each gets its own copy.
 */
const parsed = new Map<string, Root>();
/** Enough for every template shape and common field of a build; a few MB of trees. */
const PARSED_ENTRIES = 256;

export function parseMarkdown(text: string): Root {
  let tree = parsed.get(text);
  if (tree) {
    parsed.delete(text);
  } else {
    tree = parser.parse(text);
    if (parsed.size >= PARSED_ENTRIES) parsed.delete(parsed.keys().next().value!);
  }
  parsed.set(text, tree);
  return copyTree(tree);
}

/**
 * A deep copy of a parsed tree: plain objects, arrays and primitives are all it holds. Several
 * times faster than structuredClone on these many small objects.
 */
function copyTree<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyTree) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[key] = copyTree((value as Record<string, unknown>)[key]);
  return copy as T;
}

export function stringifyMarkdown(tree: Root): string {
  return stringifier.stringify(tree);
}
