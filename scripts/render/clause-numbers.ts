import type { Heading, Root } from 'mdast';

declare module 'mdast' {
  interface HeadingData {
    /** A clause a tillæg inserts into the consolidated text: numbered »§ 7 a« after § 7. */
    inserted?: boolean;
  }
}

/**
 * Numbers an agreement's clauses as Danish contracts do: level-2 headings »§ 1. Formål«,
 * level-3 »1.1 …«. Numbers are computed from the template's clauses, which are the same in
 * every document of a kind (a clause that does not apply says so), so »§ 7« means the same in
 * every HSA. A clause inserted by a tillæg takes the number of the clause before it and a
 * letter (»§ 7 a«, as Danish amendments do), so no later clause is renumbered.
 */
export function numberClauses(tree: Root): Root {
  let section = 0;
  let letter = 0;
  let sub = 0;
  for (const node of tree.children) {
    if (node.type !== 'heading') continue;
    let label: string | undefined;
    if (node.depth === 2) {
      if (isInserted(node) && section > 0) letter += 1;
      else {
        section += 1;
        letter = 0;
      }
      sub = 0;
      label = `§ ${clauseNumber(section, letter)}. `;
    } else if (node.depth === 3 && section > 0) {
      sub += 1;
      label = `${letter ? `${section}${suffix(letter)}` : section}.${sub} `;
    }
    if (label) node.children.unshift({ type: 'text', value: label });
  }
  return tree;
}

const isInserted = (node: Heading) => node.data?.inserted === true;
const suffix = (letter: number) => String.fromCharCode(96 + letter);
const clauseNumber = (section: number, letter: number) => (letter ? `${section} ${suffix(letter)}` : String(section));
