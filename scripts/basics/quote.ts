/**
 * Values from the data in Danish messages, and »mente du …?« suggestions: shared by every stage
 * that reports a finding (loading, validation, the rules, the configuration, the staff tools).
 */

/** Control and direction characters, shown escaped so a message stays one honest line. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2066-\u2069\uFEFF]/g;

function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** JSON.stringify as it behaves: undefined for undefined, a function or a symbol (its typings say string). */
function json(value: unknown): string | undefined {
  return JSON.stringify(value);
}

/**
 * A value from the data as it may appear in a message: in »…«, at most 60 characters, with
 * line breaks and invisible characters escaped (a value must not add lines to a report, or
 * move text around in a terminal), and numbers as numbers (JSON would show Infinity as null).
 */
export function quote(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
  else {
    try {
      text = json(value) ?? String(value);
    } catch {
      text = String(value); // e.g. a cycle; never a reason to fail a report
    }
  }
  text = visible(text);
  return `»${text.length > 60 ? text.slice(0, 57) + '…' : text}«`;
}

/** Edit distance, for »mente du …?« on misspelled field names. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The candidate closest to `name` by edit distance, when it is close enough to be a likely typo. */
export function suggest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(name.toLowerCase(), c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  // Not a guess that replaces the whole name: »1« is not a typo of »id«.
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) && bestDistance < name.length ? best : undefined;
}
