import { hsa } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const late = hsa({ regionsraad: '2026-03-17', kommunalbestyrelse: '2026-04-02' });
const earlier = hsa({ regionsraad: '2026-03-17' });

export default {
  rule: 'frist/hsa-godkendelse',
  valid: [
    {
      name: 'accepts approvals on the deadline day and unknown approvals',
      files: [hsa({ regionsraad: '2026-04-01', kommunalbestyrelse: '2026-03-01' }), hsa({ kommune: '326' })],
    },
  ],
  invalid: [
    {
      name: 'reports an approval after 1 April 2026 on its own line',
      files: [late],
      errors: [
        {
          at: `${late.file}:28:23`,
          message:
            'Kommunalbestyrelsens godkendelse er dateret 2. april 2026, efter fristen 1. april 2026 (Horisontale samarbejdsaftaler godkendt af regionsråd og kommunalbestyrelse og sendt til Indenrigs- og Sundhedsministeriet)',
        },
      ],
    },
    {
      name: 'reports a late approval with its begrundelse as a warning that quotes it (reality over plan: the build renders)',
      files: [
        hsa({
          regionsraad: '2026-04-20',
          kommunalbestyrelse: '2026-03-24',
          extra: ['forsinkelser:', '  godkendelser.regionsraad: Regionsrådets møde blev flyttet fra 17. marts til 20. april (SYNTETISK eksempel).'],
        }),
      ],
      errors: [
        {
          at: 'agreements/hsa-holbaek-akutsygepleje.yaml:27:16',
          severity: 'warning',
          message:
            'Regionsrådets godkendelse er dateret 20. april 2026, efter fristen 1. april 2026 (Horisontale samarbejdsaftaler godkendt af regionsråd og kommunalbestyrelse og sendt til Indenrigs- og Sundhedsministeriet) (begrundet: Regionsrådets møde blev flyttet fra 17. marts til 20. april (SYNTETISK eksempel).)',
        },
      ],
    },
    {
      name: 'takes the date from the calendar, not from the code',
      files: [earlier],
      edits: [['agreements/reference/frister.yaml', 'dato: 2026-04-01', 'dato: 2026-03-01']],
      errors: [{ at: `${earlier.file}:27:16`, message: /efter fristen 1\. marts 2026/ }],
    },
  ],
} satisfies RuleCases;
