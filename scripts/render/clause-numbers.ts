import type { Root } from 'mdast';

/**
 * Numbers an agreement's clauses as Danish contracts do: level-2 headings »§ 1. Formål«,
 * level-3 »1.1 …«. Numbers are computed, so inserting a clause renumbers the rest and a
 * redline can match clauses by number.
 */
export function numberClauses(tree: Root): Root {
  let section = 0;
  let sub = 0;
  for (const node of tree.children) {
    if (node.type !== 'heading') continue;
    let label: string | undefined;
    if (node.depth === 2) {
      section += 1;
      sub = 0;
      label = `§ ${section}. `;
    } else if (node.depth === 3 && section > 0) {
      sub += 1;
      label = `${section}.${sub} `;
    }
    if (label) node.children.unshift({ type: 'text', value: label });
  }
  return tree;
}
