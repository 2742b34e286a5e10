import { quote, suggest } from '../../basics/quote.ts';
import { inForce, tillaegTo } from '../../model/amendments.ts';
import { defineRule } from '../rule.ts';
import { TILLAEG_CITATION, amendedTillaeg } from './support/amendments.ts';

export default defineRule({
  id: 'tillaeg/ukendt-afsnit',
  severity: 'error',
  description: 'Et nyt afsnit i et tillæg placeres efter et afsnit, aftalen har (eller et afsnit, et tidligere tillæg eller det samme tillæg har tilføjet).',
  citation: TILLAEG_CITATION,
  check({ repo, report }) {
    for (const { doc, base } of amendedTillaeg(repo)) {
      // The clauses there are when this tillæg applies: the agreement's, then those added before it.
      const headings = base.clauses.map((c) => c.heading);
      for (const t of tillaegTo(repo, doc.data.til))
        if (t !== doc && inForce(t) && t.data.nummer < doc.data.nummer) headings.push(...t.data.aendringer.afsnit.map((a) => a.titel));
      for (const [i, afsnit] of doc.data.aendringer.afsnit.entries()) {
        if (afsnit.efter !== undefined && !headings.includes(afsnit.efter)) {
          const guess = suggest(afsnit.efter, headings);
          report({
            doc,
            path: ['aendringer', 'afsnit', i, 'efter'],
            message: `Aftalen ${doc.data.til} har intet afsnit med overskriften ${quote(afsnit.efter)}${guess ? `; mente du »${guess}«?` : `; brug en af: ${headings.join(', ')}`}`,
          });
        }
        headings.push(afsnit.titel);
      }
    }
  },
});
