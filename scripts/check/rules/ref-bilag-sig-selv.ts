import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'ref/bilag-sig-selv',
  severity: 'error',
  locked: true,
  description: 'En sag har ikke sig selv som bilag: et bilag er et andet dokument, der vedlægges sagen.',
  citation: 'Sag EMN-2025-10366, bilagsliste (bilag er navngivne dokumenter med version og DokID)',
  check({ repo, report }) {
    for (const doc of repo.ofKind('sag')) {
      for (const [i, bilag] of doc.data.bilag.entries()) {
        if (bilag.dokument !== doc.data.id) continue;
        report({ doc, path: ['bilag', i, 'dokument'], message: `Sagen »${doc.data.id}« kan ikke være bilag til sig selv; fjern punktet fra bilagslisten` });
      }
    }
  },
});
