import type { DataPath } from '../basics/locate.ts';
import type { Kind } from '../model/kinds.ts';
import { isMarkdownSchema, SchemaDocs, type ResolvedSchema } from './schema-docs.ts';

/** A text value of a document, and whether its schema says it is Markdown. */
export interface TextField {
  path: DataPath;
  value: string;
  markdown: boolean;
}

const isMarkdown = (schema: ResolvedSchema | undefined) => isMarkdownSchema(schema?.node);

/**
 * Every string in a schema-valid document, in document order, with the schema's verdict on
 * Markdown (`"contentMediaType": "text/markdown"`, see schemas/README.md). The templates' `md` helper
 * does not look at the schema: a template must use it only on fields the schema marks, or the
 * text limits for Markdown are not applied to what it parses. Walked without recursion; the schemas use only
 * `properties`, `items` and `$ref` (as SchemaDocs reads them), so a text reached otherwise is
 * literal text.
 */
export function textFields(schemas: SchemaDocs, kind: Kind, data: unknown): TextField[] {
  const out: TextField[] = [];
  type Step = { value: unknown; path: DataPath; schema: ResolvedSchema | undefined };
  const stack: Step[] = [{ value: data, path: [], schema: schemas.forKind(kind) }];
  while (stack.length > 0) {
    const { value, path, schema } = stack.pop()!;
    if (typeof value === 'string') out.push({ path, value, markdown: isMarkdown(schema && schemas.resolve(schema)) });
    else if (Array.isArray(value)) {
      const items = schema && schemas.items(schema);
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i], schema: items });
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        stack.push({ value: child, path: [...path, key], schema: schema && schemas.property(schema, key) });
      }
    }
  }
  return out;
}
