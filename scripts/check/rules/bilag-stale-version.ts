import { defineRule } from '../rule.ts';
import { isDocumentKind } from '../../model/kinds.ts';
import { versionLabel } from '../../model/names.ts';
import { canonical } from './support/documents.ts';

export default defineRule({
  id: 'bilag/stale-version',
  severity: 'error',
  description: 'Et bilag vedlægger den gældende version af dokumentet, ikke en ældre.',
  citation: 'Sag EMN-2025-10366, bilagsliste (hvert bilag er navngivet med sin version, fx V20260224)',
  check({ repo, report }) {
    for (const sag of canonical(repo, 'sag')) {
      for (const [i, b] of sag.data.bilag.entries()) {
        if (b.dokument === undefined) continue;
        const target = repo.byId(b.dokument);
        if (!target || !isDocumentKind(target.kind)) continue;
        const current = (target.data as { version?: string | null }).version;
        if (!current || b.version === undefined || b.version >= current) continue; // missing or newer: bilag/version-mismatch
        report({
          doc: sag,
          path: ['bilag', i, 'version'],
          message: `Sagen vedlægger ${versionLabel(b.version)} af »${b.dokument}«, men dokumentet (${target.file}) er nu ${versionLabel(current)}; ret bilagets version til ${current}, hvis sagen skal have den nye version med`,
          related: [{ doc: target, path: ['version'], message: 'dokumentets gældende version' }],
        });
      }
    }
  },
});
