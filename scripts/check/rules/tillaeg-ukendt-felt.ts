import { quote, suggest } from '../../basics/quote.ts';
import { clauseOf } from '../../kinds/tillaeg.ts';
import { lookupPath, splitPath } from '../../model/amendments.ts';
import { defineRule } from '../rule.ts';
import { TILLAEG_CITATION, amendedTillaeg } from './support/amendments.ts';

export default defineRule({
  id: 'tillaeg/ukendt-felt',
  severity: 'error',
  locked: true,
  description: 'Hvert felt, et tillæg ændrer, findes i aftalen og hører til et af aftalens afsnit.',
  citation: TILLAEG_CITATION,
  check({ repo, report }) {
    for (const { doc, base } of amendedTillaeg(repo)) {
      for (const [i, change] of doc.data.aendringer.felter.entries()) {
        const path = ['aendringer', 'felter', i, 'sti'];
        const found = lookupPath(base.doc.data, change.sti);
        if (!found.found) {
          const parts = splitPath(change.sti).map(String);
          const missing = parts[found.at]!;
          const guess = suggest(missing, found.candidates);
          const suggestion = guess === undefined ? undefined : [...parts.slice(0, found.at), guess].join('.');
          report({
            doc,
            path,
            message: `Aftalen ${doc.data.til} har intet felt ${quote(parts.slice(0, found.at + 1).join('.'))}${suggestion ? `; mente du »${suggestion}«?` : ''}`,
          });
        } else if (clauseOf(base.clauses, change.sti) === undefined) {
          report({ doc, path, message: `Feltet ${quote(change.sti)} hører ikke til noget afsnit af aftalen og kan ikke ændres ved et tillæg` });
        }
      }
    }
  },
});
