import { createHash } from 'node:crypto';
import { ekstern, sag } from '../documents.ts';
import { file, type RuleCases } from '../rule-tester.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

// One external bilag with fil and sha256 takes five lines: 22 »- eksternt:«, 25 fil (col 12), 26 sha256 (col 15).
const changed = sag({ underpunkter: [], bilag: [ekstern('bilag/tilbagemelding.pdf', sha('version 1'))] });

export default {
  rule: 'bilag/sha256',
  valid: [
    {
      name: 'accepts a file in the repository with its checksum, and an external bilag without a file',
      files: [
        file('agreements/bilag/tilbagemelding.pdf', 'version 1'),
        sag({ underpunkter: [], bilag: [ekstern('bilag/tilbagemelding.pdf', sha('version 1')), ekstern()] }),
      ],
    },
  ],
  invalid: [
    {
      name: 'reports a checksum that does not match the file, at the sha256 line',
      files: [file('agreements/bilag/tilbagemelding.pdf', 'version 2'), changed],
      errors: [
        {
          at: `${changed.file}:26:15`,
          message: `Filen »agreements/bilag/tilbagemelding.pdf« har SHA-256 ${sha('version 2')}, ikke den angivne; filen er ændret efter vedlæggelsen, eller sha256 skal opdateres`,
        },
      ],
    },
  ],
} satisfies RuleCases;
