import type { Repository } from './repository.ts';
import type { SourceDocument } from './source-document.ts';
import type { FeltAendring, Status } from './types.ts';

type Tillaeg = SourceDocument<'tillaeg'>;

/**
 * What a tillæg (tillægsaftale) does to the agreement it amends, from the data alone: which
 * tillæg an agreement has, which of them are in force, and the agreement's data with their
 * changes applied. Shared by the tillæg kind (its view, the consolidated text) and its rules.
 */

/** Tillæg that are part of the agreement: approved by both parties (godkendt or underskrevet). A draft or a terminated one is not. */
const IN_FORCE: ReadonlySet<Status> = new Set(['godkendt', 'underskrevet']);

export const inForce = (t: Tillaeg): boolean => IN_FORCE.has(t.data.status);

/** Every tillæg to the agreement `id` (documents with a duplicated id count once), by nummer, then id. */
export function tillaegTo(repo: Repository, id: string): Tillaeg[] {
  return repo
    .ofKind('tillaeg')
    .filter((t) => t.data.til === id && repo.byId(t.data.id) === t)
    .sort((a, b) => a.data.nummer - b.data.nummer || (a.data.id < b.data.id ? -1 : a.data.id > b.data.id ? 1 : 0));
}

/** A dotted YAML path as data path segments: »ansvarsfordeling.0.ydelse« → ['ansvarsfordeling', 0, 'ydelse']. */
export function splitPath(sti: string): Array<string | number> {
  return sti.split('.').map((part) => (/^(0|[1-9]\d*)$/.test(part) ? Number(part) : part));
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export type Lookup =
  | { found: true; value: unknown }
  /** `at`: the index of the first segment that does not exist; `candidates`: the names that do there. */
  | { found: false; at: number; candidates: string[] };

/** The value at a dotted path of the data, or where the path leaves it. */
export function lookupPath(data: unknown, sti: string): Lookup {
  let node = data;
  const parts = splitPath(sti);
  for (const [i, part] of parts.entries()) {
    if (Array.isArray(node) && typeof part === 'number' && part < node.length) node = node[part];
    else if (isRecord(node) && typeof part === 'string' && Object.hasOwn(node, part)) node = node[part];
    else return { found: false, at: i, candidates: isRecord(node) ? Object.keys(node) : [] };
  }
  return { found: true, value: node };
}

/** A copy of the data with each change's value at its path; a path that does not exist is left out. */
export function applyChanges<T>(data: T, changes: readonly FeltAendring[]): T {
  const copy = structuredClone(data);
  for (const change of changes) {
    const parts = splitPath(change.sti);
    if (!lookupPath(copy, change.sti).found) continue;
    let node: unknown = copy;
    for (const part of parts.slice(0, -1)) node = (node as Record<string | number, unknown>)[part];
    (node as Record<string | number, unknown>)[parts.at(-1)!] = structuredClone(change.vaerdi);
  }
  return copy;
}

/** »tillæg 1«, »tillæg 1 og 2«, »tillæg 1–3«: the tillæg by nummer, as a consolidated text cites them. */
export function tillaegLabel(numbers: readonly number[]): string {
  const sorted = [...numbers].sort((a, b) => a - b);
  const consecutive = sorted.every((n, i) => i === 0 || n === sorted[i - 1]! + 1);
  if (sorted.length <= 1) return `tillæg ${sorted.join('')}`;
  const [first, last] = [String(sorted[0]), String(sorted.at(-1))];
  if (sorted.length > 2 && consecutive) return `tillæg ${first}–${last}`;
  return `tillæg ${sorted.slice(0, -1).join(', ')} og ${last}`;
}
