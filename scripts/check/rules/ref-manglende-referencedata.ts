import { defineRule } from '../rule.ts';
import { registry } from '../../kinds/index.ts';
import type { ReferenceKind } from '../../model/kinds.ts';

const files = { region: 'region.yaml', opgaver: 'opgaver.yaml', frister: 'frister.yaml' } as const;

export default defineRule({
  id: 'ref/manglende-referencedata',
  formerId: 'ref/missing-reference-data',
  severity: 'error',
  locked: true,
  description: 'Referencedata (region, opgaver og frister) findes præcis én gang.',
  citation: 'Projektets datamodel (schemas/README.md)',
  check({ repo, report }) {
    for (const kind of registry.reference().map((k) => k.id as ReferenceKind)) {
      const docs = repo.ofKind(kind);
      if (docs.length === 0) {
        report({
          file: `agreements/reference/${files[kind]}`,
          message: `Referencedata af typen »${kind}« mangler (eller er ugyldig), så henvisninger kan ikke kontrolleres`,
        });
      }
      for (const extra of docs.slice(1)) {
        report({
          doc: extra,
          path: ['dokumenttype'],
          message: `Der må kun være én fil med »dokumenttype: ${kind}«`,
          related: [{ doc: docs[0]!, path: ['dokumenttype'], message: 'den første' }],
        });
      }
    }
  },
});
