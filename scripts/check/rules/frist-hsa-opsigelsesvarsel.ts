import { defineRule } from '../rule.ts';
import { cite, inMonths, periodText, vilkaar } from './support/calendar.ts';

export default defineRule({
  id: 'frist/hsa-opsigelsesvarsel',
  severity: 'error',
  description: 'En horisontal samarbejdsaftale har mindst det opsigelsesvarsel, vilkårene kræver.',
  citation: cite({ vilkaar: ['hsa-opsigelsesvarsel'] }),
  check({ repo, report }) {
    const term = vilkaar(repo, 'hsa-opsigelsesvarsel');
    if (!term) return;
    const minimum = inMonths(term);
    for (const doc of repo.ofKind('hsa')) {
      const months = doc.data.opsigelse.varsel_maaneder;
      if (months >= minimum) continue;
      report({
        doc,
        path: ['opsigelse', 'varsel_maaneder'],
        message: `Opsigelsesvarslet er ${months} ${months === 1 ? 'måned' : 'måneder'}, men skal være mindst ${periodText(term)} (${term.betegnelse})`,
      });
    }
  },
});
