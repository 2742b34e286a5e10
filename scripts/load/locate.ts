import { isMap, isNode, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Span } from '../diagnostics/diagnostic.ts';

export type DataPath = ReadonlyArray<string | number>;

/** Where in a node a finding should point: its key (e.g. a missing field) or its value. */
export type Target = 'key' | 'value';

function span(node: Node | null | undefined): Span | undefined {
  if (!node?.range) return undefined;
  const [start, valueEnd] = node.range;
  return { start, end: Math.max(valueEnd, start) };
}

/**
 * Finds the span of the node at `path`, walking the YAML AST (not the JS data) so that the
 * result is a source range. When the path does not exist (e.g. a missing field) the nearest
 * existing ancestor is used, pointing at its key so the finding sits on the parent's line.
 */
export function locate(doc: Document.Parsed, path: DataPath, target: Target = 'value'): Span | undefined {
  let node: unknown = doc.contents;
  let keyNode: Node | undefined;
  for (const segment of path) {
    let next: unknown;
    let nextKey: Node | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (pair) {
        next = pair.value ?? pair.key;
        nextKey = isNode(pair.key) ? pair.key : undefined;
      }
    } else if (isSeq(node)) {
      const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
      next = index >= 0 ? node.items[index] : undefined;
      nextKey = isNode(next) ? next : undefined;
    }
    if (next === undefined) return span(keyNode) ?? span(isNode(node) ? node : undefined) ?? { start: 0, end: 0 };
    node = next;
    keyNode = nextKey;
  }
  if (target === 'key' && keyNode) return span(keyNode);
  return span(isNode(node) ? node : undefined) ?? span(keyNode);
}

/** Decodes an RFC 6901 JSON pointer (as ajv's instancePath) into path segments. */
export function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
