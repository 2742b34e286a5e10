import type { Repository } from '../../model/repository.ts';
import type { AnmodningData } from '../../model/types.ts';
import { fristerView, opgaveView, partiesView } from './common.ts';

export function anmodningView(repo: Repository, d: AnmodningData) {
  return {
    ...partiesView(repo, d.kommune),
    opgave: opgaveView(repo, d.opgave),
    id: d.id,
    dokid: d.dokid ?? null,
    meddelt: d.meddelt,
    periode_start: d.periode_start,
    periode_slut: d.periode_slut,
    begrundelse: d.begrundelse ?? null,
    frister: fristerView(repo, ['anmodning-meddelelse', 'anmodning-periode-slut']),
  };
}
