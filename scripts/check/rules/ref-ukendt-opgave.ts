import { defineRule } from '../rule.ts';
import { opgaveReferences } from '../../kinds/references.ts';
import { suggest } from '../../basics/quote.ts';

export default defineRule({
  id: 'ref/ukendt-opgave',
  formerId: 'ref/unknown-opgave',
  severity: 'error',
  locked: true,
  description: 'Hver opgave, der henvises til, er en af de fire opgaver i referencedata.',
  citation: 'Q&A: Flytning af opgaver fra kommunerne til regionen, »Baggrund for opgaveflyttet« (de fire opgaver)',
  check({ repo, report }) {
    const ids = repo.opgaver.map((o) => o.id);
    if (ids.length === 0) return;
    for (const ref of opgaveReferences(repo)) {
      if (repo.opgave(ref.value)) continue;
      const guess = suggest(ref.value, ids);
      report({ doc: ref.doc, path: ref.path, message: `Ukendt opgave »${ref.value}«; brug en af: ${ids.join(', ')}${guess ? ` (mente du »${guess}«?)` : ''}` });
    }
  },
});
