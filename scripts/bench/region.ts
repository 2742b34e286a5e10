/**
 * The synthetic region for the scale benchmark: the 46 real kommuner of Region Østdanmark (codes,
 * names and slugs from agreements/reference/region.yaml) over its six sundhedsråd, plus synthetic
 * kommuner and sundhedsråd when more are asked for (98 is the whole country).
 *
 * Real memberships are kept where the real file lists them; every other kommune is placed by a
 * deterministic rule (the smallest råd first), which is plainly not a claim about reality.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Kommune, RegionData, Sundhedsraad } from '../model/types.ts';

/** Real Danish kommunekoder run from 101 to 860; 901–999 can never be mistaken for one. */
const SYNTHETIC_CODE_START = 901;
const SYNTHETIC_CODE_END = 999;
/** Kommuner per synthetic sundhedsråd: about the size of the real ones (8–9). */
const SYNTHETIC_RAAD_SIZE = 8;

export interface ScaleRaad {
  raad: Sundhedsraad;
  /** Position in region.yaml; picks the råd's operating-model variant (see models.ts). */
  index: number;
  synthetic: boolean;
}

export interface ScaleRegion {
  region: RegionData;
  raad: ScaleRaad[];
  /** Kommune by code, for names in texts. */
  kommune: Map<string, Kommune>;
}

export function readRealRegion(repoRoot: string): RegionData {
  return parse(readFileSync(path.join(repoRoot, 'agreements', 'reference', 'region.yaml'), 'utf8')) as RegionData;
}

/** Maximum number of kommuner the generator can make: the real ones plus the 9xx codes. */
export function maxKommuner(real: RegionData): number {
  return real.kommuner.length + (SYNTHETIC_CODE_END - SYNTHETIC_CODE_START + 1);
}

/** Appends each code to the råd with the fewest members (first in file order on a tie). */
function fillSmallest(members: string[][], codes: readonly string[]): void {
  for (const code of codes) {
    let smallest = 0;
    for (const [i, list] of members.entries()) if (list.length < members[smallest]!.length) smallest = i;
    members[smallest]!.push(code);
  }
}

/**
 * The region with `count` kommuner. Below the real 46, a subset taken one råd at a time (first
 * member of each råd, then the second …), so even a tiny dataset spans several råd and with them
 * several operating-model variants; råd left without kommuner stay listed with none.
 */
export function scaleRegion(real: RegionData, count: number): ScaleRegion {
  const max = maxKommuner(real);
  if (!Number.isInteger(count) || count < 1 || count > max) throw new RangeError(`antal kommuner skal være et helt tal fra 1 til ${max}`);

  // Full assignment of the real kommuner: confirmed memberships, then the rest by code.
  const members = real.sundhedsraad.map((r) => [...r.kommuner]);
  const assigned = new Set(members.flat());
  fillSmallest(
    members,
    real.kommuner
      .map((k) => k.kode)
      .filter((k) => !assigned.has(k))
      .sort(),
  );

  const extra = Math.max(0, count - real.kommuner.length);
  const synthetic: Kommune[] = Array.from({ length: extra }, (_, i) => {
    const kode = String(SYNTHETIC_CODE_START + i);
    return { kode, navn: `Syntetisk Kommune ${kode}`, kortnavn: `Syntetisk ${kode}`, slug: `syntetisk-${kode}` };
  });
  const extraRaad = Math.ceil(extra / SYNTHETIC_RAAD_SIZE);
  const syntheticMembers: string[][] = Array.from({ length: extraRaad }, () => []);
  fillSmallest(
    syntheticMembers,
    synthetic.map((k) => k.kode),
  );

  let selected: Set<string>;
  if (count >= real.kommuner.length) {
    selected = new Set([...real.kommuner.map((k) => k.kode), ...synthetic.map((k) => k.kode)]);
  } else {
    const interleaved: string[] = [];
    const rounds = Math.max(...members.map((m) => m.length));
    for (let r = 0; r < rounds; r++) for (const list of members) if (list[r] !== undefined) interleaved.push(list[r]!);
    selected = new Set(interleaved.slice(0, count));
  }

  const realRaad: ScaleRaad[] = real.sundhedsraad.map((r, index) => ({
    index,
    synthetic: false,
    raad: {
      id: r.id,
      navn: r.navn,
      sundheds_og_omsorgspladser: r.sundheds_og_omsorgspladser,
      kommuner: members[index]!.filter((k) => selected.has(k)),
      kilde: { dokument: r.kilde.dokument, afsnit: `${r.kilde.afsnit} (SYNTETISK: medlemskaberne er suppleret til ydelsesmåling)` },
    },
  }));
  const addedRaad: ScaleRaad[] = syntheticMembers.map((kommuner, i) => {
    const n = real.sundhedsraad.length + i + 1;
    return {
      index: real.sundhedsraad.length + i,
      synthetic: true,
      raad: {
        id: `syntetisk-${n}`,
        navn: `Syntetisk Sundhedsråd ${n}`,
        // Same order of size as the real råd (138–285 pladser).
        sundheds_og_omsorgspladser: 120 + 20 * kommuner.length,
        kommuner,
        kilde: { dokument: 'SYNTETISK: data til ydelsesmåling (npm run bench)', afsnit: 'Ingen kilde; tallet er opfundet' },
      },
    };
  });

  const kommuner = [...real.kommuner.filter((k) => selected.has(k.kode)), ...synthetic];
  const raad = [...realRaad, ...addedRaad];
  return {
    region: {
      dokumenttype: 'region',
      id: real.id,
      navn: real.navn,
      sundhedsraad: raad.map((r) => r.raad),
      ...(real.underskrivere ? { underskrivere: real.underskrivere } : {}),
      kommuner,
    },
    raad,
    kommune: new Map(kommuner.map((k) => [k.kode, k])),
  };
}
