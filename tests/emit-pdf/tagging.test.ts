/**
 * Tagged PDF (issue 17): one test per kind of element, read back with tools that did not write
 * the file (poppler's structure reader, qpdf's object dump).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocDefinition } from '../../scripts/emit/pdf/document.ts';
import { renderPdf } from '../../scripts/emit/pdf/render.ts';
import { installTagging } from '../../scripts/emit/pdf/tagging/pdfmake-hooks.ts';
import { checkAccessibility } from '../../scripts/tooling/pdf-access/index.ts';
import { parseMarkdown, SAMPLE_META, SAMPLE_MD } from './fixtures.ts';
import { pdfInfo, pdfText, runTool, writeTempPdf } from './pdf-tools.ts';
import { descendants, structTree, textOf, type StructNode } from './struct-tree.ts';

interface QpdfJson {
  qpdf: [unknown, Record<string, { value?: Record<string, unknown>; stream?: { dict: Record<string, unknown>; data?: string } }>];
}

function qpdfObjects(path: string): QpdfJson['qpdf'][1] {
  const result = runTool('qpdf', ['--json=2', '--json-stream-data=inline', '--decode-level=generalized', path]);
  return (JSON.parse(result.stdout) as QpdfJson).qpdf[1];
}

/** Every page's content, decoded, in page order. */
function pageContents(path: string): string[] {
  const objects = qpdfObjects(path);
  const pages = Object.values(objects).filter((o) => o.value?.['/Type'] === '/Page');
  return pages.map((page) => {
    const contents = page.value!['/Contents'];
    const refs = (Array.isArray(contents) ? contents : [contents]) as string[];
    return refs.map((ref) => Buffer.from(objects[`obj:${ref}`]?.stream?.data ?? '', 'base64').toString('latin1')).join('\n');
  });
}

/** poppler's »Object 91 0« as qpdf's key »obj:91 0 R«. */
const objectKey = (object: string) => `obj:${object.replace(/^Object /, '')} R`;

const ofType = (tree: StructNode, type: string) => descendants(tree).filter((n) => n.type === type);

describe('tagged PDF: the sample agreement (draft, contents, list, table, link)', () => {
  let path: string;
  let tree: StructNode;

  beforeAll(async () => {
    expect(installTagging()).toBe(true);
    path = writeTempPdf(await renderPdf(buildDocDefinition(parseMarkdown(SAMPLE_MD), SAMPLE_META)), 'tagged.pdf');
    tree = structTree(path);
  });

  it('passes the independent accessibility check, its structure reading as the Markdown', async () => {
    expect(await checkAccessibility(path, { markdown: SAMPLE_MD })).toEqual([]);
  });

  it('is tagged, with one Document element at the root', () => {
    expect(pdfInfo(path).get('Tagged')).toBe('yes');
    expect(tree.children.map((n) => n.type)).toEqual(['Document']);
  });

  it('headings: the title is H1, clauses H2 with their numbers, sub-clauses H3, in the Markdown order', () => {
    const headings = descendants(tree)
      .filter((n) => /^H\d$/.test(n.type))
      .map((n) => `${n.type} ${textOf(n)}`);
    expect(headings[0]).toBe('H1 Horisontal samarbejdsaftale om akutsygepleje');
    expect(headings).toContain('H2 Indhold');
    const body = headings.slice(headings.indexOf('H2 Indhold') + 1);
    expect(body.slice(0, 4)).toEqual(['H2 § 1. Formål', 'H2 § 2. Aftalens parter og ansvar', 'H3 2.1 Regionens ansvar', 'H3 2.2 Kommunens ansvar']);
  });

  it('lists: L > LI > Lbl + LBody, numbered lists say so, and a nested list sits in its item', () => {
    const list = ofType(tree, 'L')[0]!;
    expect(list.attributes).toContain('/ListNumbering /Decimal');
    const [first, second] = list.children;
    expect(first!.children.map((n) => n.type)).toEqual(['Lbl', 'LBody']);
    expect(textOf(first!.children[0]!)).toBe('1.');
    expect(textOf(first!.children[1]!)).toBe('Regionen stiller lægefaglig rådgivning til rådighed.');
    const nested = descendants(second!).find((n) => n.type === 'L')!;
    expect(nested.attributes).toContain('/ListNumbering /Disc');
    expect(textOf(nested)).toContain('akutteam døgnet rundt');
  });

  it('tables: a header row of TH with /Scope /Column in THead, body rows of TD in TBody', () => {
    const table = ofType(tree, 'Table').find((t) => textOf(t).startsWith('Ydelse'))!;
    expect(table.children.map((n) => n.type)).toEqual(['THead', 'TBody']);
    const header = table.children[0]!.children[0]!;
    expect(header.children.map((c) => c.type)).toEqual(['TH', 'TH', 'TH', 'TH']);
    expect(header.children.every((c) => c.attributes.includes('/Scope /Column'))).toBe(true);
    expect(header.children.map(textOf)).toEqual(['Ydelse', 'Betaler', 'Takst (kr.)', 'Bemærkning']);
    const rows = table.children[1]!.children;
    expect(rows).toHaveLength(3);
    expect(rows[0]!.children.map(textOf)).toEqual(['Akut sygeplejebesøg', 'Kommunen', '1.250', 'Pr. besøg i dagtimerne']);
  });

  it('the title block is a table whose labels head their rows', () => {
    const block = ofType(tree, 'Table')[0]!;
    const row = block.children[0]!.children[0]!;
    expect(row.children.map((c) => `${c.type} ${textOf(c)}`)).toEqual(['TH Parter', 'TD Region Østdanmark og Holbæk Kommune']);
    expect(row.children[0]!.attributes).toContain('/Scope /Row');
  });

  it('links: the linked words are a Link element in their paragraph, with the annotation as OBJR, /StructParent and /Contents', () => {
    const paragraph = ofType(tree, 'P').find((p) => textOf(p).startsWith('Aftalen indgås mellem'))!;
    const link = paragraph.children.find((n) => n.type === 'Link')!;
    expect(textOf(link)).toBe('sundhed.dk');
    expect(link.objects).toHaveLength(1);
    // The paragraph reads on around the link, in order.
    expect(textOf(paragraph)).toContain('(se sundhed.dk).');
    const objects = qpdfObjects(path);
    const annotation = objects[objectKey(link.objects[0]!)]?.value;
    expect(annotation).toMatchObject({ '/Subtype': '/Link', '/Contents': 'u:https://www.sundhed.dk' });
    expect(typeof annotation?.['/StructParent']).toBe('number');
  });

  it('contents: a TOC of TOCI, each a Link to its clause (title and page number) with its annotations', () => {
    const toc = ofType(tree, 'TOC')[0]!;
    expect(toc.children.every((n) => n.type === 'TOCI' && n.children[0]?.type === 'Link')).toBe(true);
    expect(textOf(toc.children[0]!)).toMatch(/^§ 1\. Formål\d+$/);
    expect(toc.children.every((n) => n.children[0]!.objects.length > 0)).toBe(true);
    const objects = qpdfObjects(path);
    const first = objects[objectKey(toc.children[0]!.children[0]!.objects[0]!)]?.value;
    expect(first?.['/Contents']).toBe('u:Gå til § 1. Formål');
  });

  it('watermark, running header and footer are artifacts: drawn, not in the structure', () => {
    const contents = pageContents(path);
    for (const page of contents) expect(page).toContain('/Artifact <</Type /Pagination /Subtype /Watermark>> BDC');
    // pdftotext reads every page's header and footer; the structure has none of them.
    const all = textOf(tree);
    expect(pdfText(path)).toContain('Side 2 af');
    expect(all).not.toMatch(/Side \d+ af/);
    expect(all).not.toContain('Horisontal samarbejdsaftale · Holbæk Kommune');
    expect(all).not.toContain('UDKAST');
  });
});

