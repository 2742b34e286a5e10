/**
 * Values from the data in GitHub's Markdown (the job summary, the pull-request comment): they
 * read as written, cannot change the report's structure, and cannot mention or reference anyone.
 * Read back with remark (CommonMark), as a Markdown renderer sees them.
 */
import type { Nodes, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown } from '../../scripts/diagnostics/markdown-escape.ts';

const HOSTILE = [
  'Kontakt @region-oestdanmark/jura om #12 og owner/repo#34',
  'Se <script>alert(1)</script> *fed* _kursiv_ [link](https://x) ![billede](y) `kode`',
  '| a | b |\n# Overskrift\n> citat\n- punkt',
  '</details> &amp; &#64;navn $x$ ~~slettet~~ \\ <!-- kommentar -->',
  'e-mail: jurist@kommune.dk, sag #EMN-2025-10366',
];

/** The text a reader sees: text nodes in order, HTML (the empty comments) left out. */
function visibleText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'html') return '';
  return 'children' in node ? node.children.map((c) => visibleText(c)).join('') : '';
}

/**
 * CommonMark, as GitHub's cmark-gfm reads inline text. (remark-gfm is not used: its literal
 * autolinks take a backslash into the link, where cmark-gfm resolves the escapes first.)
 */
const parse = (markdown: string): Root => unified().use(remarkParse).parse(markdown);

describe('escapeMarkdown', () => {
  it.each(HOSTILE)('reads as written, as one paragraph on one line: %s', (value) => {
    const escaped = escapeMarkdown(value);
    const root = parse(escaped);
    expect(root.children.map((c) => c.type)).toEqual(['paragraph']);
    expect(visibleText(root)).toBe(value.replace(/\s*[\r\n]+\s*/g, ' '));
    // No bare »|« to end a table cell (GFM splits cells before anything else).
    expect(escaped).not.toMatch(/(^|[^\\])\|/);
  });

  it.each(HOSTILE)('makes no mention or reference GitHub would act on: %s', (value) => {
    const root = parse(escapeMarkdown(value));
    expect(root.children.map((c) => c.type)).toEqual(['paragraph']);
    // Each text node on its own: the comment parts »@« from the name, »#« from the number.
    const texts: string[] = [];
    const walk = (n: Nodes) => (n.type === 'text' ? texts.push(n.value) : 'children' in n && n.children.forEach(walk));
    walk(root);
    for (const t of texts) expect(t).not.toMatch(/[@#][\p{L}\p{N}_]/u);
  });
});

describe('escapeHtml', () => {
  it('escapes markup, keeps one line of HTML, and breaks mentions and references but not its own entities', () => {
    expect(escapeHtml(`Hej @jura'\n</details> #12 a&b`)).toBe('Hej @<!-- -->jura&#39;<br>&lt;/details&gt; #<!-- -->12 a&amp;b');
  });
});
