/**
 * A PDF's structure tree as poppler reads it (`pdfinfo -struct-text`), parsed into nodes: an
 * independent reading of what the renderer wrote (issue 17).
 */
import { runTool } from './pdf-tools.ts';

export interface StructNode {
  type: string;
  /** Attribute lines, e.g. `/Scope /Column`. */
  attributes: string[];
  /** Text pieces directly in this element (its marked content), in order. */
  texts: string[];
  /** Annotations referenced (OBJR), as `Object N 0`. */
  objects: string[];
  children: StructNode[];
  /** Texts and children in the order poppler lists them. */
  content: Array<string | StructNode>;
}

const INDENT = /^( *)(.*)$/;

export function structTree(path: string): StructNode {
  const result = runTool('pdfinfo', ['-enc', 'UTF-8', '-struct-text', path]);
  if (result.status !== 0) throw new Error(`pdfinfo -struct-text failed: ${result.stderr}`);
  return parseStructText(result.stdout);
}

/** poppler's `-struct-text` output as a tree; a quoted text may span lines (a text with a line break). */
export function parseStructText(output: string): StructNode {
  const root: StructNode = { type: '(root)', attributes: [], texts: [], objects: [], children: [], content: [] };
  const stack: Array<{ depth: number; node: StructNode }> = [{ depth: -1, node: root }];
  const addText = (node: StructNode, text: string) => {
    node.texts.push(text);
    node.content.push(text);
  };
  // The lines of a quoted text not yet closed, and the element it belongs to.
  let open: { node: StructNode; lines: string[] } | undefined;
  for (const raw of output.split('\n')) {
    if (open !== undefined) {
      open.lines.push(raw);
      if (raw.endsWith('"')) {
        addText(open.node, open.lines.join('\n').slice(0, -1));
        open = undefined;
      }
      continue;
    }
    if (raw.trim() === '') continue;
    const [, spaces = '', rest = ''] = INDENT.exec(raw) ?? [];
    const depth = spaces.length;
    while (stack.length > 1 && stack.at(-1)!.depth >= depth) stack.pop();
    const parent = stack.at(-1)!.node;
    if (rest.startsWith('"')) {
      if (rest.length > 1 && rest.endsWith('"')) addText(parent, rest.slice(1, -1));
      else open = { node: parent, lines: [rest.slice(1)] };
    } else if (rest.startsWith('/')) parent.attributes.push(rest);
    else if (/^Object \d+ \d+$/.test(rest)) parent.objects.push(rest);
    else {
      const node: StructNode = { type: rest.replace(/[ :(].*$/, ''), attributes: [], texts: [], objects: [], children: [], content: [] };
      parent.children.push(node);
      parent.content.push(node);
      stack.push({ depth, node });
    }
  }
  if (open !== undefined) addText(open.node, open.lines.join('\n'));
  return root;
}

/** Every text piece below `node`, in the order poppler lists them. */
export function textPieces(node: StructNode): string[] {
  return node.content.flatMap((part) => (typeof part === 'string' ? [part] : textPieces(part)));
}

/** Every node below `node` (pre-order: reading order). */
export function descendants(node: StructNode): StructNode[] {
  return node.children.flatMap((child) => [child, ...descendants(child)]);
}

/** The text of a node and everything below it, pieces joined, whitespace folded. */
export function textOf(node: StructNode): string {
  return node.content
    .map((part) => (typeof part === 'string' ? part : textOf(part)))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}
