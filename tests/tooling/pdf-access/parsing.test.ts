/** The checker's readers of tool output, and of the PDF's objects, on hand-made input (no PDF file). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCESS_RULES, type AccessRule } from '../../../scripts/tooling/pdf-access/index.ts';
import { markedContentFindings } from '../../../scripts/tooling/pdf-access/marked-content.ts';
import { PdfObjects, pdfString } from '../../../scripts/tooling/pdf-access/pdf-objects.ts';
import { parsePdffonts } from '../../../scripts/tooling/pdf-access/poppler.ts';
import { REPO_ROOT } from '../../helpers/repo.ts';

describe('pdffonts output', () => {
  it('reads emb and uni from the right, whatever spaces type and encoding have', () => {
    const output = [
      'name                                 type              encoding         emb sub uni object ID',
      '------------------------------------ ----------------- ---------------- --- --- --- ---------',
      'AAAAAA+Roboto-Regular                CID TrueType      Identity-H       yes yes yes     13  0',
      'Helvetica                            Type 1            Custom           no  no  no       5  0',
      '[none]                               Type 3            Custom           yes no  yes      7  0',
      '',
    ].join('\n');
    expect(parsePdffonts(output)).toEqual([
      { name: 'AAAAAA+Roboto-Regular', embedded: true, toUnicode: true },
      { name: 'Helvetica', embedded: false, toUnicode: false },
      { name: '[none]', embedded: true, toUnicode: true },
    ]);
  });
});

describe('PDF objects from qpdf JSON', () => {
  const stream = (text: string) => ({ stream: { dict: {}, data: Buffer.from(text, 'latin1').toString('base64') } });
  /** One page, StructParents 5, its parent-tree entry two levels down a number tree with /Kids and /Limits. */
  const objects = (content: string) =>
    new PdfObjects({
      pages: [{ object: '3 0 R', contents: ['4 0 R'] }],
      qpdf: [
        {},
        {
          trailer: { value: { '/Root': '1 0 R' } },
          'obj:1 0 R': { value: { '/Type': '/Catalog', '/StructTreeRoot': '2 0 R', '/Lang': 'b:feff00640061' } },
          'obj:2 0 R': { value: { '/ParentTree': '5 0 R' } },
          'obj:3 0 R': { value: { '/Type': '/Page', '/StructParents': 5 } },
          'obj:4 0 R': stream(content),
          'obj:5 0 R': { value: { '/Kids': ['6 0 R', '7 0 R'] } },
          'obj:6 0 R': { value: { '/Limits': [0, 3], '/Nums': [0, ['8 0 R']] } },
          'obj:7 0 R': { value: { '/Limits': [4, 9], '/Kids': ['9 0 R'] } },
          'obj:8 0 R': { value: { '/S': '/P' } },
          'obj:9 0 R': { value: { '/Limits': [4, 9], '/Nums': [4, null, 5, ['8 0 R', null, '8 0 R']] } },
        },
      ],
    });

  it('finds the page’s entry in a parent tree with /Kids, and a null entry as no element', () => {
    expect(markedContentFindings(objects('/P <</MCID 0>> BDC (a) Tj EMC /P <</MCID 2>> BDC (b) Tj EMC'))).toEqual([]);
    const findings = markedContentFindings(objects('/P <</MCID 1>> BDC (a) Tj EMC /P <</MCID 3>> BDC (b) Tj EMC'));
    expect(findings).toEqual([expect.objectContaining({ rule: 'pdf/marked-content', page: 1 })]);
    expect(findings[0]?.message).toContain('MCID 1, 3');
  });

  it('names the first five pages with problems and sums up the rest in one finding', () => {
    const pages = [...Array(8).keys()].map((i) => ({ object: `${10 + i} 0 R`, contents: ['4 0 R'] }));
    const many = new PdfObjects({
      pages,
      qpdf: [
        {},
        {
          trailer: { value: { '/Root': '1 0 R' } },
          'obj:1 0 R': { value: { '/Type': '/Catalog' } },
          'obj:4 0 R': stream('BT (x) Tj ET'),
          ...Object.fromEntries(pages.map((page) => [`obj:${page.object}`, { value: { '/Type': '/Page' } }])),
        },
      ],
    });
    const findings = markedContentFindings(many);
    expect(findings.map((f) => f.page)).toEqual([1, 2, 3, 4, 5, undefined]);
    expect(findings[5]?.message).toMatch(/^problemer med mærket indhold også på 3 sider mere \(side 6, 7, 8\)/);
  });

  it('decodes PDF text strings in both of qpdf’s forms', () => {
    expect(pdfString(objects('').catalog?.['/Lang'])).toBe('da');
    expect(pdfString('u:da-DK')).toBe('da-DK');
    expect(pdfString('/Name')).toBeUndefined();
  });
});

describe('rule ids', () => {
  it('are all described in the README', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const missing: AccessRule[] = ACCESS_RULES.filter((rule) => !readme.includes(`\`${rule}\``));
    expect(missing).toEqual([]);
  });
});
