import type { Repository } from '../../model/repository.ts';
import type { Kilde, Status } from '../../model/types.ts';

export const statusLabel: Record<Status, string> = {
  udkast: 'Udkast',
  godkendt: 'Godkendt',
  underskrevet: 'Underskrevet',
  opsagt: 'Opsagt',
};

export interface FristView {
  dato: string;
  betegnelse: string;
  kilde: string;
}

const cite = (k: Kilde) => `${k.dokument}, ${k.afsnit}`;

/** The deadlines a document is bound by, from the frist calendar, in date order. */
export function fristerView(repo: Repository, ids: readonly string[]): FristView[] {
  return ids
    .map((id) => repo.frist(id))
    .filter((f) => f !== undefined)
    .map((f) => ({ dato: f.dato, betegnelse: f.betegnelse, kilde: cite(f.kilde) }))
    .sort((a, b) => (a.dato < b.dato ? -1 : a.dato > b.dato ? 1 : 0));
}

export function partiesView(repo: Repository, kommuneCode: string) {
  const region = repo.ofKind('region')[0]?.data.navn ?? 'Regionen';
  const kommune = repo.kommune(kommuneCode);
  return {
    region: { navn: region },
    kommune: { kode: kommuneCode, navn: kommune?.navn ?? `Kommune ${kommuneCode}`, kortnavn: kommune?.kortnavn ?? kommuneCode },
  };
}

export function opgaveView(repo: Repository, id: string) {
  const o = repo.opgave(id);
  return { id, navn: o?.navn ?? id, betegnelse: o?.betegnelse ?? id, lovgrundlag: o?.lovgrundlag ?? null, beskrivelse: o?.beskrivelse ?? null };
}
