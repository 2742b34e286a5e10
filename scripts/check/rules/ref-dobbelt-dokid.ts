import { defineRule } from '../rule.ts';
import { dokidReferences, type Reference } from '../../kinds/references.ts';

export default defineRule({
  id: 'ref/dobbelt-dokid',
  formerId: 'ref/duplicate-dokid',
  severity: 'error',
  locked: true,
  description: 'Hvert DokID tilhører præcis ét dokument i hele repository’et.',
  citation: 'Sag EMN-2025-10366, bilagsliste (hvert bilag har sit eget DokID)',
  check({ repo, report }) {
    const first = new Map<string, Reference & { external?: { titel: string } }>();
    for (const ref of dokidReferences(repo)) {
      const earlier = first.get(ref.value);
      if (!earlier) {
        first.set(ref.value, ref);
        continue;
      }
      // The same external document may be attached to several cases under one DokID.
      if (earlier.external && ref.external && earlier.external.titel === ref.external.titel) continue;
      report({
        doc: ref.doc,
        path: ref.path,
        message: `DokID »${ref.value}« tilhører allerede et andet dokument`,
        related: [{ doc: earlier.doc, path: earlier.path, message: 'første dokument med dette DokID' }],
      });
    }
  },
});
