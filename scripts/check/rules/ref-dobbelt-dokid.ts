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
    /** DokIDs whose first document has been reported too. */
    const firstReported = new Set<string>();
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
      // Which of the two is wrong is for staff to say: the first file is marked as well, so a pull
      // request that added either one sees the error in the file it changed.
      if (!firstReported.has(ref.value)) {
        firstReported.add(ref.value);
        report({
          doc: earlier.doc,
          path: earlier.path,
          message: `DokID »${ref.value}« bruges også af et andet dokument`,
          related: [{ doc: ref.doc, path: ref.path, message: 'andet dokument med dette DokID' }],
        });
      }
    }
  },
});
