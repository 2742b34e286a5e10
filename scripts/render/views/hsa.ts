import type { Repository } from '../../model/repository.ts';
import type { HsaData } from '../../model/types.ts';
import { fristerView, opgaveView, partiesView, statusLabel } from './common.ts';

const partyLabel = { region: 'Regionen', kommune: 'Kommunen', faelles: 'Fælles' } as const;

export function hsaView(repo: Repository, d: HsaData) {
  return {
    ...partiesView(repo, d.kommune),
    opgave: opgaveView(repo, d.opgave),
    id: d.id,
    dokid: d.dokid,
    sags_id: d.sags_id ?? null,
    version: d.version,
    status: statusLabel[d.status],
    formaal: d.formaal,
    bidrag: d.bidrag,
    ansvarsfordeling: d.ansvarsfordeling.map((a) => ({ ydelse: a.ydelse, ansvarlig: partyLabel[a.ansvarlig], beskrivelse: a.beskrivelse ?? null })),
    kapacitet: d.kapacitet ? { pladser: d.kapacitet.pladser, beskrivelse: d.kapacitet.beskrivelse ?? null } : null,
    finansiering: d.finansiering,
    opfoelgning: d.opfoelgning,
    evaluering: d.evaluering,
    opsigelse: { varsel_maaneder: d.opsigelse.varsel_maaneder, beskrivelse: d.opsigelse.beskrivelse ?? null },
    mislighold: d.mislighold,
    ikrafttraeden: d.ikrafttraeden,
    godkendelser: d.godkendelser,
    underskrevet: d.underskrevet ?? null,
    forbehold: d.forbehold && d.forbehold.length > 0 ? d.forbehold : null,
    frister: fristerView(repo, ['hsa-godkendelse', 'ikrafttraeden']),
  };
}
