import { defineRule } from '../rule.ts';
import { generatedBilagTitle, numberBilag } from '../../kinds/sag-bilag.ts';
import { canonical } from './support/documents.ts';

/** Edit distance (insertions, deletions, substitutions), capped: only »at most `cap`« matters. */
function withinEdits(a: string, b: string, cap: number): boolean {
  if (Math.abs(a.length - b.length) > cap) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (Math.min(...row) > cap) return false;
    previous = row;
  }
  return previous[b.length]! <= cap;
}

/** Letter case, spaces around the separator and at most two typos; every digit (version, number) exact. */
const TYPOS = 2;
const digits = (s: string) => s.replace(/\D/g, '');
const withoutDraftPrefix = (s: string) => s.replace(/^udkast til /, '');

export default defineRule({
  id: 'bilag/registreret-titel',
  severity: 'error',
  description:
    'Et bilags registrerede titel (registreret_titel) har bilagets dannede nummer og afviger kun fra den dannede titel i store og små bogstaver eller en stavefejl.',
  citation: 'Sag EMN-2025-10366, bilagsliste (bilag 1b »Kalundborg kommune«, bilag 4 »Kommuernes tilbagemelding« er registrerede titler)',
  check({ repo, report }) {
    for (const sag of canonical(repo, 'sag')) {
      const numbered = numberBilag(repo, sag);
      // An entry that points at nothing has no title and shifts the numbers after it: that is
      // ref/ukendt-dokument's finding, not one per registered title below it.
      if (numbered.some((b) => !b.target && !b.entry.eksternt)) continue;
      for (const b of numbered) {
        const registered = b.entry.registreret_titel;
        if (registered === undefined) continue;
        // A bilag attached in an earlier version than the document's own is bilag/foraeldet-version's
        // finding; its generated title names the newer version.
        const current = (b.target?.data as { version?: string } | undefined)?.version;
        const attached = b.entry.eksternt ? undefined : b.entry.version;
        if (attached !== undefined && current !== undefined && attached !== current) continue;
        const path = ['bilag', b.index, 'registreret_titel'];
        const generated = generatedBilagTitle(b);
        const m = /^Bilag (\d+[a-z]*)[_ ](.+)$/.exec(registered);
        if (!m || m[1] !== b.number) {
          report({
            doc: sag,
            path,
            message: `Den registrerede titel skal begynde med »Bilag ${b.number}_« eller »Bilag ${b.number} «, det nummer bilaget får i listen (dannet titel: »${generated}«)`,
          });
          continue;
        }
        // The register keeps the name the document had when the case attached it, usually a
        // draft's (»Udkast til …«); approving the document drops that prefix from the generated
        // name, not from the register, so the comparison leaves it out on both sides.
        const rest = withoutDraftPrefix(m[2]!.toLowerCase());
        const title = withoutDraftPrefix(b.title.toLowerCase());
        if (digits(rest) !== digits(title) || !withinEdits(rest, title, TYPOS)) {
          report({
            doc: sag,
            path,
            message: `Den registrerede titel »${registered}« svarer ikke til bilagets dannede titel »${generated}«; de må kun afvige i store og små bogstaver eller en stavefejl`,
          });
        }
      }
    }
  },
});
