import { defineRule, type RuleContext } from '../rule.ts';
import type { DataPath } from '../../basics/locate.ts';
import type { SourceDocument } from '../../model/source-document.ts';

/** Reports every entry of a reference list whose key repeats an earlier entry's. */
function unique<T>(report: RuleContext['report'], doc: SourceDocument, list: readonly T[], listPath: DataPath, field: keyof T & string, what: string): void {
  const seen = new Map<string, number>();
  for (const [i, item] of list.entries()) {
    const value = String(item[field]);
    const earlier = seen.get(value);
    if (earlier === undefined) {
      seen.set(value, i);
      continue;
    }
    report({
      doc,
      path: [...listPath, i, field],
      message: `${what} »${value}« står to gange`,
      related: [{ doc, path: [...listPath, earlier, field], message: 'første forekomst' }],
    });
  }
}

export default defineRule({
  id: 'ref/dobbelt-kode',
  formerId: 'ref/duplicate-code',
  severity: 'error',
  locked: true,
  description: 'Kommunekoder, sundhedsråd, opgaver, frister og vilkår står kun én gang i referencedata.',
  citation: 'Projektets datamodel (schemas/README.md)',
  check({ repo, report }) {
    for (const doc of repo.ofKind('region')) {
      unique(report, doc, doc.data.kommuner, ['kommuner'], 'kode', 'Kommunekoden');
      unique(report, doc, doc.data.kommuner, ['kommuner'], 'slug', 'Kommunens slug');
      unique(report, doc, doc.data.sundhedsraad, ['sundhedsraad'], 'id', 'Sundhedsrådet');
    }
    for (const doc of repo.ofKind('opgaver')) unique(report, doc, doc.data.opgaver, ['opgaver'], 'id', 'Opgaven');
    for (const doc of repo.ofKind('frister')) {
      unique(report, doc, doc.data.frister, ['frister'], 'id', 'Fristen');
      unique(report, doc, doc.data.vilkaar, ['vilkaar'], 'id', 'Vilkåret');
    }
  },
});
