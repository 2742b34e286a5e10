/**
 * The same clause numbers in every agreement of a kind (issue 16): »§ 7« means the same in all
 * 24 HSAs whatever the opgave, and in all eight delingsaftaler whatever their opgaver; a clause
 * the sources do not fill says »Udestår«, one that does not apply »(udgår)«. A clause a tillæg
 * inserts is numbered after the one it follows (»§ 7 a«), so no other number moves.
 */
import type { Root } from 'mdast';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { hsa } from '../../scripts/kinds/hsa.ts';
import type { Repository } from '../../scripts/model/repository.ts';
import type { SourceDocument } from '../../scripts/model/source-document.ts';
import { numberClauses } from '../../scripts/render/clause-numbers.ts';
import { renderDocument } from '../../scripts/render/render-document.ts';
import { loadTemplates, type TemplateSet } from '../../scripts/render/templates.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

const HSA_CLAUSES = [
  'Parter',
  'Formål',
  'Hjemmel',
  'Opgaven',
  'Ydelser og kvalitet',
  'Visitation',
  'Økonomi og afregning',
  'Data og journalføring',
  'Tilsyn og klage',
  'Opfølgning og evaluering',
  'Ændringer og tillæg',
  'Varighed',
  'Opsigelse',
  'Misligholdelse',
  'Tvister',
  'Ikrafttræden og godkendelse',
  'Kommunens forbehold',
  'Frister',
  'Underskrifter',
];

const DELINGSAFTALE_CLAUSES = [
  'Parter',
  'Aftalens genstand',
  'Aktiver',
  'Passiver',
  'Rettigheder',
  'Pligter',
  'Ansatte',
  'Kontrakter',
  'It-systemer og data',
  'Arkiv',
  'Delingsrådet',
  'Proces og godkendelse',
  'Frister',
  'Underskrifter',
];

/** The numbered level-2 headings of a rendered Markdown, in order. */
const clauses = (markdown: string) => [...markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]!);
const numbered = (names: string[]) => names.map((name, i) => `§ ${i + 1}. ${name}`);

describe('clause structure', () => {
  let repo: Repository;
  let templates: TemplateSet;
  const render = (doc: SourceDocument) => renderDocument(repo, templates, doc as SourceDocument<'hsa'>).markdown;

  beforeAll(async () => {
    ({ repo } = await checkRepository(REPO_ROOT, { today: '2026-12-01' }));
    templates = loadTemplates(REPO_ROOT);
  });

  it('gives all 24 shipped HSAs the same clauses under the same numbers, as the kind declares them', () => {
    const docs = repo.ofKind('hsa');
    expect(docs).toHaveLength(24);
    expect(hsa.clauses!.map((c) => c.heading)).toEqual(HSA_CLAUSES);
    for (const doc of docs) expect(clauses(render(doc)), doc.data.id).toEqual(numbered(HSA_CLAUSES));
  });

  it('gives all eight delingsaftaler the same clauses, whatever their opgaver', () => {
    const docs = repo.ofKind('delingsaftale');
    expect(docs).toHaveLength(8);
    for (const doc of docs) expect(clauses(render(doc)), doc.data.id).toEqual(numbered(DELINGSAFTALE_CLAUSES));
    const one = repo.ofKind('delingsaftale')[0]!;
    const single = { ...one, data: { ...one.data, opgaver: one.data.opgaver.slice(0, 1) } } as SourceDocument<'delingsaftale'>;
    expect(clauses(render(single))).toEqual(numbered(DELINGSAFTALE_CLAUSES));
  });

  it('writes »Udestår« for a clause the sources do not fill, the text when the data has it, and »(udgår)« for no forbehold', () => {
    const sop = repo.byId('hsa-lejre-sundheds-og-omsorgspladser')!;
    const text = render(sop);
    expect(text).toContain(
      '## § 6. Visitation\n\nForårsaftale 2025, bilag 5: »Lovforslaget vil fastlægge, at regionerne har visitations- og afslutningskompetence',
    );
    expect(text).toContain('## § 15. Tvister\n\n*\\[Udestår: bestemmelserne om løsning af tvister mellem parterne.]*');
    expect(text).toContain('## § 17. Kommunens forbehold\n\n(udgår)\n');
    const written = { ...sop, data: { ...sop.data, tvister: 'Uenighed drøftes i sundhedsrådet.' } } as SourceDocument<'hsa'>;
    expect(render(written)).toContain('## § 15. Tvister\n\nUenighed drøftes i sundhedsrådet.\n');
  });

  it('lists what transfers per clause across the opgaver: stated items, stated none, not yet stated', () => {
    const one = repo.ofKind('delingsaftale')[0]!;
    const [rehab, akut, ...rest] = one.data.opgaver;
    const mixed = {
      ...one,
      data: {
        ...one.data,
        opgaver: [
          { ...rehab!, aktiver: [{ beskrivelse: 'Træningsudstyr', antal: 3, vaerdi_kr: 120000 }] },
          { ...akut!, aktiver: [] },
          ...rest.map((o) => ({ ...o, aktiver: null })),
        ],
      },
    } as SourceDocument<'delingsaftale'>;
    const text = render(mixed);
    expect(text).toMatch(
      /## § 3\. Aktiver\n\n\| Opgave +\| Beskrivelse +\| Antal \| Værdi +\| Note \|\n[^\n]+\n\| Specialiseret rehabilitering \| Træningsudstyr +\| 3 +\| 120\.000 kr\. \| +\|\n/,
    );
    expect(text).toContain('Ingen for akutsygepleje.');
    expect(text).toContain('*\\[Udestår: kommunens opgørelse for sundheds- og omsorgspladser og patientrettet forebyggelse.]*');
  });
});

describe('numberClauses', () => {
  const heading = (text: string, depth: 2 | 3, inserted = false) => ({
    type: 'heading' as const,
    depth,
    children: [{ type: 'text' as const, value: text }],
    ...(inserted ? { data: { inserted: true } } : {}),
  });
  const labels = (tree: Root) => tree.children.map((n) => (n.type === 'heading' && n.children[0]?.type === 'text' ? n.children[0].value : ''));

  it('numbers a clause a tillæg inserts after the one it follows, with a letter, and moves no other number', () => {
    const tree: Root = {
      type: 'root',
      children: [
        heading('A', 2),
        heading('B', 2),
        heading('Ny', 2, true),
        heading('Ny underpunkt', 3),
        heading('Nyere', 2, true),
        heading('C', 2),
        heading('C1', 3),
      ],
    };
    expect(labels(numberClauses(tree))).toEqual(['§ 1. ', '§ 2. ', '§ 2 a. ', '2a.1 ', '§ 2 b. ', '§ 3. ', '3.1 ']);
  });
});
