import { hsa, type HsaOptions } from '../documents.ts';
import { laastFor, type RuleCases } from '../rule-tester.ts';

// A signed HSA: both approvals, two signatures per party (underskrifter on lines 29–42).
const signedOptions: HsaOptions = {
  status: 'underskrevet',
  regionsraad: '2026-03-17',
  kommunalbestyrelse: '2026-03-24',
  underskrifter: { region: ['2026-03-30', '2026-03-30'], kommune: ['2026-04-02', '2026-04-02'] },
};
const unlocked = hsa(signedOptions);
// What staff paste when it is signed: the fingerprint of the text as it renders now (line 44).
const laast = laastFor([unlocked], unlocked.file);
const signed = hsa({ ...signedOptions, extra: [laast] });

export default {
  rule: 'underskrift/laast-tekst',
  valid: [
    {
      name: 'accepts a signed agreement that still renders to its recorded text, and a draft without laast',
      files: [signed, hsa({ kommune: '326' })],
    },
    {
      name: 'accepts a template change outside the signed text’s kind',
      files: [signed],
      edits: [['templates/delingsaftale.md.hbs', '## Aftalens genstand', '## Indledning\n\nTekst.\n\n## Aftalens genstand']],
    },
  ],
  invalid: [
    {
      name: 'reports a signed agreement without laast at its status, with the line to paste',
      files: [unlocked],
      errors: [
        {
          at: `${unlocked.file}:5:9`,
          message: `Status er »underskrevet«, men fingeraftrykket af den underskrevne tekst mangler; kontrollér, at teksten er den, parterne har underskrevet, og tilføj linjen ${laast}`,
        },
      ],
    },
    {
      name: 'reports a template change inside a clause, naming the clause, at laast',
      files: [signed],
      edits: [['templates/hsa.md.hbs', 'Aftalen kan opsiges med et varsel', 'Aftalen kan opsiges skriftligt med et varsel']],
      errors: [
        {
          at: `${signed.file}:44:1`,
          message:
            'Den underskrevne tekst er ændret i § 13. Opsigelse: en ændring af skabeloner, partials eller referencedata må ikke ændre en underskrevet aftale — lav et tillæg',
        },
      ],
    },
    {
      name: 'reports a change of reference data that reaches the signed text (the region’s name)',
      files: [signed],
      edits: [['agreements/reference/region.yaml', 'navn: Region Østdanmark', 'navn: Region Sjælland og Hovedstaden']],
      errors: [{ at: `${signed.file}:44:1`, message: /^Den underskrevne tekst er ændret i titelblokken/ }],
    },
    {
      name: 'reports an added clause with the count of clauses',
      files: [signed],
      edits: [['templates/hsa.md.hbs', '## Misligholdelse', '## Voldgift\n\nTvister afgøres ved voldgift.\n\n## Misligholdelse']],
      errors: [
        { at: `${signed.file}:44:1`, message: /^Den underskrevne tekst er ændret i § 14\. Voldgift, .* \(1 afsnit tilføjet: \d+ nu, \d+ underskrevet\): / },
      ],
    },
  ],
} satisfies RuleCases;
