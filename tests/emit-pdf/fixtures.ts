/** Shared sample input for the PDF emitter tests. */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { PdfMeta } from '../../scripts/emit/pdf/document.ts';

export function parseMarkdown(md: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(md);
}

export const SAMPLE_META: PdfMeta = {
  title: 'Horisontal samarbejdsaftale om akutsygepleje',
  runningHeader: 'Horisontal samarbejdsaftale · Holbæk Kommune',
  titleBlock: [
    { label: 'Parter', value: 'Region Østdanmark og Holbæk Kommune' },
    { label: 'Version', value: '0.3' },
    { label: 'Status', value: 'Udkast til politisk behandling' },
    { label: 'DokID', value: 'RØ-2027-00042' },
    { label: 'Sags ID', value: '27/01234' },
  ],
  draft: true,
  toc: true,
  subject: 'Samarbejdsaftale om akutsygepleje efter opgaveflytningen 2027',
  keywords: ['sundhedsreform', 'akutsygepleje', 'Holbæk'],
  author: 'Region Østdanmark',
  date: new Date('2026-03-01T09:30:00Z'),
  tocDepth: 3,
  closing: ['Aftalen er underskrevet digitalt af begge parter.'],
};

const CLAUSE_TEXT =
  'Parterne samarbejder om at sikre borgerne en sammenhængende indsats, hvor opgaverne løses tæt på borgerens ' +
  'eget hjem. Samarbejdet bygger på gensidig tillid, klar ansvarsfordeling og løbende opfølgning i de fælles fora.';

export const SAMPLE_MD = `## § 1. Formål

Denne aftale fastlægger rammerne for samarbejdet om akutsygepleje. Specialtegn: æøå ÆØÅ § – “citat” – 100 %.

${CLAUSE_TEXT}

## § 2. Aftalens parter og ansvar

Aftalen indgås mellem **Region Østdanmark** og *Holbæk Kommune* (se [sundhed.dk](https://www.sundhed.dk)).
Tekst med ~~udgået formulering~~ og \`kode-123\`.

### 2.1 Regionens ansvar

1. Regionen stiller lægefaglig rådgivning til rådighed.
2. Regionen sikrer adgang til:
   - akutteam døgnet rundt
   - telemedicinsk vurdering
     1. via video
     2. via telefon
3. Regionen deltager i den fælles styregruppe.

### 2.2 Kommunens ansvar

4. Kommunen leverer sygeplejeindsatsen i eget hjem.
5. Kommunen dokumenterer indsatsen i den fælles journal.

## § 3. Finansiering

${CLAUSE_TEXT}

| Ydelse | Betaler | Takst (kr.) | Bemærkning |
|:-------|:--------|------------:|:-----------|
| Akut sygeplejebesøg | Kommunen | 1.250 | Pr. besøg i dagtimerne |
| Telemedicinsk vurdering | Regionen | 480 | Inkl. dokumentation |
| Udkørende akutlæge | Regionen | 3.900 | Kun ved lægelig visitation |

> Bemærk: Taksterne reguleres årligt med pris- og lønfremskrivningen.

### 3.1 Betaling

${CLAUSE_TEXT}

---

## § 4. Ikrafttræden og opsigelse

Aftalen træder i kraft den 1. januar 2027.${'  '}
Aftalen kan opsiges med seks måneders varsel til udgangen af et kalenderår.

${CLAUSE_TEXT} ${CLAUSE_TEXT}

## § 5. Tvister

${CLAUSE_TEXT}

${CLAUSE_TEXT}
`;
