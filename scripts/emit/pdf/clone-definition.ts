/**
 * pdfmake mutates the document definition it is given (preprocessing, measured
 * sizes, converted headers). Rendering works on a copy so one definition can be
 * rendered any number of times with identical results. structuredClone is not
 * an option: definitions contain functions (header, footer, table layouts).
 */
export function cloneDefinition<T>(value: T): T {
  return cloneValue(value) as T;
}

function cloneValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneValue);
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) copy[key] = cloneValue(entry);
    return copy;
  }
  // Primitives, functions, Dates, Buffers: shared; pdfmake does not modify them.
  return value;
}

/** An object literal (or a null-prototype object): what a definition's nodes are, as opposed to Dates, Buffers, class instances. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
