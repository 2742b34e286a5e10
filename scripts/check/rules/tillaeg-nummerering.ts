import { tillaegTo } from '../../model/amendments.ts';
import { defineRule } from '../rule.ts';
import { TILLAEG_CITATION } from './support/amendments.ts';

export default defineRule({
  id: 'tillaeg/nummerering',
  severity: 'error',
  locked: true,
  description: 'Tillæggene til en aftale er nummereret fortløbende fra 1, uden huller og uden to med samme nummer.',
  citation: TILLAEG_CITATION,
  check({ repo, report }) {
    const bases = [...new Set(repo.ofKind('tillaeg').map((t) => t.data.til))].sort();
    for (const til of bases) {
      const list = tillaegTo(repo, til);
      let expected = 1;
      for (const [i, doc] of list.entries()) {
        const { nummer } = doc.data;
        const previous = list[i - 1];
        if (previous?.data.nummer === nummer) {
          report({
            doc,
            path: ['nummer'],
            message: `Aftalen ${til} har to tillæg med nummer ${nummer}; giv dette nummer ${list.at(-1)!.data.nummer + 1}`,
            related: [{ doc: previous, path: ['nummer'], message: `tillæg ${nummer}` }],
          });
          continue;
        }
        if (nummer !== expected) {
          report({
            doc,
            path: ['nummer'],
            message:
              expected === 1
                ? `Det første tillæg til ${til} skal have nummer 1, ikke ${nummer}`
                : `Tillæg ${nummer} til ${til} følger efter tillæg ${expected - 1}; det skal have nummer ${expected}`,
            related: previous ? [{ doc: previous, path: ['nummer'], message: `tillæg ${previous.data.nummer}` }] : undefined,
          });
        }
        expected = nummer + 1;
      }
    }
  },
});
