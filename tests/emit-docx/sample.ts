/** A document with every kind of block and inline the converter knows, for the .docx tests. */
import type { DocxMeta } from '../../scripts/emit/docx/index.ts';

export const SAMPLE_DOCX_META: DocxMeta = {
  title: 'Horisontal samarbejdsaftale om akutsygepleje',
  runningHeader: 'Horisontal samarbejdsaftale · Holbæk Kommune',
  runningSubheader: { left: 'DokID 12718912 · V20260224', right: 'Bilag 3a til punkt 3' },
  titleBlock: [
    { label: 'Parter', value: 'Region Østdanmark og Holbæk Kommune' },
    { label: 'Ikrafttræden', value: '1. januar 2027' },
  ],
  draft: true,
  subject: 'Samarbejdsaftale om akutsygepleje & opgaveflyt',
  keywords: ['akutsygepleje', 'Holbæk'],
  date: '2026-03-01',
  author: 'Region Østdanmark',
  commit: 'abc1234',
};

export const SAMPLE_DOCX_MD = `## § 1. Formål

Aftalen gælder fra 1. januar 2027 og omfatter **fed**, *kursiv*, ~~slettet~~ og \`kode\` tekst.\\
Ny linje efter et hårdt linjeskift. Se [vejledningen](https://example.org/vejledning) og [reglerne][regler].

[regler]: https://example.org/regler

### § 1.1 Lister

- Første punkt
  1. Underpunkt et
  2. Underpunkt to
- Andet punkt

  Andet afsnit i andet punkt.

3. Tredje
4. Fjerde

1. Igen et

- [x] Afkrydset
- [ ] Ikke afkrydset

## § 2. Økonomi

| Ydelse | Beløb | Bemærkning |
| :----- | ----: | :--------: |
| Akutsygepleje | 1.234.567 kr. | |
| Pladser | 12 mio. kr. |

> Citat fra loven, med en fodnote[^1].

[^1]: Sundhedsloven § 12, stk. 2.

\`\`\`
kode linje 1
kode linje 2
\`\`\`

---

<div>rå html</div>

## § 3. Underskrifter

| Part | Navn |
| ---- | ---- |
| Underskrift, Region Østdanmark | |
| Underskrift, Holbæk Kommune | |
`;

/** Two numbered lists nested under different bullets: each must count from 1. */
export const NESTED_NUMBERED_MD = `- Første punkt
  1. Underpunkt et
  2. Underpunkt to
- Andet punkt
  1. Underpunkt et
  2. Underpunkt to
`;
