import { hsa } from '../documents.ts';
import { lineIn, shipped, type RuleCases } from '../rule-tester.ts';

const CALENDAR = 'agreements/reference/frister.yaml';
const text = shipped(CALENDAR);
const hsaGodkendelse = text.slice(text.indexOf('  - id: hsa-godkendelse'), text.indexOf('  - id: anmodning-meddelelse'));
const withoutIt = text.replace(hsaGodkendelse, '');

export default {
  rule: 'ref/manglende-frist',
  valid: [{ name: 'is quiet with the shipped calendar', files: [] }],
  invalid: [
    {
      name: 'reports a frist the rules need once, at the calendar, and the rules using it stay quiet',
      files: [hsa({ regionsraad: '2026-05-01' }), hsa({ kommune: '326', regionsraad: '2026-05-01' })],
      edits: [[CALENDAR, hsaGodkendelse, '']],
      today: '2026-11-23',
      errors: [{ at: `${CALENDAR}:${lineIn(withoutIt, 'frister:')}:1`, message: /^Fristen »hsa-godkendelse« mangler i fristkalenderen/ }],
      others: { 'frist/hsa-godkendelse': [], 'forsinket/hsa-godkendelse': [] },
    },
    {
      name: 'reports a missing vilkår at the vilkaar list',
      files: [],
      edits: [[CALENDAR, 'id: hsa-opsigelsesvarsel', 'id: hsa-varsel']],
      errors: [{ at: `${CALENDAR}:${lineIn(text, 'vilkaar:')}:1`, message: /^Vilkåret »hsa-opsigelsesvarsel« mangler/ }],
    },
  ],
} satisfies RuleCases;
