/**
 * The structure tree's text read from the PDF's objects: the ToUnicode CMap reader on hand-made
 * CMaps, the extraction on small tagged PDFs made with pdfkit directly and on hand-made objects.
 */
import PDFDocument from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import { robotoPaths } from '../../../scripts/emit/pdf/fonts.ts';
import { PdfObjects, type PdfValue, readPdfObjects } from '../../../scripts/tooling/pdf-access/pdf-objects.ts';
import { structureTreeText } from '../../../scripts/tooling/pdf-access/structure-tree-text.ts';
import { decodeText, parseToUnicode } from '../../../scripts/tooling/pdf-access/to-unicode.ts';
import { fixtureFolder } from './fixture.ts';

const cmap = (body: string) =>
  parseToUnicode(
    Buffer.from(`/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n${body}\nendcmap CMapName currentdict /CMap defineresource pop end end`),
  );
/** Codes as bytes, the way the tokenizer gives a string operand. */
const codes = (hex: string) => Buffer.from(hex, 'hex').toString('latin1');

describe('ToUnicode CMap', () => {
  it('maps single codes (bfchar), a UTF-16 pair included', () => {
    const map = cmap('1 begincodespacerange <0000> <ffff> endcodespacerange\n3 beginbfchar <0001> <0041> <0002> <00e6> <0003> <d83dde00> endbfchar');
    expect(decodeText(map, codes('000100020003'), true)).toBe('Aæ😀');
  });

  it('maps ranges with an incrementing destination and with an array of destinations', () => {
    const map = cmap(
      '1 begincodespacerange <0000> <ffff> endcodespacerange\n2 beginbfrange <0010> <0012> <0061> <0020> <0022> [<00f8> <00e5> <00660069>] endbfrange',
    );
    expect(decodeText(map, codes('001000110012'), true)).toBe('abc');
    expect(decodeText(map, codes('002000210022'), true)).toBe('øåfi');
  });

  it('reads codes as long as the code-space range they lie in', () => {
    // One-byte codes 00–7f, two-byte codes 8000–ffff (as in a mixed-width CMap).
    const map = cmap(
      '2 begincodespacerange <00> <7f> <8000> <ffff> endcodespacerange\n2 beginbfchar <41> <0058> <8141> <0059> endbfchar\n1 beginbfrange <42> <43> <0062> endbfrange',
    );
    expect(decodeText(map, codes('41814142438141'), true)).toBe('XYbcY');
  });

  it('leaves a code the CMap does not map out of a composite font, and keeps its byte in a simple font', () => {
    const map = cmap('1 begincodespacerange <00> <ff> endcodespacerange\n1 beginbfchar <41> <00c5> endbfchar');
    expect(decodeText(map, 'AB', false)).toBe('ÅB');
    expect(decodeText(map, 'AB', true)).toBe('Å');
  });

  it('takes 2-byte codes in a composite font and 1-byte codes in a simple font when the CMap has no code-space range', () => {
    const map = cmap('1 beginbfchar <0041> <0042> endbfchar 1 beginbfchar <41> <0043> endbfchar');
    expect(decodeText(map, codes('0041'), true)).toBe('B');
    expect(decodeText(map, 'A', false)).toBe('C');
  });

  it('keeps what it read before a lexical error', () => {
    const map = cmap('1 begincodespacerange <0000> <ffff> endcodespacerange\n1 beginbfchar <0001> <0041> endbfchar <00zz>');
    expect(decodeText(map, codes('0001'), true)).toBe('A');
  });
});

const folder = fixtureFolder();
afterAll(() => folder.remove());

/**
 * A tagged PDF: a P on page 1 with text, a Span and more text, continued on page 2 (pdfkit refers
 * to that content with an MCR), then an H1 in Helvetica (a simple font without ToUnicode map).
 * `inheritPg` blanks the Span's /Pg (same length, so the cross-reference table stays right): its
 * MCID is then on the P's page.
 */
