import { createHash } from 'node:crypto';
import { ekstern, sag } from '../documents.ts';
import { file, type RuleCases } from '../rule-tester.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

// One external bilag with fil and sha256 takes five lines: 22 »- eksternt:«, 25 fil (col 12), 26 sha256 (col 15).
const s = sha('pdf');
const refused = sag({
  underpunkter: [],
  bilag: [ekstern('bilag/mangler.pdf', s), ekstern('../../udenfor.pdf', s), ekstern('/etc/hostname', s), ekstern('bilag/genvej.pdf', s)],
});

export default {
  rule: 'bilag/ekstern-fil',
  valid: [
    {
      name: 'accepts a file in the repository with its checksum, and an external bilag without a file',
      files: [
        file('agreements/bilag/tilbagemelding.pdf', 'version 1'),
        sag({ underpunkter: [], bilag: [ekstern('bilag/tilbagemelding.pdf', sha('version 1')), ekstern()] }),
      ],
      others: { 'bilag/sha256': [] },
    },
  ],
  invalid: [
    {
      name: 'refuses a missing file, a path out of the repository, an absolute path and a symlink',
      files: [file('agreements/bilag/rigtig.pdf', 'pdf'), file('agreements/bilag/genvej.pdf', { symlink: 'rigtig.pdf' }), refused],
      errors: [
        { at: `${refused.file}:25:12`, message: 'Filen »agreements/bilag/mangler.pdf« findes ikke' },
        {
          at: `${refused.file}:30:12`,
          message:
            'Stien »../../udenfor.pdf« peger uden for agreements/; bilagsfiler skal ligge i en mappe ved navn bilag under agreements/, fx bilag/navn.pdf ved siden af sagen',
        },
        { at: `${refused.file}:35:12`, message: 'Stien »/etc/hostname« er absolut; angiv den relativt til YAML-filen, fx bilag/navn.pdf' },
        { at: `${refused.file}:40:12`, message: '»agreements/bilag/genvej.pdf« er et symbolsk link; læg bilaget ind som en almindelig fil' },
      ],
      // A file that cannot be used has no checksum to compare.
      others: { 'bilag/sha256': [] },
    },
  ],
} satisfies RuleCases;
