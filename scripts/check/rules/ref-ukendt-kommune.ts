import { defineRule } from '../rule.ts';
import { kommuneReferences } from '../../kinds/references.ts';

export default defineRule({
  id: 'ref/ukendt-kommune',
  formerId: 'ref/unknown-kommune',
  severity: 'error',
  locked: true,
  description: 'Hver kommunekode findes i regionens kommuneliste.',
  citation: 'agreements/reference/region.yaml (officielle kommunekoder)',
  check({ repo, report }) {
    if (repo.kommuner.length === 0) return; // ref/manglende-referencedata says why
    for (const ref of kommuneReferences(repo)) {
      if (!repo.kommune(ref.value)) {
        report({ doc: ref.doc, path: ref.path, message: `Ukendt kommunekode »${ref.value}«; se kommunelisten i agreements/reference/region.yaml` });
      }
    }
  },
});
