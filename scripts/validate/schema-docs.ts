import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Kind } from '../model/kinds.ts';
import { readRegularFile } from '../basics/regular-file.ts';

/** The part of a JSON Schema node this module reads; schemas are data, so every field is optional. */
export interface SchemaNode {
  $ref?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  contentMediaType?: string;
  required?: string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  minItems?: number;
  [keyword: string]: unknown;
}

/** A schema node with its `$ref`s followed, and the schema file it was found in. */
export interface ResolvedSchema {
  node: SchemaNode;
  file: string;
}

const SCHEMA_DIR = 'schemas';

/** Repository-relative path of a kind's schema: hsa → schemas/hsa.schema.json. */
function schemaFileOf(kind: Kind): string {
  return `${SCHEMA_DIR}/${kind}.schema.json`;
}

/** Whether a schema node marks its text as Markdown (see schemas/README.md). */
export function isMarkdownSchema(node: SchemaNode | undefined): boolean {
  return node?.contentMediaType === 'text/markdown';
}

/**
 * The project's JSON Schemas, read for their documentation: the Danish titles and descriptions
 * the scaffolder writes as comments, and the types it fills in. Validation stays with ajv
 * (validate/schemas.ts); this only walks `properties`, `items` and file-relative `$ref`s, which
 * is all the schemas use.
 */
export class SchemaDocs {
  readonly #files = new Map<string, SchemaNode>();
  /**
   * resolve() by node and file: the text checks resolve every value's schema in every document,
   * and each resolution copied the node (a check of 186 documents spent 40 ms here). The
   * results are shared, so callers must not change them.
   */
  readonly #resolved = new WeakMap<SchemaNode, Map<string, ResolvedSchema>>();

  constructor(root: string) {
    const dir = path.join(root, SCHEMA_DIR);
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.schema.json'))
      .sort()) {
      this.#files.set(`${SCHEMA_DIR}/${name}`, JSON.parse(readRegularFile(root, `${SCHEMA_DIR}/${name}`).toString('utf8')) as SchemaNode);
    }
  }

  /** The schema files by repository-relative path. */
  get files(): ReadonlyMap<string, SchemaNode> {
    return this.#files;
  }

  forKind(kind: Kind): ResolvedSchema {
    return this.forFile(schemaFileOf(kind));
  }

  /** A schema by its repository-relative path (a kind module's `schema`). */
  forFile(file: string): ResolvedSchema {
    const node = this.#files.get(file);
    if (!node) throw new Error(`${file} mangler`);
    return { node, file };
  }

  /**
   * Follows `$ref` chains. Keywords beside a `$ref` win over the target's, which is how the
   * schemas specialise a shared definition's description (»Aftalens DokID« over »DokID«).
   */
  resolve(start: ResolvedSchema): ResolvedSchema {
    let byFile = this.#resolved.get(start.node);
    const known = byFile?.get(start.file);
    if (known) return known;
    const resolved = this.#resolve(start);
    if (!byFile) this.#resolved.set(start.node, (byFile = new Map<string, ResolvedSchema>()));
    byFile.set(start.file, resolved);
    return resolved;
  }

  #resolve(start: ResolvedSchema): ResolvedSchema {
    let { node, file } = start;
    const own: SchemaNode[] = [];
    for (let depth = 0; node.$ref !== undefined; depth++) {
      if (depth > 20) throw new Error(`$ref-kæde for lang i ${file}`);
      own.push(node);
      const [target = '', pointer = ''] = node.$ref.split('#', 2);
      if (target) file = `${SCHEMA_DIR}/${target}`;
      const root = this.#files.get(file);
      if (!root) throw new Error(`$ref ${node.$ref} peger på en ukendt fil`);
      node = at(root, pointer);
    }
    const merged: SchemaNode = { ...node };
    for (const layer of own.reverse()) {
      for (const [key, value] of Object.entries(layer)) if (key !== '$ref') merged[key] = value;
    }
    return { node: merged, file };
  }

  /** A property of an object schema, resolved; undefined when the schema has no such property. */
  property(parent: ResolvedSchema, key: string): ResolvedSchema | undefined {
    const resolved = this.resolve(parent);
    const node = resolved.node.properties?.[key];
    return node && this.resolve({ node, file: resolved.file });
  }

  /** The item schema of an array schema, resolved. */
  items(parent: ResolvedSchema): ResolvedSchema | undefined {
    const resolved = this.resolve(parent);
    return resolved.node.items && this.resolve({ node: resolved.node.items, file: resolved.file });
  }
}

/** A JSON pointer (»/$defs/dato«) into a schema. */
function at(root: SchemaNode, pointer: string): SchemaNode {
  let node: unknown = root;
  for (const raw of pointer.split('/').filter(Boolean)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  if (!node || typeof node !== 'object') throw new Error(`JSON-pointer ${pointer} findes ikke`);
  return node as SchemaNode;
}

export function types(node: SchemaNode): string[] {
  return node.type === undefined ? [] : ([] as string[]).concat(node.type);
}

export function allowsNull(node: SchemaNode): boolean {
  return types(node).includes('null');
}
