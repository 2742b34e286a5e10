/** A data value as it reads in a report: YAML-like scalars, compact JSON for lists and maps. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Long texts are shown as a word diff rather than as two whole paragraphs. */
export const LONG_TEXT = 80;
