import { defineRule } from '../rule.ts';
import type { SourceDocument } from '../../model/source-document.ts';

export default defineRule({
  id: 'ref/dobbelt-id',
  formerId: 'ref/duplicate-id',
  severity: 'error',
  locked: true,
  description: 'Hvert dokument har et id, som intet andet dokument har.',
  citation: 'Projektets datamodel (schemas/README.md)',
  check({ repo, report }) {
    const first = new Map<string, SourceDocument>();
    for (const doc of repo.documents) {
      const earlier = first.get(doc.data.id);
      if (!earlier) {
        first.set(doc.data.id, doc);
        continue;
      }
      report({
        doc,
        path: ['id'],
        message: `Id'et »${doc.data.id}« bruges allerede af et andet dokument`,
        related: [{ doc: earlier, path: ['id'], message: 'første dokument med dette id' }],
      });
    }
  },
});
