import { defineRule } from '../rule.ts';
import { kommuneOf, modelAfterTermination, noticeText, shortDocumentLabel } from '../../kinds/index.ts';
import { latestDay } from '../../model/dates.ts';
import { kommuneName, opgaveTerm } from '../../model/names.ts';
import { danishDate } from './support/calendar.ts';
import { casesWithDecisions, delingsaftalerOf } from './support/coverage.ts';
import { terminables } from './support/termination.ts';

export default defineRule({
  id: 'daekning/efter-opsigelse',
  severity: 'error',
  description:
    'Når en samarbejdsaftale er opsagt, driver regionen opgaven fra ophørsdatoen, så kommunens delingsaftale skal overdrage driften af opgaven (overdragelse: drift), medmindre en senere sag afgør en anden driftsmodel; en advarsel indtil ophørsdatoen, en fejl fra den dag.',
  citation:
    'Q&A: Flytning af opgaver fra kommunerne til regionen (opdateret 23. januar 2026), »Kan en opgave senere overdrages til regionen?« (opsigelse med ni måneders varsel) og regional drift (delingsaftale)',
  check({ repo, today, report }) {
    const cases = casesWithDecisions(repo);
    for (const { doc, termination: t } of terminables(repo)) {
      if (!t || modelAfterTermination(doc) !== 'regional') continue;
      const kommune = kommuneOf(doc);
      if (kommune === undefined || !repo.kommune(kommune) || !repo.opgave(t.opgave)) continue;
      // A case decided after the notice may settle the pair otherwise (a new agreement, an anmodning).
      const later = cases.some(
        ({ sag, decisions }) =>
          (latestDay(sag.data.moede.dato, ...(sag.data.beslutninger ?? []).map((b) => b.dato)) ?? '') > t.meddelt &&
          decisions.some((d) => d.kommune === kommune && d.opgave === t.opgave && d.model !== 'regional'),
      );
      if (later) continue;
      const { found, uncertain } = delingsaftalerOf(repo, kommune);
      if (found.length === 0 && uncertain) continue; // the broken file's own errors come first
      const entries = found.flatMap((d) => d.data.opgaver.map((o, i) => ({ d, o, i })).filter(({ o }) => o.opgave === t.opgave));
      if (entries.some(({ o }) => o.overdragelse === 'drift')) continue;
      const name = kommuneName(repo, kommune);
      const term = opgaveTerm(repo, t.opgave);
      const ended = today >= t.ophoer;
      const gap =
        found.length === 0
          ? `${name} har ingen delingsaftale med regionen`
          : `delingsaftalen med ${name} ${entries.length > 0 ? 'overdrager kun myndighedsansvaret for opgaven' : 'omfatter ikke opgaven'}`;
      report({
        doc,
        path: t.path,
        target: 'key',
        message: `${shortDocumentLabel(repo, doc)} er ${noticeText(t)} og ${ended ? 'ophørte' : 'ophører'} ${danishDate(t.ophoer)}; ${ended ? 'regionen driver nu' : 'derefter driver regionen'} ${term}, men ${gap}. Der skal stå »opgave: ${t.opgave}« med »overdragelse: drift« i delingsaftalen, eller en senere sag skal afgøre en anden driftsmodel`,
        ...(ended ? {} : { notYet: true as const }),
        related:
          entries.length > 0
            ? entries.map(({ d, i }) => ({ doc: d, path: ['opgaver', i, 'overdragelse'], message: 'opgaven i delingsaftalen' }))
            : found.map((d) => ({ doc: d, path: ['opgaver'], target: 'key' as const, message: 'delingsaftalens opgaver' })),
      });
    }
  },
});
