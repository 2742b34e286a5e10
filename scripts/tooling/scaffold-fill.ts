import { allowsNull, types, type ResolvedSchema, type SchemaDocs } from '../validate/schema-docs.ts';

/** Marks free text nobody has written yet; staff search for it, and so does review. */
export const PLACEHOLDER = 'Udestår:';

/** Values decided by the scaffolder, by dotted path; a path given here is always included. */
export type Overrides = ReadonlyMap<string, unknown>;

/**
 * A value for every required field of a schema, in the schema's property order: the override
 * where there is one, else what the schema allows for »not known yet«: null where null is
 * allowed, »Udestår: <description>« for text, an empty list (or one filled-in item when the list
 * may not be empty), and the same recursively for objects. A required field with none of these
 * (a number, a date that may not be null, a choice) must have an override: that is a bug in the
 * scaffolder, not a user error, so it throws.
 */
export function fillRequired(
  schemas: SchemaDocs,
  schema: ResolvedSchema,
  overrides: Overrides,
  optional: ReadonlySet<string> = new Set(),
  path: readonly string[] = [],
): unknown {
  const dotted = path.join('.');
  if (overrides.has(dotted)) return overrides.get(dotted);
  const node = schemas.resolve(schema).node;
  if ('const' in node) return node.const;
  const t = types(node);
  if (t.includes('object') && node.properties) {
    const required = new Set(node.required ?? []);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(node.properties)) {
      const childPath = [...path, key].join('.');
      if (!required.has(key) && !optional.has(childPath) && !overrides.has(childPath)) continue;
      out[key] = fillRequired(schemas, schemas.property(schema, key)!, overrides, optional, [...path, key]);
    }
    return out;
  }
  if (allowsNull(node)) return null;
  if (t.includes('array')) {
    const items = schemas.items(schema);
    return (node.minItems ?? 0) > 0 && items ? [fillRequired(schemas, items, overrides, optional, [...path, '0'])] : [];
  }
  if (t.includes('string') && node.enum === undefined && node.format === undefined && node.pattern === undefined) {
    return `${PLACEHOLDER} ${node.description ?? node.title ?? 'tekst'}`;
  }
  throw new Error(`intet standardindhold for feltet »${dotted}« (${t.join('/') || 'uden type'})`);
}
