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
  const result = runTool('pdfinfo', ['-struct-text', path]);
  if (result.status !== 0) throw new Error(`pdfinfo -struct-text failed: ${result.stderr}`);
  const root: StructNode = { type: '(root)', attributes: [], texts: [], objects: [], children: [], content: [] };
  const stack: Array<{ depth: number; node: StructNode }> = [{ depth: -1, node: root }];
  for (const raw of result.stdout.split('\n')) {
    if (raw.trim() === '') continue;
    const [, spaces = '', rest = ''] = INDENT.exec(raw) ?? [];
    const depth = spaces.length;
    while (stack.length > 1 && stack.at(-1)!.depth >= depth) stack.pop();
    const parent = stack.at(-1)!.node;
    if (rest.startsWith('"')) {
      const text = rest.slice(1, rest.endsWith('"') ? -1 : undefined);
      parent.texts.push(text);
      parent.content.push(text);
    } else if (rest.startsWith('/')) parent.attributes.push(rest);
    else if (/^Object \d+ \d+$/.test(rest)) parent.objects.push(rest);
    else {
      const node: StructNode = { type: rest.replace(/[ :(].*$/, ''), attributes: [], texts: [], objects: [], children: [], content: [] };
      parent.children.push(node);
      parent.content.push(node);
      stack.push({ depth, node });
    }
  }
  return root;
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
