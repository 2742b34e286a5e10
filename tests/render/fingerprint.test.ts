/**
 * What a clause of the signed text is (basics/fingerprint.ts): the rendered Markdown cut before
 * every level-2 heading outside a code fence, the text before the first one first.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { clausesOf, fingerprintOf, laastYaml } from '../../scripts/basics/fingerprint.ts';
import { parse } from 'yaml';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

const MARKDOWN = `# Horisontal samarbejdsaftale

- **Parter:** Region Østdanmark og Holbæk Kommune

## § 1. Formål

Tekst.

### 1.1 Underafsnit

\`\`\`
## not a clause
\`\`\`

## § 2. Opsigelse

Aftalen kan opsiges.
`;

describe('the fingerprint of a signed text', () => {
  it('cuts at level-2 headings only, outside fences, keeping every byte', () => {
    const clauses = clausesOf(MARKDOWN);
    expect(clauses.map((c) => c.heading)).toEqual([undefined, '§ 1. Formål', '§ 2. Opsigelse']);
    expect(clauses.map((c) => c.text).join('')).toBe(MARKDOWN);
    expect(clauses[1]!.text).toContain('## not a clause');
  });

  it('hashes the whole text and each clause (16 hex digits), the title block first', () => {
    const fp = fingerprintOf(MARKDOWN);
    expect(fp.sha256).toBe(sha(MARKDOWN));
    expect(fp.afsnit).toEqual(clausesOf(MARKDOWN).map((c) => sha(c.text).slice(0, 16)));
    // A change inside one clause changes that clause's hash only.
    const changed = fingerprintOf(MARKDOWN.replace('kan opsiges', 'kan opsiges skriftligt'));
    expect(changed.afsnit.map((a, i) => a === fp.afsnit[i])).toEqual([true, true, false]);
  });

  it('has an empty first piece when the text starts with a clause', () => {
    expect(clausesOf('## § 1. A\n')).toEqual([
      { heading: undefined, text: '' },
      { heading: '§ 1. A', text: '## § 1. A\n' },
    ]);
  });

  it('gives one line of YAML that reads back as strings, even for all-digit hashes', () => {
    const fp = { sha256: '1'.repeat(63) + 'e', afsnit: ['0000000000000012', '1234e56789012345'] };
    const line = laastYaml(fp);
    expect(line).not.toContain('\n');
    expect(parse(line)).toEqual({ laast: fp });
  });
});
