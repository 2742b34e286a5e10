import { delingsaftale } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const sent = delingsaftale({ udkast: '2026-04-28' });

export default {
  rule: 'forsinket/delingsaftale-indgaaelse',
  valid: [
    { name: 'is quiet on the deadline day', files: [sent], today: '2026-07-01' },
    {
      name: 'is quiet once agreed, and after a Delingsråd decision',
      files: [
        delingsaftale({ udkast: '2026-04-28', aftalt: '2026-06-30' }),
        delingsaftale({ kommune: '326', udkast: '2026-04-28', delingsraad: '2026-09-15' }),
      ],
      today: '2026-11-23',
    },
  ],
  invalid: [
    {
      name: 'warns after 1 July 2026',
      files: [sent],
      today: '2026-07-02',
      errors: [
        {
          at: `${sent.file}:10:9`,
          message:
            'Fristen 1. juli 2026 for at indgå delingsaftalen er overskredet, men det er ikke registreret, at den er indgået; uden enighed afgør Delingsrådet sagen senest 1. oktober 2026',
        },
      ],
    },
    {
      name: 'names the Delingsråd once its deadline has passed too',
      files: [sent],
      today: '2026-11-23',
      errors: [
        {
          at: `${sent.file}:10:9`,
          message: 'Delingsaftalen er hverken registreret som indgået inden 1. juli 2026 eller afgjort af Delingsrådet inden 1. oktober 2026',
        },
      ],
    },
  ],
} satisfies RuleCases;
