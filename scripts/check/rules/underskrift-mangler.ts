import { defineRule } from '../rule.ts';
import { agreementDocuments } from '../../kinds/index.ts';
import { missingSignatures, partyLabel, signatureRequirement, SIGNING_PARTIES } from '../../kinds/lifecycle.ts';
import { latestDay } from '../../model/dates.ts';
import { capitalize } from './support/labels.ts';
import { danishDate } from './support/calendar.ts';

/**
 * Both parties sign: an agreement is underskrevet only with every signature the reference data
 * requires of each party, and nobody signs before both political approvals are recorded.
 */
export default defineRule({
  id: 'underskrift/mangler',
  severity: 'error',
  locked: true,
  description:
    'En aftale med status underskrevet har alle de underskrifter, hver part skal have (agreements/reference/region.yaml), og hver underskrift er dateret på eller efter begge godkendelser.',
  citation: 'Lov om kommunernes styrelse § 32 (formanden med medunderskrift af en bemyndiget person); antallet står i agreements/reference/region.yaml',
  check({ repo, report }) {
    for (const { doc, agreement } of agreementDocuments(repo)) {
      const signatures = agreement.signatures(doc);
      const status = agreement.status(doc);
      if (status === 'underskrevet') {
        const missing = missingSignatures(repo, signatures);
        if (missing.length > 0) {
          const what = missing.map((m) => `${partyLabel(m.party)} mangler ${m.missing} af ${m.required} ${m.required === 1 ? 'underskrift' : 'underskrifter'}`);
          const kilde = signatureRequirement(repo, missing[0]!.party).kilde;
          report({
            doc,
            path: ['status'],
            message: `Status er »underskrevet«, men ${what.join(', og ')} (${kilde.dokument}, ${kilde.afsnit}); registrér underskrifterne under »underskrifter«, eller sæt status tilbage til »godkendt«`,
          });
        }
      }
      if (!signatures) continue;
      const { regionsraad, kommunalbestyrelse } = agreement.approvals(doc);
      const approvedOn = regionsraad && kommunalbestyrelse ? latestDay(regionsraad, kommunalbestyrelse)! : undefined;
      for (const party of SIGNING_PARTIES) {
        for (const [i, s] of signatures[party].entries()) {
          if (approvedOn !== undefined && s.dato >= approvedOn) continue;
          report({
            doc,
            path: ['underskrifter', party, i, 'dato'],
            message:
              approvedOn === undefined
                ? `${capitalize(partyLabel(party))}s underskrift (${s.navn}, ${danishDate(s.dato)}) er registreret, før begge godkendelser er det; en aftale underskrives efter regionsrådets og kommunalbestyrelsens godkendelse`
                : `${capitalize(partyLabel(party))}s underskrift (${s.navn}) er dateret ${danishDate(s.dato)}, før den seneste godkendelse (${danishDate(approvedOn)}); en aftale underskrives efter begge godkendelser`,
          });
        }
      }
    }
  },
});
