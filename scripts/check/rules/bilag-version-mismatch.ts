import { defineRule } from '../rule.ts';
import { isDocumentKind } from '../../model/kinds.ts';
import { versionLabel } from '../../model/names.ts';
import { canonical } from './support/documents.ts';

export default defineRule({
  id: 'bilag/version-mismatch',
  severity: 'error',
  description: 'Et bilag vedlægger en version, dokumentet har: en aftale vedlægges med sin version (ikke en nyere end den gældende), et dokument uden versioner uden.',
  citation: 'Sag EMN-2025-10366, bilagsliste (hvert bilag er navngivet med sin version, fx V20260224)',
  check({ repo, report }) {
    for (const sag of canonical(repo, 'sag')) {
      for (const [i, b] of sag.data.bilag.entries()) {
        if (b.dokument === undefined) continue;
        const target = repo.byId(b.dokument);
        if (!target || !isDocumentKind(target.kind)) continue;
        // undefined: the kind has no versions (anmodning, sag); null: a draft without one yet.
        const current = (target.data as { version?: string | null }).version;
        if (current === undefined) {
          if (b.version !== undefined) {
            report({ doc: sag, path: ['bilag', i, 'version'], target: 'key', message: `»${b.dokument}« (${target.file}) har ingen versioner; fjern »version« fra bilaget`, related: [{ doc: target, path: ['id'], message: 'dokumentet' }] });
          }
        } else if (b.version === undefined) {
          report({
            doc: sag,
            path: ['bilag', i, 'dokument'],
            message: `Angiv hvilken version af »${b.dokument}« sagen vedlægger (»version: ${current ?? 'ÅÅÅÅ-MM-DD'}«)`,
            related: [{ doc: target, path: ['version'], message: current === null ? 'version er ikke udfyldt' : 'dokumentets gældende version' }],
          });
        } else if (current === null) {
          report({
            doc: sag,
            path: ['bilag', i, 'version'],
            message: `Sagen vedlægger ${versionLabel(b.version)} af »${b.dokument}«, men dokumentet (${target.file}) har ingen version; giv dokumentet en version, før det vedlægges`,
            related: [{ doc: target, path: ['version'], message: 'version er ikke udfyldt' }],
          });
        } else if (b.version > current) {
          report({
            doc: sag,
            path: ['bilag', i, 'version'],
            message: `Sagen vedlægger ${versionLabel(b.version)} af »${b.dokument}«, men dokumentet (${target.file}) er ${versionLabel(current)}; den nyere version findes ikke`,
            related: [{ doc: target, path: ['version'], message: 'dokumentets gældende version' }],
          });
        }
      }
    }
  },
});
