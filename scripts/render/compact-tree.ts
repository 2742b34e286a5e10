import type { Nodes, Root } from 'mdast';

/**
 * The tree as parsing its own Markdown gives it back: adjacent text nodes (left by token
 * substitution and clause numbering) joined into one, and no source positions (they would point
 * into the template's output, not into the .md file). The PDF is made from this tree instead of
 * parsing the serialised Markdown a second time — parsing was a fifth of a document's cost. That
 * both give the same tree is checked by tests on every document and on arbitrary field values.
 */
export function compactTree(tree: Root): Root {
  return compact(tree) as Root;
}

function compact(node: Nodes): Nodes {
  const { position: _position, ...rest } = node;
  if (!('children' in node)) return rest;
  const children: Nodes[] = [];
  for (const child of node.children.map(compact)) {
    const last = children.at(-1);
    if (last?.type === 'text' && child.type === 'text') children[children.length - 1] = { type: 'text', value: last.value + child.value };
    else children.push(child);
  }
  return { ...rest, children } as Nodes;
}
