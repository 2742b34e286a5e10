import { defineRule } from '../rule.ts';
import type { DataPath } from '../../basics/locate.ts';
import { kommuneName, opgaveTerm } from '../../model/names.ts';
import type { SourceDocument } from '../../model/source-document.ts';
import { allCaseDecisions, type Decision } from './support/coverage.ts';
import { listText } from './support/labels.ts';

const models = { kommunal: 'kommunal drift', regional: 'regional drift', anmodning: 'anmodning om fortsat kommunal drift' } as const;

function hasKommuneList(sag: SourceDocument<'sag'>, underpunkt: DataPath): boolean {
  const [, , i, , j] = underpunkt as [string, string, number, string, number];
  return sag.data.indstilling.punkter[i]?.underpunkter?.[j]?.kommuner !== undefined;
}

export default defineRule({
  id: 'daekning/driftsmodel',
  severity: 'error',
  description: 'Indstillingen giver hver kommune i sundhedsrådet præcis én driftsmodel for hver af de fire opgaver.',
  citation: 'Q&A: Flytning af opgaver fra kommunerne til regionen (opdateret 23. januar 2026), de tre driftsmodeller; sag EMN-2025-10366, indstilling',
  check({ repo, report }) {
    const cases = allCaseDecisions(repo).filter((c) => c.outcome.state !== 'forkastet');
    // A later case may decide a subset (one kommune × one opgave): a pair counts as decided when
    // any case of the råd decides it, and a gap is reported once, at the råd's first case.
    const decidedInRaad = new Map<string, Set<string>>();
    for (const { raad, decisions } of cases) {
      const set = decidedInRaad.get(raad.id) ?? new Set<string>();
      for (const d of decisions) set.add(`${d.kommune}|${d.opgave}`);
      decidedInRaad.set(raad.id, set);
    }
    const reportedGaps = new Set<string>();
    for (const { sag, raad, decisions } of cases) {
      for (const d of decisions) {
        if (raad.kommuner.includes(d.kommune)) continue;
        report({ doc: sag, path: d.at, message: `${kommuneName(repo, d.kommune)} hører ikke til ${raad.navn}, som sagen er fra` });
      }
      const byPair = new Map<string, Decision[]>();
      for (const d of decisions) {
        if (!raad.kommuner.includes(d.kommune)) continue;
        const key = `${d.kommune}|${d.opgave}`;
        byPair.set(key, [...(byPair.get(key) ?? []), d]);
      }
      const all = (names: string[]) => (names.length === raad.kommuner.length ? 'alle sundhedsrådets kommuner' : listText(names));

      for (const opgave of repo.opgaver) {
        if (reportedGaps.has(raad.id)) break;
        const missing = raad.kommuner.filter((k) => !decidedInRaad.get(raad.id)!.has(`${k}|${opgave.id}`));
        if (missing.length === 0) continue;
        const names = missing.map((k) => kommuneName(repo, k));
        report({
          doc: sag,
          path: ['indstilling'],
          target: 'key',
          message: `Indstillingen afgør ikke driften af ${opgaveTerm(repo, opgave.id)} for ${missing.length === raad.kommuner.length ? 'nogen af sundhedsrådets kommuner' : listText(names)}; hver kommune i ${raad.navn} skal have én driftsmodel for hver opgave`,
        });
      }

      reportedGaps.add(raad.id);

      // A later underpunkt that decides again: one finding per pair of underpunkter.
      const repeats = new Map<string, { first: Decision; later: Decision; kommuner: string[] }>();
      for (const list of byPair.values()) {
        const first = list[0]!;
        for (const later of list.slice(1)) {
          const key = `${later.underpunkt.join('.')}|${first.underpunkt.join('.')}`;
          const entry = repeats.get(key) ?? { first, later, kommuner: [] };
          entry.kommuner.push(kommuneName(repo, later.kommune));
          repeats.set(key, entry);
        }
      }
      for (const { first, later, kommuner } of repeats.values()) {
        const again = first.model === later.model ? 'igen' : `nu som ${models[later.model]}`;
        report({
          doc: sag,
          path: hasKommuneList(sag, later.underpunkt) ? later.at : [...later.underpunkt, 'opgave'],
          message: `Driften af ${opgaveTerm(repo, later.opgave)} for ${all(kommuner)} er allerede afgjort i ${first.name} (${models[first.model]}) og afgøres her ${again}`,
          related: [{ doc: sag, path: first.at, message: `første afgørelse (${first.name})` }],
        });
      }
    }
  },
});
