import { defineRule } from '../rule.ts';
import { versionLabel } from '../../model/names.ts';
import { attachedDocuments } from './support/documents.ts';
import { caseOutcome } from '../../model/decisions.ts';

export default defineRule({
  id: 'bilag/foraeldet-version',
  formerId: 'bilag/stale-version',
  severity: 'error',
  description: 'Et bilag til en sag, der endnu ikke er besluttet, vedlægger den gældende version af dokumentet, ikke en ældre.',
  citation: 'Sag EMN-2025-10366, bilagsliste (hvert bilag er navngivet med sin version, fx V20260224)',
  check({ repo, report }) {
    for (const { sag, index, dokument, attached, target, current } of attachedDocuments(repo)) {
      if (!current || attached === undefined || attached >= current) continue; // missing or newer: bilag/forkert-version
      // A decided case pins the version it attached: a later tillæg or new version does not make it stale.
      if (caseOutcome(sag).state !== 'indstillet') continue;
      report({
        doc: sag,
        path: ['bilag', index, 'version'],
        message: `Sagen vedlægger ${versionLabel(attached)} af »${dokument}«, men dokumentet (${target.file}) er nu ${versionLabel(current)}; ret bilagets version til ${current}, hvis sagen skal have den nye version med`,
        related: [{ doc: target, path: ['version'], message: 'dokumentets gældende version' }],
      });
    }
  },
});
