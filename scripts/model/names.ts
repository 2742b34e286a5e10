import type { Repository } from './repository.ts';
import type { Kommune } from './types.ts';

/** A version date as the region writes it in document names: 2026-02-24 → V20260224. */
export function versionLabel(isoDate: string): string {
  return `V${isoDate.replaceAll('-', '')}`;
}

/** The official name of a kommune (»Holbæk Kommune«, »Bornholms Regionskommune«). */
export function kommuneName(repo: Repository, code: string): string {
  return repo.kommune(code)?.navn ?? `kommune ${code}`;
}

/** An opgave as it reads inside a sentence (»sundheds- og omsorgspladser«). */
export function opgaveTerm(repo: Repository, id: string): string {
  return repo.opgave(id)?.betegnelse ?? id;
}

/**
 * A name that may become one folder or file name in out/ (ids, kommune codes and slugs,
 * sundhedsråd ids): no `/`, no `..`, nothing a file system treats specially. Checked in code
 * (rule ref/sti-navn, and again where paths are made), not only by the schemas, which a pull
 * request can loosen in the same commit.
 */
export const SAFE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A kommune by its code (»316«), slug (»holbaek«), short name (»Holbæk«) or name (»Holbæk
 * Kommune«), as staff may type any of them; undefined when none matches.
 */
export function kommuneNamed(repo: Repository, value: string): Kommune | undefined {
  const fold = (s: string) => s.trim().toLowerCase();
  const v = fold(value);
  return repo.kommuner.find((k) => k.kode === v || k.slug === v || fold(k.kortnavn) === v || fold(k.navn) === v);
}