async function taggedPdf(inheritPg = false): Promise<string> {
  const doc = new PDFDocument({ tagged: true, compress: false, info: { CreationDate: new Date(Date.UTC(2026, 0, 1)) } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', resolve));
  doc.registerFont('Roboto', robotoPaths().normal);
  doc.font('Roboto').fontSize(11);
  const root = doc.struct('Document');
  doc.addStructure(root);
  const paragraph = doc.struct('P');
  root.add(paragraph);
  paragraph.add(() => doc.text('Første side.'));
  paragraph.add(doc.struct('Span', {}, () => doc.text('Et spænd.')));
  paragraph.add(() => doc.text('Stadig side ét.'));
  doc.addPage();
  paragraph.add(() => doc.text('Anden side, samme afsnit.'));
  paragraph.end();
  root.add(doc.struct('H1', {}, () => doc.font('Helvetica').text('Helvetica æøå')));
  root.end();
  doc.end();
  await ended;
  let text = Buffer.concat(chunks).toString('latin1');
  if (inheritPg) {
    text = text.replace(/(\/S \/Span\n\/P \d+ 0 R\n\/K \[\d+\]\n)(\/Pg \d+ 0 R)/, (_, head: string, pg: string) => head + ' '.repeat(pg.length));
    expect(text).not.toMatch(/\/S \/Span\n[^>]*\/Pg/);
  }
  return folder.write(`tagged${inheritPg ? '-inherited' : ''}.pdf`, Buffer.from(text, 'latin1'));
}

const EXPECTED = ['Første side.', 'Et spænd.', 'Stadig side ét.', 'Anden side, samme afsnit.', 'Helvetica æøå'];

describe('structure tree text of a pdfkit-made PDF', () => {
  it('gives each MCID’s text in tree order, an MCR on the next page and a simple font included', async () => {
    const objects = await readPdfObjects(await taggedPdf());
    expect(structureTreeText(objects)).toEqual({ texts: EXPECTED, problems: [] });
  });

  it('takes an element’s page from its parent when it has no /Pg', async () => {
    const objects = await readPdfObjects(await taggedPdf(true));
    expect(structureTreeText(objects)).toEqual({ texts: EXPECTED, problems: [] });
  });
});

const stream = (text: string) => ({ stream: { dict: {}, data: Buffer.from(text, 'latin1').toString('base64') } });

/** Two pages under one /Pages with the /Resources (font F1, property list MC0), hand-made objects from 10 0 R on. */
function objects(content: readonly [string, string], tree: Record<string, PdfValue>): PdfObjects {
  const toUnicode = '1 begincodespacerange <0000> <ffff> endcodespacerange 1 beginbfrange <0001> <001a> <0061> endbfrange';
  return new PdfObjects({
    pages: [
      { object: '3 0 R', contents: ['5 0 R'] },
      { object: '4 0 R', contents: ['6 0 R'] },
    ],
    qpdf: [
      {},
      {
        trailer: { value: { '/Root': '1 0 R' } },
        'obj:1 0 R': { value: { '/Type': '/Catalog', '/StructTreeRoot': '10 0 R' } },
        'obj:2 0 R': {
          value: { '/Type': '/Pages', '/Kids': ['3 0 R', '4 0 R'], '/Resources': { '/Font': { '/F1': '7 0 R' }, '/Properties': { '/MC0': { '/MCID': 1 } } } },
        },
        'obj:3 0 R': { value: { '/Type': '/Page', '/Parent': '2 0 R' } },
        'obj:4 0 R': { value: { '/Type': '/Page', '/Parent': '2 0 R' } },
        'obj:5 0 R': stream(content[0]),
        'obj:6 0 R': stream(content[1]),
        'obj:7 0 R': { value: { '/Type': '/Font', '/Subtype': '/Type0', '/ToUnicode': '8 0 R' } },
        'obj:8 0 R': stream(toUnicode),
        ...Object.fromEntries(Object.entries(tree).map(([key, value]) => [`obj:${key}`, { value }])),
      },
    ],
  });
}

describe('structure tree text of hand-made objects', () => {
  it('reads fonts from inherited resources, named property lists, nested marked content, q/Q and TJ spacing', () => {
    const page1 = [
      'q BT /F1 12 Tf /P <</MCID 0>> BDC [<0001> -250 <0002>] TJ /Span BMC <0003> Tj EMC EMC ET Q',
      // The font was restored by Q: text before the next Tf is not decoded.
      '/P /MC0 BDC <0004> Tj BT /F1 12 Tf <0005> Tj 1 2 <0006> " EMC ET',
    ].join('\n');
    const tree: Record<string, PdfValue> = {
      '10 0 R': { '/Type': '/StructTreeRoot', '/K': ['11 0 R', '12 0 R'] },
      '11 0 R': { '/S': '/P', '/Pg': '3 0 R', '/K': [1, 0] },
      '12 0 R': {
        '/S': '/P',
        '/K': [
          { '/Type': '/MCR', '/Pg': '4 0 R', '/MCID': 0 },
          { '/Type': '/OBJR', '/Obj': '9 0 R' },
        ],
      },
    };
    expect(structureTreeText(objects([page1, '/P <</MCID 0>> BDC BT /F1 12 Tf (\u0000\u001a) Tj ET EMC'], tree))).toEqual({
      texts: ['ef', 'a bc', 'z'],
      problems: [],
    });
  });

  it('reports a loop, a missing object and an MCID without a page, and goes on', () => {
    const tree: Record<string, PdfValue> = {
      '10 0 R': { '/Type': '/StructTreeRoot', '/K': ['11 0 R', '13 0 R'] },
      '11 0 R': { '/S': '/Sect', '/K': ['12 0 R', '99 0 R', 3] },
      '12 0 R': { '/S': '/P', '/K': ['11 0 R'] },
      '13 0 R': { '/S': '/P', '/Pg': '3 0 R', '/K': 0 },
    };
    const result = structureTreeText(objects(['/P <</MCID 0>> BDC BT /F1 12 Tf <0001> Tj ET EMC', ''], tree));
    expect(result.texts).toEqual(['a']);
    expect(result.problems).toEqual([
      'element 11 0 R forekommer mere end én gang i strukturtræet (en løkke)',
      'element 11 0 R henviser til objekt 99 0 R, som ikke findes',
      'MCID 3 i element 11 0 R har ingen side (/Pg)',
    ]);
  });

  it('has no text without a structure tree', () => {
    expect(structureTreeText(new PdfObjects({ pages: [], qpdf: [{}, { trailer: { value: { '/Root': '1 0 R' } }, 'obj:1 0 R': { value: {} } }] }))).toEqual({
      texts: [],
      problems: [],
    });
  });
});
