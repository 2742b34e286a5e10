import type { RuleCases } from '../rule-tester.ts';
import { approvedHsa, tillaeg } from '../tillaeg-documents.ts';

const thousands = tillaeg({ felter: [['finansiering.aarligt_beloeb_kr', '"1.500.000"']] });
const emptyText = tillaeg({
  felter: [
    ['opfoelgning', 'Kvartalsvis.'],
    ['evaluering', '{ senest: 2028-12-31 }'],
  ],
});

export default {
  rule: 'tillaeg/ugyldig-vaerdi',
  valid: [{ name: 'accepts values the agreement’s schema allows', files: [approvedHsa(), tillaeg({ felter: [['finansiering.aarligt_beloeb_kr', 'null']] })] }],
  invalid: [
    {
      name: 'reports an amount written with thousands separators',
      files: [approvedHsa(), thousands],
      errors: [{ at: `${thousands.file}:18:15`, message: /^Den nye værdi for »finansiering\.aarligt_beloeb_kr« passer ikke til aftalen: .*1500000/ }],
    },
    {
      name: 'reports a section without a field it requires, at the change that made it',
      files: [approvedHsa(), emptyText],
      errors: [{ at: `${emptyText.file}:20:15`, message: /^Den nye værdi for »evaluering« passer ikke til aftalen: .*beskrivelse/ }],
    },
  ],
} satisfies RuleCases;
