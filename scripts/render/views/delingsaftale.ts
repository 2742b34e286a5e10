import type { Repository } from '../../model/repository.ts';
import type { DelingsaftaleData, Post } from '../../model/types.ts';
import { fristerView, opgaveView, partiesView, statusLabel } from './common.ts';

const postView = (p: Post) => ({ beskrivelse: p.beskrivelse, antal: p.antal ?? null, vaerdi_kr: p.vaerdi_kr ?? null, note: p.note ?? null });

const categories = [
  ['aktiver', 'Aktiver'],
  ['passiver', 'Passiver'],
  ['rettigheder', 'Rettigheder'],
  ['pligter', 'Pligter'],
] as const;

export function delingsaftaleView(repo: Repository, d: DelingsaftaleData) {
  return {
    ...partiesView(repo, d.kommune),
    id: d.id,
    dokid: d.dokid,
    version: d.version,
    status: statusLabel[d.status],
    referencedato: d.referencedato,
    ikrafttraeden: repo.frist('ikrafttraeden')?.dato ?? null,
    udkast_fremsendt: d.udkast_fremsendt,
    aftalt: d.aftalt,
    godkendelser: d.godkendelser,
    delingsraad: d.delingsraad ?? null,
    opgaver: d.opgaver.map((o) => ({
      opgave: opgaveView(repo, o.opgave),
      drift: o.overdragelse === 'drift',
      kategorier: categories.map(([key, titel]) => ({ titel, poster: o[key].map(postView) })),
      ansatte: o.ansatte.map((a) => ({ stilling: a.stilling, antal: a.antal, aarsvaerk: a.aarsvaerk ?? null })),
      bemaerkninger: o.bemaerkninger ?? null,
    })),
    frister: fristerView(repo, ['referencedato-deling', 'delingsaftale-udkast', 'delingsaftale-indgaaelse', 'delingsraad-afgoerelse', 'ikrafttraeden']),
  };
}
