import type { Parent, PhrasingContent, Root } from 'mdast';

/** The word that marks text still to be written (see the scaffold's placeholder »Udestår:«). */
const MARKER = /Udestår\b/;

/** Containers whose children are a line of text. */
const LINES = new Set(['paragraph', 'tableCell', 'heading']);

/**
 * Shows »Udestår …« as the drafting note it is, wherever it comes from (data or template):
 * from the word to the end of its line (paragraph, table cell, or up to a line break),
 * bracketed and emphasised: »*[Udestår: …]*«. Done once on the rendered tree, so no text has
 * to be written with the brackets. Returns the tree (changed in place) and how many notes it
 * marked: a document with notes is not sealed with the region's certificate (see
 * emit/unsealed.ts).
 */
export function markDraftingNotes(tree: Root): { tree: Root; notes: number } {
  let notes = 0;
  const visit = (node: Parent): void => {
    if (LINES.has(node.type)) {
      const marked = markLine(node.children as PhrasingContent[]);
      node.children = marked.children;
      notes += marked.notes;
      return;
    }
    for (const child of node.children) if ('children' in child) visit(child);
  };
  visit(tree);
  return { tree, notes };
}

/**
 * How many drafting notes a line of plain text holds (a title or a title-block value, which are
 * not marked: they are written as they are). As markLine counts: one per line that has the word.
 */
export function draftingNotesIn(text: string): number {
  return text.split('\n').filter((line) => MARKER.test(line)).length;
}

function markLine(children: PhrasingContent[]): { children: PhrasingContent[]; notes: number } {
  let notes = 0;
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
    notes++;
    if (after) out.push({ type: 'text', value: after });
  }
  return { children: out, notes };
}
