import { defineRule } from '../rule.ts';
import { versionLabel } from '../../model/names.ts';
import { attachedDocuments } from './support/documents.ts';

export default defineRule({
  id: 'bilag/forkert-version',
  formerId: 'bilag/version-mismatch',
  severity: 'error',
  locked: true,
  description:
    'Et bilag vedlægger en version, dokumentet har: en aftale vedlægges med sin version (ikke en nyere end den gældende), et dokument uden versioner uden.',
  citation: 'Sag EMN-2025-10366, bilagsliste (hvert bilag er navngivet med sin version, fx V20260224)',
  check({ repo, report }) {
    for (const { sag, index, dokument, attached, target, current } of attachedDocuments(repo)) {
      // current undefined: the kind has no versions (anmodning, sag); null: a draft without one yet.
      if (current === undefined) {
        if (attached !== undefined) {
          report({
            doc: sag,
            path: ['bilag', index, 'version'],
            target: 'key',
            message: `»${dokument}« (${target.file}) har ingen versioner; fjern »version« fra bilaget`,
            related: [{ doc: target, path: ['id'], message: 'dokumentet' }],
          });
        }
      } else if (attached === undefined) {
        report({
          doc: sag,
          path: ['bilag', index, 'dokument'],
          message: `Angiv hvilken version af »${dokument}« sagen vedlægger (»version: ${current ?? 'ÅÅÅÅ-MM-DD'}«)`,
          related: [{ doc: target, path: ['version'], message: current === null ? 'version er ikke udfyldt' : 'dokumentets gældende version' }],
        });
      } else if (current === null) {
        report({
          doc: sag,
          path: ['bilag', index, 'version'],
          message: `Sagen vedlægger ${versionLabel(attached)} af »${dokument}«, men dokumentet (${target.file}) har ingen version; giv dokumentet en version, før det vedlægges`,
          related: [{ doc: target, path: ['version'], message: 'version er ikke udfyldt' }],
        });
      } else if (attached > current) {
        report({
          doc: sag,
          path: ['bilag', index, 'version'],
          message: `Sagen vedlægger ${versionLabel(attached)} af »${dokument}«, men dokumentet (${target.file}) er ${versionLabel(current)}; den nyere version findes ikke`,
          related: [{ doc: target, path: ['version'], message: 'dokumentets gældende version' }],
        });
      }
    }
  },
});
