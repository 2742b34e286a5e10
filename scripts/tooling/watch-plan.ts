import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { registry } from '../kinds/index.ts';

/** What one saved file asks the watcher to do. */
export type Change =
  /** A document under agreements/: check everything, render that document. */
  | { type: 'document'; file: string; id: string }
  /** Reference data (region, opgaver, frister): every document may change. */
  | { type: 'reference'; file: string }
  /** A kind's template (kind set) or a partial (kind undefined): re-render. */
  | { type: 'template'; file: string; kind?: string }
  /** A data file that is gone (deleted or renamed): check only. */
  | { type: 'removed'; file: string };

export const WATCHED = ['agreements', 'templates'] as const;

/**
 * A document's id: its `id` field when the file parses, else the file name (the convention says
 * they are the same, and a file that does not parse is reported by the check anyway).
 */
function idOf(absolute: string): string {
  try {
    const data = parse(readFileSync(absolute, 'utf8')) as { id?: unknown } | null;
    if (data && typeof data.id === 'string') return data.id;
  } catch {
    // fall back to the name
  }
  return path.basename(absolute, '.yaml');
}

/**
 * Classifies a changed path (relative to the repository root, forward slashes). Editors' swap,
 * backup and temporary files are ignored: only .yaml under agreements/ and .md.hbs under
 * templates/ count.
 */
export function classifyChange(root: string, relative: string): Change | undefined {
  const file = relative.split(path.sep).join('/');
  const absolute = path.join(root, file);
  const base = path.posix.basename(file);
  if (base.startsWith('.')) return undefined;
  if (file.startsWith('agreements/') && file.endsWith('.yaml')) {
    if (!existsSync(absolute)) return { type: 'removed', file };
    if (file.startsWith('agreements/reference/')) return { type: 'reference', file };
    return { type: 'document', file, id: idOf(absolute) };
  }
  if (file.startsWith('templates/') && file.endsWith('.md.hbs')) {
    const name = base.slice(0, -'.md.hbs'.length);
    const kind = path.posix.dirname(file) === 'templates' ? registry.documents().find((k) => k.template === name)?.id : undefined;
    return { type: 'template', file, kind };
  }
  return undefined;
}

/** One unit of work: render these documents, or everything. */
export type Job = { type: 'documents'; ids: string[]; changes: Change[] } | { type: 'all'; changes: Change[] } | { type: 'check'; changes: Change[] };

/**
 * Coalesces the changes of one debounce window: a template or reference change means one full
 * build (it supersedes document builds); otherwise each changed document once; a removal alone
 * is a check.
 */
export function planJob(changes: readonly Change[]): Job | undefined {
  if (changes.length === 0) return undefined;
  const unique = [...new Map(changes.map((c) => [`${c.type}:${c.file}`, c])).values()];
  if (unique.some((c) => c.type === 'template' || c.type === 'reference')) return { type: 'all', changes: unique };
  const ids = [...new Set(unique.flatMap((c) => (c.type === 'document' ? [c.id] : [])))];
  if (ids.length > 0) return { type: 'documents', ids, changes: unique };
  return { type: 'check', changes: unique };
}
