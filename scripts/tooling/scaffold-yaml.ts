import { Document, isMap, isScalar, isSeq, Scalar, type YAMLMap } from 'yaml';
import { commentBlock, wrapComment } from './comment-text.ts';
import { isMarkdownSchema, type ResolvedSchema, type SchemaDocs, type SchemaNode } from '../validate/schema-docs.ts';

/** Extra comment lines for a field, keyed by its dotted path (»opsigelse.varsel_maaneder«). */
type FieldNotes = ReadonlyMap<string, string>;

const WIDTH = 98;

/** The Danish help text for a field: its description, else its title. */
function fieldHelp(node: SchemaNode): string {
  return node.description ?? node.title ?? '';
}

/** »ydelse: Ydelsens navn. · ansvarlig: … (valgfri)«, for a list whose items are objects. */
function itemFields(schemas: SchemaDocs, items: ResolvedSchema): string[] {
  const node = items.node;
  if (!node.properties) return [];
  const required = new Set(node.required ?? []);
  return Object.keys(node.properties).map((key) => {
    const child = schemas.property(items, key)!;
    return `- ${key}${required.has(key) ? '' : ' (valgfri)'}: ${fieldHelp(child.node)}`;
  });
}

function decorateMap(schemas: SchemaDocs, map: YAMLMap, schema: ResolvedSchema, path: readonly string[], notes: FieldNotes, depth: number): void {
  let previousWasBlock = false;
  for (const item of map.items) {
    if (!isScalar(item.key)) continue;
    const key = String(item.key.value);
    const child = schemas.property(schema, key);
    if (!child) continue;
    const dotted = [...path, key].join('.');
    const lines = wrapComment(fieldHelp(child.node), WIDTH - 2 * depth);
    const note = notes.get(dotted);
    if (note) lines.push(...wrapComment(note, WIDTH - 2 * depth));
    const value = item.value;
    if (isSeq(value)) {
      const items = schemas.items(child);
      const fields = items ? itemFields(schemas, items) : [];
      if (fields.length > 0) lines.push('Hvert punkt i listen har felterne:', ...fields.flatMap((f) => wrapComment(f, WIDTH - 2 * depth)));
    }
    item.key.commentBefore = commentBlock(lines);
    // Top-level sections stand apart by a blank line, as in the hand-written files.
    const block = isMap(value) || isSeq(value);
    if (depth === 0 && (block || previousWasBlock)) item.key.spaceBefore = true;
    previousWasBlock = block;
    if (isMap(value)) decorateMap(schemas, value, child, [...path, key], notes, depth + 1);
    if (isScalar(value) && typeof value.value === 'string' && isMarkdownSchema(child.node)) value.type = Scalar.BLOCK_FOLDED;
    if (isSeq(value)) {
      const items = schemas.items(child);
      for (const element of value.items) {
        if (isScalar(element) && typeof element.value === 'string' && items && isMarkdownSchema(items.node)) element.type = Scalar.BLOCK_FOLDED;
        if (isMap(element) && items) markMarkdown(schemas, element, items);
      }
    }
  }
}

/** Markdown fields as folded blocks (»>-«) inside list items, which get no comments of their own. */
function markMarkdown(schemas: SchemaDocs, map: YAMLMap, schema: ResolvedSchema): void {
  for (const item of map.items) {
    if (!isScalar(item.key)) continue;
    const child = schemas.property(schema, String(item.key.value));
    if (!child) continue;
    if (isScalar(item.value) && typeof item.value.value === 'string' && isMarkdownSchema(child.node)) item.value.type = Scalar.BLOCK_FOLDED;
    if (isMap(item.value)) markMarkdown(schemas, item.value, child);
  }
}

/** The optional fields a file leaves out, listed at its end so staff know they exist. */
function optionalFields(schemas: SchemaDocs, schema: ResolvedSchema, data: Record<string, unknown>): string[] {
  const node = schemas.resolve(schema).node;
  const required = new Set(node.required ?? []);
  return Object.keys(node.properties ?? {})
    .filter((key) => !required.has(key) && !(key in data))
    .map((key) => `- ${key}: ${fieldHelp(schemas.property(schema, key)!.node)}`);
}

export interface YamlFileOptions {
  schemaLine: string;
  header: readonly string[];
  data: Record<string, unknown>;
  schema: ResolvedSchema;
  notes: FieldNotes;
}

/**
 * The YAML text of a new data file: the schema line, a header, then every field with its
 * schema's Danish description as a comment above it. Generated from the schema, so comments
 * follow when a description is changed there.
 */
export function commentedYaml(schemas: SchemaDocs, options: YamlFileOptions): string {
  const doc = new Document(options.data);
  const header = [options.schemaLine, '', ...options.header.flatMap((h) => (h ? wrapComment(h, WIDTH) : ['']))];
  doc.commentBefore = commentBlock(header);
  if (isMap(doc.contents)) decorateMap(schemas, doc.contents, options.schema, [], options.notes, 0);
  const optional = optionalFields(schemas, options.schema, options.data);
  if (optional.length > 0) doc.comment = commentBlock(['Valgfrie felter, der kan tilføjes:', ...optional.flatMap((o) => wrapComment(o, WIDTH))]);
  return doc.toString({ lineWidth: 100, minContentWidth: 40 });
}
