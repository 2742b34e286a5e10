import { defineRule } from '../rule.ts';
import { cite, danishDate } from './support/calendar.ts';
import { terminables } from './support/termination.ts';
import { formatCount } from '../../basics/format.ts';

export default defineRule({
  id: 'opsigelse/varsel',
  severity: 'error',
  description: 'En aftalt ophørsdato (opsigelse.meddelt.ophoer) ligger ikke før meddelelsesdatoen plus opsigelsesvarslet.',
  citation: cite({ vilkaar: ['hsa-opsigelsesvarsel'] }),
  check({ repo, report }) {
    for (const { doc, termination: t } of terminables(repo)) {
      if (!t || t.computed || t.ophoer >= t.earliest) continue;
      report({
        doc,
        path: [...t.path, 'ophoer'],
        message: `Ophørsdatoen ${danishDate(t.ophoer)} er før meddelelsesdatoen ${danishDate(t.meddelt)} plus opsigelsesvarslet på ${formatCount(t.varselMaaneder, 'måned', 'måneder')}; aftalen kan tidligst ophøre ${danishDate(t.earliest)}`,
        related: [{ doc, path: ['opsigelse', 'varsel_maaneder'], message: 'aftalens opsigelsesvarsel' }],
      });
    }
  },
});
