import type { Repository } from '../model/repository.ts';
import type { Kommune, Opgave, Sundhedsraad } from '../model/types.ts';
import { suggest } from '../basics/quote.ts';
import { kommuneNamed } from '../model/names.ts';

/** A command-line value that matches nothing in the data or has the wrong form; the message is Danish. */
export class ArgumentError extends Error {}

const fold = (s: string) => s.trim().toLowerCase();

/** »mente du …?« from the closest candidate, else the full list when it is short. */
function hint(value: string, candidates: readonly string[], label: (c: string) => string, listAll: boolean): string {
  const guess = suggest(fold(value), candidates.map(fold));
  const match = guess === undefined ? undefined : candidates.find((c) => fold(c) === guess);
  if (match !== undefined) return ` – mente du ${label(match)}?`;
  return listAll ? `; brug en af: ${candidates.map(label).join(', ')}` : '';
}

/**
 * A kommune by its code (»316«), slug (»holbaek«) or short name (»Holbæk«), as staff may type
 * any of them.
 */
export function findKommune(repo: Repository, value: string): Kommune {
  const found = kommuneNamed(repo, value);
  if (found) return found;
  const byKey = new Map<string, Kommune>();
  for (const k of repo.kommuner) for (const key of [k.kode, k.slug]) byKey.set(key, k);
  const label = (key: string) => {
    const k = byKey.get(key)!;
    return `»${k.kode}« (${k.navn})`;
  };
  throw new ArgumentError(`Ukendt kommune »${value}«${hint(value, [...byKey.keys()], label, false)} (angiv kommunekode, fx 316, eller navn, fx holbaek)`);
}

export function findOpgave(repo: Repository, value: string): Opgave {
  const found = repo.opgaver.find((o) => o.id === fold(value));
  if (found) return found;
  throw new ArgumentError(
    `Ukendt opgave »${value}«${hint(
      value,
      repo.opgaver.map((o) => o.id),
      (id) => `»${id}«`,
      true,
    )}`,
  );
}

export function findSundhedsraad(repo: Repository, value: string): Sundhedsraad {
  const found = repo.sundhedsraadList.find((s) => s.id === fold(value));
  if (found) return found;
  throw new ArgumentError(
    `Ukendt sundhedsråd »${value}«${hint(
      value,
      repo.sundhedsraadList.map((s) => s.id),
      (id) => `»${id}«`,
      true,
    )}`,
  );
}
