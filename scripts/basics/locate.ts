import { isAlias, isMap, isNode, isPair, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
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
 * Each section's pairs by key, built on first use. A hostile file may have thousands of
 * unknown keys, each an error to locate; a scan per lookup would make that quadratic.
 */
const pairsByKey = new WeakMap<YAMLMap, { length: number; index: Map<string, Pair> }>();

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  let cached = pairsByKey.get(map);
  // Parsed documents are not edited, but a section that changed size is indexed again.
  if (!cached || cached.length !== map.items.length) {
    const index = new Map<string, Pair>();
    for (const p of map.items) {
      // The first pair wins, as before: duplicates are reported by the parser.
      if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p);
    }
    cached = { length: map.items.length, index };
    pairsByKey.set(map, cached);
  }
  return cached.index.get(key);
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
      const pair = pairOf(node, String(segment));
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

/**
 * The scalar at `path` (through an alias to its anchor), or undefined when the path leads
 * elsewhere: for findings that point inside a text value (see scalar-offsets.ts).
 */
export function scalarAt(doc: Document.Parsed, path: DataPath): Scalar | undefined {
  let node: unknown = doc.contents;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) node = pairOf(node, String(segment))?.value;
    else if (isSeq(node)) node = node.items[typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1];
    else return undefined;
  }
  if (isAlias(node)) node = node.resolve(doc);
  return isScalar(node) ? node : undefined;
}

/** Decodes an RFC 6901 JSON pointer (as ajv's instancePath) into path segments. */
export function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
