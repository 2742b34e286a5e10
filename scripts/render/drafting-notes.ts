import type { Parent, PhrasingContent, Root } from 'mdast';

/** The word that marks text still to be written (see the scaffold's placeholder »Udestår:«). */
const MARKER = /Udestår\b/;

/** Containers whose children are a line of text. */
const LINES = new Set(['paragraph', 'tableCell', 'heading']);

/**
 * Shows »Udestår …« as the drafting note it is, wherever it comes from (data or template):
 * from the word to the end of its line (paragraph, table cell, or up to a line break),
 * bracketed and emphasised: »*[Udestår: …]*«. Done once on the rendered tree, so no text has
 * to be written with the brackets.
 */
export function markDraftingNotes(tree: Root): Root {
  const visit = (node: Parent): void => {
    if (LINES.has(node.type)) {
      node.children = markLine(node.children as PhrasingContent[]);
      return;
    }
    for (const child of node.children) if ('children' in child) visit(child);
  };
  visit(tree);
  return tree;
}

function markLine(children: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    const match = child.type === 'text' ? MARKER.exec(child.value) : null;
    if (child.type !== 'text' || !match) {
      out.push(child);
      continue;
    }
    const before = child.value.slice(0, match.index);
    const run: PhrasingContent[] = [{ type: 'text', value: child.value.slice(match.index) }];
    while (i + 1 < children.length && children[i + 1]!.type !== 'break') run.push(children[++i]!);
    const last = run.at(-1)!;
    let after = '';
    if (last.type === 'text') {
      // Trailing spaces stay outside the note.
      const trimmed = last.value.trimEnd();
      after = last.value.slice(trimmed.length);
      last.value = trimmed;
    }
    const first = run[0] as { type: 'text'; value: string };
    first.value = `[${first.value}`;
    if (last.type === 'text') last.value += ']';
    else run.push({ type: 'text', value: ']' });
    if (before) out.push({ type: 'text', value: before });
    out.push({ type: 'emphasis', children: run });
    if (after) out.push({ type: 'text', value: after });
  }
  return out;
}
