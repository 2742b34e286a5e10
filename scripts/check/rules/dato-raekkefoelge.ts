import { defineRule, type RuleContext } from '../rule.ts';
import type { SourceDocument } from '../../model/source-document.ts';
import { danishDate } from './support/calendar.ts';
import { capitalize, dateLabel } from './support/labels.ts';

type Path = readonly string[];

/**
 * The order of the steps in each kind of document, as levels: every date on a level must be on
 * or after every date on the levels before it. Dates on one level (the two approvals) may come
 * in either order. Unknown (null) dates are skipped.
 */
const chains: Record<'hsa' | 'delingsaftale' | 'anmodning', Path[][][]> = {
  hsa: [
    [
      [
        ['godkendelser', 'regionsraad'],
        ['godkendelser', 'kommunalbestyrelse'],
      ],
      [['ikrafttraeden']],
    ],
  ],
  delingsaftale: [
    [
      [['udkast_fremsendt']],
      [
        ['godkendelser', 'regionsraad'],
        ['godkendelser', 'kommunalbestyrelse'],
      ],
      [['aftalt']],
    ],
    [[['udkast_fremsendt']], [['delingsraad', 'afgoerelse']]],
  ],
  anmodning: [[[['meddelt']], [['periode_start']], [['periode_slut']]]],
};

function dateAt(data: unknown, path: Path): string | undefined {
  let value: unknown = data;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function checkChain(report: RuleContext['report'], doc: SourceDocument, levels: Path[][]): void {
  let latest: { path: Path; date: string } | undefined;
  for (const level of levels) {
    let levelLatest = latest;
    for (const path of level) {
      const date = dateAt(doc.data, path);
      if (date === undefined) continue;
      if (latest && date < latest.date) {
        report({
          doc,
          path,
          message: `${capitalize(dateLabel(path))} (${danishDate(date)}) ligger før ${dateLabel(latest.path)} (${danishDate(latest.date)}); datoerne skal følge hinanden i den rækkefølge, trinnene sker`,
          related: [{ doc, path: latest.path, message: dateLabel(latest.path) }],
        });
      }
      if (!levelLatest || date > levelLatest.date) levelLatest = { path, date };
    }
    latest = levelLatest;
  }
}

export default defineRule({
  id: 'dato/raekkefoelge',
  severity: 'error',
  description: 'Datoerne i et dokument følger trinnenes rækkefølge: udkast, godkendelser, indgåelse/underskrift, ikrafttræden.',
  citation: 'Q&A: Flytning af opgaver fra kommunerne til regionen (opdateret 23. januar 2026), Vigtige milepæle i 2026; Forårsaftale 2025, boks 2',
  check({ repo, report }) {
    for (const kind of ['hsa', 'delingsaftale', 'anmodning'] as const) {
      for (const doc of repo.ofKind(kind)) for (const levels of chains[kind]) checkChain(report, doc, levels);
    }
  },
});
