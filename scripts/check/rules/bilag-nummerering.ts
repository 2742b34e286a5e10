import { defineRule } from '../rule.ts';
import { numberBilag, type NumberedBilag } from '../../kinds/sag-bilag.ts';
import { canonical, groupName } from './support/documents.ts';

/** »1a–1h« for a lettered group, »4« for a single bilag. */
function numbers(run: readonly NumberedBilag[]): string {
  return run.length > 1 ? `${run[0]!.number}–${run.at(-1)!.number}` : run[0]!.number;
}

export default defineRule({
  id: 'bilag/nummerering',
  severity: 'error',
  description: 'Bilag af samme slags og opgave står samlet i bilagslisten, så de får ét nummer med bogstaver (1a, 1b …).',
  citation: 'Sag EMN-2025-10366, bilagsliste (bilag 1a–1h, 2a–2h og 3a–3h: ét nummer pr. opgave)',
  check({ repo, report }) {
    for (const sag of canonical(repo, 'sag')) {
      // Entries that point at nothing are reported by ref/ukendt-dokument; they would split
      // every group they sit in, so they are left out rather than reported twice.
      const entries = numberBilag(repo, sag).filter((b) => b.target || b.entry.eksternt);
      const runs: NumberedBilag[][] = [];
      for (const b of entries) {
        const last = runs.at(-1);
        if (last && last[0]!.groupKey === b.groupKey) last.push(b);
        else runs.push([b]);
      }
      const first = new Map<string, NumberedBilag[]>();
      for (const run of runs) {
        const key = run[0]!.groupKey;
        const earlier = first.get(key);
        if (!earlier) {
          first.set(key, run);
          continue;
        }
        const start = run[0]!;
        report({
          doc: sag,
          path: ['bilag', start.index, 'dokument'],
          message: `Bilaget hører til samme gruppe som bilag ${numbers(earlier)} (${groupName(repo, start.target!)}), men står ikke i forlængelse af dem, så gruppen får to numre (${earlier[0]!.group} og ${start.group}); flyt det op efter bilag ${earlier.at(-1)!.number}`,
          related: [{ doc: sag, path: ['bilag', earlier.at(-1)!.index, 'dokument'], message: `gruppens hidtil sidste bilag (${earlier.at(-1)!.number})` }],
        });
      }
    }
  },
});