describe('tagged PDF: a table across a page break', () => {
  it('repeats its header row on the next page as an artifact: read once, drawn twice', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `| Række ${i + 1} | ${(i + 1) * 100} kr. |`).join('\n');
    const md = `## § 1. Oversigt\n\n| Post | Beløb |\n|:--|--:|\n${rows}\n`;
    const path = writeTempPdf(await renderPdf(buildDocDefinition(parseMarkdown(md), { ...SAMPLE_META, toc: false, draft: false })), 'long-table.pdf');
    expect(Number(pdfInfo(path).get('Pages'))).toBeGreaterThan(1);
    expect(pdfText(path).match(/Post\s+Beløb/g)?.length).toBeGreaterThan(1);
    const tree = structTree(path);
    const table = ofType(tree, 'Table').find((t) => textOf(t).startsWith('Post'))!;
    expect(table.children[0]!.type).toBe('THead');
    expect(textOf(table.children[0]!)).toBe('PostBeløb');
    expect(table.children[1]!.children).toHaveLength(60);
    expect(textOf(tree).match(/PostBeløb/g)).toHaveLength(1);
  });
});

describe('tagged PDF: definitions not made from Markdown', () => {
  it('a cell spanning two columns is one TD with /ColSpan 2; the place it covers stays as pdfmake needs it', async () => {
    const def = buildDocDefinition(parseMarkdown(''), { ...SAMPLE_META, toc: false, draft: false, titleBlock: [] });
    def.content = [
      {
        table: {
          headerRows: 1,
          body: [
            ['Felt', 'Før'],
            [{ text: 'Hele rækken', colSpan: 2 }, {}],
          ],
        },
      },
    ];
    const tree = structTree(writeTempPdf(await renderPdf(def), 'span.pdf'));
    const row = ofType(tree, 'TBody')[0]!.children[0]!;
    expect(row.children.map((c) => `${c.type} ${textOf(c)}`)).toEqual(['TD Hele rækken']);
    expect(row.children[0]!.attributes).toContain('/ColSpan 2');
  });

  it('a bare string in a stack is tagged as a paragraph', async () => {
    const def = buildDocDefinition(parseMarkdown(''), { ...SAMPLE_META, toc: false, draft: false, titleBlock: [] });
    def.content = [{ stack: ['Første linje', 'Anden linje'] }];
    const tree = structTree(writeTempPdf(await renderPdf(def), 'strings.pdf'));
    expect(tree.children[0]!.children.map((c) => `${c.type} ${textOf(c)}`)).toEqual(['P Første linje', 'P Anden linje']);
  });
});
