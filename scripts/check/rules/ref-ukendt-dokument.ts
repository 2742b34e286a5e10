import { defineRule } from '../rule.ts';
import { registry } from '../../kinds/index.ts';

export default defineRule({
  id: 'ref/ukendt-dokument',
  formerId: 'ref/unknown-document',
  severity: 'error',
  locked: true,
  description: 'Hvert bilag, der henviser til et dokument, peger på et dokument, der findes i repository’et.',
  citation: 'Sag EMN-2025-10366, bilagsliste (bilag er navngivne dokumenter med version og DokID)',
  check({ repo, report }) {
    for (const doc of repo.ofKind('sag')) {
      for (const [i, bilag] of doc.data.bilag.entries()) {
        if (bilag.dokument === undefined) continue;
        const target = repo.byId(bilag.dokument);
        if (!target && repo.isBroken(bilag.dokument)) continue; // its own errors say what is wrong
        if (!target) {
          report({ doc, path: ['bilag', i, 'dokument'], message: `Bilaget henviser til dokumentet »${bilag.dokument}«, som ikke findes` });
        } else if (!registry.isDocument(target.kind)) {
          report({
            doc,
            path: ['bilag', i, 'dokument'],
            message: `»${bilag.dokument}« er referencedata, ikke et dokument, der kan vedlægges som bilag`,
            related: [{ doc: target, path: ['id'], message: 'referencefilen' }],
          });
        }
      }
    }
  },
});
