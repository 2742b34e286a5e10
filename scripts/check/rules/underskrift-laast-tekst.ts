import { defineRule } from '../rule.ts';
import { clausesOf, fingerprintOf, laastYaml } from '../../basics/fingerprint.ts';
import { agreementDocuments } from '../../kinds/index.ts';
import type { DocumentKind } from '../../model/kinds.ts';
import type { SourceDocument } from '../../model/source-document.ts';
import { listText } from './support/labels.ts';

/** How many changed clauses a message names before it counts the rest. */
const NAMED = 4;

/** What the text before the first clause is called in a message. */
const PREAMBLE = 'titelblokken';

/**
 * The indexes of `current` that have no partner in the longest common subsequence with
 * `recorded` (by clause hash): the clauses that are new or changed since signing.
 */
function unmatched(recorded: readonly string[], current: readonly string[]): number[] {
  const n = recorded.length;
  const m = current.length;
  // lcs[i][j]: the longest common subsequence of recorded[i..] and current[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = recorded[i] === current[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const changed: number[] = [];
  let i = 0;
  let j = 0;
  while (j < m) {
    if (i < n && recorded[i] === current[j]) {
      i++;
      j++;
    } else if (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i++;
    else changed.push(j++);
  }
  return changed;
}

/**
 * A signed agreement is frozen: the text both parties signed is recorded as a fingerprint
 * (`laast`, basics/fingerprint.ts), and the document must still render to exactly that text.
 * Templates, partials and reference data are shared by every document, so a change meant for
 * new agreements would otherwise silently rewrite signed ones in the next sealed PDF.
 */
export default defineRule({
  id: 'underskrift/laast-tekst',
  severity: 'error',
  locked: true,
  description:
    'En underskrevet aftale har fingeraftrykket af den underskrevne tekst (laast), og den dannes stadig til præcis den tekst: ændringer af skabeloner, delskabeloner og referencedata må ikke ændre en underskrevet aftale.',
  citation:
    'Sag EMN-2025-10366, sagsfremstilling (aftalerne konkretiseres og ændres i tillægsaftaler); projektets datamodel (schemas/common.schema.json, laast)',
  check({ repo, markdown, report }) {
    // Without a renderer (a caller that offers none) there is nothing to compare with.
    if (!markdown) return;
    for (const { doc, agreement } of agreementDocuments(repo)) {
      if (agreement.status(doc) !== 'underskrevet') continue;
      const rendered = markdown(doc as SourceDocument<DocumentKind>);
      const laast = agreement.locked(doc);
      if ('problem' in rendered) {
        report({
          doc,
          path: laast ? ['laast'] : ['status'],
          target: laast ? 'key' : 'value',
          message: `Den underskrevne tekst kan ikke dannes og derfor ikke sammenlignes med den underskrevne: ${rendered.problem}`,
        });
        continue;
      }
      const now = fingerprintOf(rendered.markdown);
      if (!laast) {
        report({
          doc,
          path: ['status'],
          message: `Status er »underskrevet«, men fingeraftrykket af den underskrevne tekst mangler; kontrollér, at teksten er den, parterne har underskrevet, og tilføj linjen ${laastYaml(now)}`,
        });
        continue;
      }
      if (laast.sha256 === now.sha256) continue;
      const headings = clausesOf(rendered.markdown).map((c) => c.heading ?? PREAMBLE);
      const changed = unmatched(laast.afsnit, now.afsnit).map((i) => headings[i]!);
      const named = changed.length > NAMED ? [...changed.slice(0, NAMED), `${changed.length - NAMED} andre afsnit`] : changed;
      const where = named.length > 0 ? ` i ${listText(named)}` : '';
      const difference = now.afsnit.length - laast.afsnit.length;
      const count =
        difference === 0
          ? ''
          : ` (${Math.abs(difference)} afsnit ${difference > 0 ? 'tilføjet' : 'fjernet'}: ${now.afsnit.length} nu, ${laast.afsnit.length} underskrevet)`;
      report({
        doc,
        path: ['laast'],
        target: 'key',
        message: `Den underskrevne tekst er ændret${where}${count}: en ændring af skabeloner, partials eller referencedata må ikke ændre en underskrevet aftale — lav et tillæg`,
      });
    }
  },
});
