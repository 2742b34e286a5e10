import { align } from './align.ts';
import type { FieldChange } from './types.ts';

type Plain = Record<string, unknown>;
type Segment = string | number;

const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Structural equality of parsed YAML (strings, numbers, booleans, null, arrays, maps). Not
 * util.isDeepStrictEqual: that tells -0 from 0, which the core schema yields for `-0` and the
 * schemas accept (`pladser: -0`), and the report would list a change »0 → 0« (both print as 0).
 */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlain(a) && isPlain(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** »godkendelser.regionsraad«, »bilag[3].version«; keys that are not plain words are quoted. */
export function formatPath(path: readonly Segment[]): string {
  return path
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : /^[\p{L}_][\p{L}\p{N}_]*$/u.test(s) ? (i === 0 ? s : `.${s}`) : `[${JSON.stringify(s)}]`))
    .join('');
}

/**
 * Two list entries are »the same entry, edited« when their first field agrees: a bilag's
 * `dokument`, an ansvarsfordeling's `ydelse`, a process step's `organ`.
 */
function sameIdentity(a: unknown, b: unknown): boolean {
  if (!isPlain(a) || !isPlain(b)) return false;
  const [ka] = Object.keys(a);
  const [kb] = Object.keys(b);
  return ka !== undefined && ka === kb && deepEqual(a[ka], b[kb]);
}

const sameShape = (a: unknown, b: unknown) => isPlain(a) === isPlain(b) && Array.isArray(a) === Array.isArray(b);

/**
 * Field-level changes between two versions of a document's data, as YAML paths. Lists are
 * aligned, not compared by position: removing bilag[3] reports bilag[3] removed, not every
 * later bilag changed. Paths of removed entries use the old index, all others the new one.
 */
export function diffData(before: unknown, after: unknown, path: readonly Segment[] = []): FieldChange[] {
  if (deepEqual(before, after)) return [];
  if (isPlain(before) && isPlain(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !Object.hasOwn(before, k))];
    return keys.flatMap((k): FieldChange[] => {
      const here = formatPath([...path, k]);
      if (!Object.hasOwn(after, k)) return [{ path: here, change: 'removed', before: before[k] }];
      if (!Object.hasOwn(before, k)) return [{ path: here, change: 'added', after: after[k] }];
      return diffData(before[k], after[k], [...path, k]);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    return align(before, after, [deepEqual, sameIdentity], sameShape).flatMap((p): FieldChange[] => {
      if (p.b === undefined) return [{ path: formatPath([...path, p.a!]), change: 'removed', before: before[p.a!] }];
      if (p.a === undefined) return [{ path: formatPath([...path, p.b]), change: 'added', after: after[p.b] }];
      return diffData(before[p.a], after[p.b], [...path, p.b]);
    });
  }
  return [{ path: formatPath(path), change: 'changed', before, after }];
}
