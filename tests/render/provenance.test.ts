/**
 * Honest provenance and wording (issue 16): a reconstructed text says so under its title block
 * and in its running header, »Udestår« renders as a drafting note, a draft says the agreement
 * »indgås«, a delingsaftale tells »not yet stated« from »none«, and an anmodning is a letter.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Root, RootContent } from 'mdast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { writePdf } from '../../scripts/emit/pdf-file.ts';
import type { Repository } from '../../scripts/model/repository.ts';
import type { SourceDocument } from '../../scripts/model/source-document.ts';
import { renderDocument, type RenderedDocument } from '../../scripts/render/render-document.ts';
import { loadTemplates } from '../../scripts/render/templates.ts';
import { tool } from '../helpers/pdf-tools.ts';
import { RepoCopy } from '../helpers/repo.ts';

const DIR = 'agreements/midt-og-vestsjaelland';
const ANMODNING = `${DIR}/holbaek/anmodning-holbaek-specialiseret-rehabilitering.yaml`;
const NOTICE =
  'Rekonstrueret fra sagsfremstillingen i sag EMN-2025-10366 og Q&A om flytning af opgaver fra kommunerne til regionen — ikke aftalens egen tekst.';

function texts(node: Root | RootContent): string[] {
  if ('value' in node && typeof node.value === 'string') return [node.value];
  return 'children' in node ? node.children.flatMap((c) => texts(c)) : [];
}

const pageText = (file: string, page: number) =>
  tool('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-']).stdout.replace(/\s+/g, ' ');

describe('provenance and wording of the rendered documents', () => {
  const repo = new RepoCopy(['agreements', 'schemas', 'templates']);
  let data: Repository;
  const render = (id: string): RenderedDocument => renderDocument(data, loadTemplates(repo.root), data.byId(id) as SourceDocument<'hsa'>);

  beforeAll(async () => {
    repo.write(
      ANMODNING,
      [
        'dokumenttype: anmodning',
        'id: anmodning-holbaek-specialiseret-rehabilitering',
        'kommune: "316"',
        'opgave: specialiseret-rehabilitering',
        'dato: 2026-04-10',
        'meddelt: 2026-04-14',
        'periode_start: 2027-01-01',
        'periode_slut: 2028-12-31',
        '',
      ].join('\n'),
    );
    ({ repo: data } = await checkRepository(repo.root, { today: '2026-01-15' }));
  });
  afterAll(() => repo.remove());

  it('puts the notice of a reconstructed HSA right under the title block, on page 1 of the PDF and in the running header', async () => {
    const hsa = render('hsa-holbaek-akutsygepleje');
    expect(hsa.meta.runningHeader).toBe('Horisontal samarbejdsaftale · Akutsygepleje · Holbæk Kommune');
    expect(hsa.meta.runningSubheader?.left).toMatch(/^DokID \d+ · V20260224 · Rekonstrueret tekst$/);
    const first = hsa.body.children[0]!;
    expect(first.type).toBe('paragraph');
    expect(texts(first).join('')).toBe(NOTICE);
    expect(hsa.markdown).toContain(`- **Ikrafttræden:** 1. januar 2027\n\n*${NOTICE.replace('&', '\\&')}*\n\n## § 1. Parter`);
    const pdf = await writePdf(hsa.body, { ...hsa.meta, toc: false, author: 'Region Østdanmark', date: new Date('2026-02-24T00:00:00Z') });
    const file = path.join(repo.root, 'hsa.pdf');
    writeFileSync(file, pdf.bytes);
    expect(pageText(file, 1)).toContain(NOTICE.replace(/\s+/g, ' '));
    expect(pageText(file, 2)).toContain('Rekonstrueret tekst');
  });

  it('marks every shipped HSA and delingsaftale as reconstructed', () => {
    for (const doc of data.documents.filter((d) => d.kind === 'hsa' || d.kind === 'delingsaftale')) {
      expect((doc.data as { tekstgrundlag?: { type: string } }).tekstgrundlag?.type, doc.file).toBe('rekonstrueret');
    }
  });

  it('renders »Udestår« as a bracketed, emphasised drafting note', () => {
    const hsa = render('hsa-holbaek-akutsygepleje');
    expect(hsa.markdown).toContain('## § 14. Misligholdelse\n\n*\\[Udestår: bestemmelserne om mislighold.');
    const notes = hsa.body.children.flatMap((n) => (n.type === 'paragraph' ? n.children.filter((c) => c.type === 'emphasis') : []));
    expect(notes.map((n) => texts(n).join(''))).toContain(
      '[Udestår: den konkrete økonomi fastlægges i aftalen og tilpasses i tillægsaftaler, når de nye kvalitetsstandarder foreligger.]',
    );
    expect(hsa.markdown).not.toContain('datagrundlag');
  });

  it('says »indgås« in a draft and »er indgået« once approved', () => {
    expect(render('hsa-holbaek-akutsygepleje').markdown).toContain('\nAftalen indgås mellem:\n');
    const doc = data.byId('hsa-holbaek-akutsygepleje') as SourceDocument<'hsa'>;
    const approved = { ...doc, data: { ...doc.data, status: 'godkendt' } } as SourceDocument<'hsa'>;
    expect(renderDocument(data, loadTemplates(repo.root), approved).markdown).toContain('\nAftalen er indgået mellem:\n');
  });

  it('tells a list not yet stated (Udestår) from one stated to be empty (Ingen) in a delingsaftale', () => {
    const shipped = render('delingsaftale-holbaek').markdown;
    expect(shipped).toMatch(
      /## § 3\. Aktiver\n\n\*\\\[Udestår: kommunens opgørelse for specialiseret rehabilitering, akutsygepleje, sundheds- og omsorgspladser og patientrettet forebyggelse\.\]\*/,
    );
    expect(shipped).not.toContain('Ingen.');
    expect(shipped).toContain('der helt eller overvejende er knyttet til sundhedsopgaver');
    expect(shipped).toContain('»Udgangspunktet for denne vurdering er anvendelse af fx bygninger og ansatte d. 25. maj 2025.«');
    expect(shipped).toContain('- **Parter:** Region Østdanmark og Holbæk Kommune');
    const doc = data.byId('delingsaftale-holbaek') as SourceDocument<'delingsaftale'>;
    const stated = {
      ...doc,
      data: { ...doc.data, opgaver: doc.data.opgaver.map((o) => ({ ...o, aktiver: [], passiver: [], rettigheder: [], pligter: [], ansatte: [] })) },
    } as SourceDocument<'delingsaftale'>;
    const none = renderDocument(data, loadTemplates(repo.root), stated).markdown;
    expect(none).toMatch(
      /## § 3\. Aktiver\n\nIngen for specialiseret rehabilitering, akutsygepleje, sundheds- og omsorgspladser og patientrettet forebyggelse\.\n/,
    );
    expect(none).not.toContain('kommunens opgørelse for');
  });

  it('says a step is not registered instead of »Aftalen blev indgået: (ikke fastsat)«', () => {
    expect(render('delingsaftale-holbaek').markdown).toContain(
      'Det er ikke registreret, at kommunalbestyrelsen har sendt udkastet til regionen. Aftalens indgåelse er ikke registreret.',
    );
    const doc = data.byId('delingsaftale-holbaek') as SourceDocument<'delingsaftale'>;
    const agreed = { ...doc, data: { ...doc.data, udkast_fremsendt: '2026-04-28', aftalt: '2026-06-20' } } as SourceDocument<'delingsaftale'>;
    expect(renderDocument(data, loadTemplates(repo.root), agreed).markdown).toContain(
      'Kommunalbestyrelsen sendte udkastet til regionen den 28. april 2026. Aftalen blev indgået den 20. juni 2026.',
    );
  });

  it('renders an anmodning as the region’s letter to the kommune, not as an agreement', () => {
    const letter = render('anmodning-holbaek-specialiseret-rehabilitering');
    const md = letter.markdown;
    expect(md).toContain('Til Holbæk Kommune\n\nFra Region Østdanmark\n\nDato: 10. april 2026\n\n**Anmodning om fortsat drift af');
    expect(md).toContain('Region Østdanmark anmoder hermed Holbæk Kommune om fortsat at drive');
    expect(md.trimEnd().endsWith('Med venlig hilsen\n\nRegion Østdanmark')).toBe(true);
    expect(md).not.toMatch(/Aftalen|Parter|§/);
    // A notice to the ministry not yet recorded is said to be unrecorded, not »meddelte …: (ikke fastsat)«.
    const doc = data.byId('anmodning-holbaek-specialiseret-rehabilitering') as SourceDocument<'anmodning'>;
    const told = renderDocument(data, loadTemplates(repo.root), { ...doc, data: { ...doc.data, meddelt: '2026-04-15' } });
    const untold = renderDocument(data, loadTemplates(repo.root), { ...doc, data: { ...doc.data, meddelt: null } });
    expect(told.markdown).toContain('Regionen meddelte Indenrigs- og Sundhedsministeriet anmodningen den 15. april 2026.');
    expect(untold.markdown).toContain('Det er ikke registreret, at regionen har meddelt Indenrigs- og Sundhedsministeriet anmodningen.');
  });
});
