import { diffArrays } from 'diff';

/** A matched pair, or an item only in the old (`b` undefined) or only in the new list. */
export interface Pair {
  a?: number;
  b?: number;
}

export type Match<T> = (a: T, b: T) => boolean;

/**
 * Aligns two lists in stages, each a diff (the diff library's diffArrays) with a looser notion
 * of »the same item« than the one before: the first stage aligns the whole lists; every later
 * stage only re-examines the stretches the earlier ones left unmatched (items removed and added
 * at the same place). Strict stages first keep a loose one from pairing the wrong items: in a
 * bilag list every line resembles every other, but only one has the same kommune.
 *
 * What is still unmatched at the end is paired in order when both sides have the same number
 * of items and `fallback` accepts each pair (a one-line replacement reads best as a word diff);
 * otherwise it stays removed and added.
 */
export function align<T>(a: readonly T[], b: readonly T[], stages: ReadonlyArray<Match<T>>, fallback?: Match<T>): Pair[] {
  const run = (as: number[], bs: number[], stage: number): Pair[] => {
    if (as.length === 0 || bs.length === 0) return [...as.map((i) => ({ a: i })), ...bs.map((j) => ({ b: j }))];
    const match = stages[stage];
    if (!match) {
      const inOrder = as.length === bs.length && fallback !== undefined && as.every((i, k) => fallback(a[i]!, b[bs[k]!]!));
      return inOrder ? as.map((i, k) => ({ a: i, b: bs[k]! })) : [...as.map((i) => ({ a: i })), ...bs.map((j) => ({ b: j }))];
    }
    const out: Pair[] = [];
    let removed: number[] = [];
    let added: number[] = [];
    const settle = () => {
      if (removed.length + added.length > 0) out.push(...run(removed, added, stage + 1));
      removed = [];
      added = [];
    };
    let ai = 0;
    let bi = 0;
    for (const change of diffArrays(as, bs, { comparator: (i, j) => match(a[i]!, b[j]!) })) {
      if (change.removed) {
        removed.push(...as.slice(ai, ai + change.count));
        ai += change.count;
      } else if (change.added) {
        added.push(...bs.slice(bi, bi + change.count));
        bi += change.count;
      } else {
        settle();
        for (let k = 0; k < change.count; k++) out.push({ a: as[ai + k]!, b: bs[bi + k]! });
        ai += change.count;
        bi += change.count;
      }
    }
    settle();
    return out;
  };
  return run(
    a.map((_, i) => i),
    b.map((_, j) => j),
    0,
  );
}
