import { formatDate } from '../../basics/format.ts';
import { tillaegTo } from '../../model/amendments.ts';
import { defineRule } from '../rule.ts';
import { TILLAEG_CITATION, amendedTillaeg, fieldOf } from './support/amendments.ts';

export default defineRule({
  id: 'tillaeg/ikrafttraeden',
  severity: 'error',
  description:
    'Et tillæg træder tidligst i kraft, når aftalen er godkendt af begge parter og selv er trådt i kraft, og tillæggene til en aftale træder i kraft i nummerorden.',
  citation: TILLAEG_CITATION,
  check({ repo, report }) {
    for (const { doc, base } of amendedTillaeg(repo)) {
      const { ikrafttraeden, til, nummer } = doc.data;
      const approvals = base.kind.agreement?.approvals(base.doc) ?? null;
      const missing = approvals ? (['regionsraad', 'kommunalbestyrelse'] as const).filter((k) => approvals[k] === null) : [];
      const late = approvals ? (['regionsraad', 'kommunalbestyrelse'] as const).filter((k) => approvals[k] !== null && approvals[k] > ikrafttraeden) : [];
      const organ = { regionsraad: 'regionsrådets', kommunalbestyrelse: 'kommunalbestyrelsens' };
      if (missing.length > 0) {
        report({
          doc,
          path: ['ikrafttraeden'],
          message: `Aftalen ${til} er ikke godkendt (${missing.map((k) => organ[k]).join(' og ')} godkendelse mangler); et udkast rettes i aftalen selv, ikke ved et tillæg`,
          related: missing.map((k) => ({ doc: base.doc, path: ['godkendelser', k], message: 'ikke godkendt' })),
        });
      } else if (late.length > 0) {
        report({
          doc,
          path: ['ikrafttraeden'],
          message: `Tillægget træder i kraft ${formatDate(ikrafttraeden)}, før aftalen ${til} er godkendt af begge parter`,
          related: late.map((k) => ({ doc: base.doc, path: ['godkendelser', k], message: `${organ[k]} godkendelse` })),
        });
      }
      const start = fieldOf(base.doc, 'ikrafttraeden');
      if (typeof start === 'string' && ikrafttraeden < start) {
        report({
          doc,
          path: ['ikrafttraeden'],
          message: `Tillægget træder i kraft ${formatDate(ikrafttraeden)}, før aftalen ${til} selv træder i kraft (${formatDate(start)})`,
          related: [{ doc: base.doc, path: ['ikrafttraeden'], message: 'aftalens ikrafttræden' }],
        });
      }
      const before = tillaegTo(repo, til).filter((t) => t.data.nummer < nummer && t.data.ikrafttraeden > ikrafttraeden);
      if (before.length > 0) {
        const t = before.at(-1)!;
        report({
          doc,
          path: ['ikrafttraeden'],
          message: `Tillæg ${nummer} træder i kraft ${formatDate(ikrafttraeden)}, før tillæg ${t.data.nummer} (${formatDate(t.data.ikrafttraeden)}); tillæggene træder i kraft i nummerorden`,
          related: [{ doc: t, path: ['ikrafttraeden'], message: `tillæg ${t.data.nummer}s ikrafttræden` }],
        });
      }
    }
  },
});
