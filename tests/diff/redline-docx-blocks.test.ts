/**
 * The Word redline's blocks, from a comparison made by hand: whole lines and table rows that
 * exist in one version only, a removed clause, and code whose change spans lines. Every part is
 * well-formed XML, every revision carries the stamp, and the ids are unique and counted.
 */
import { describe, expect, it } from 'vitest';
import { redlineDocx } from '../../scripts/diff/redline-docx.ts';
import type { ChangedDocument, LineDiff, RevisionInfo } from '../../scripts/diff/types.ts';
import { assertWellFormed, docxParts } from '../emit-docx/docx-reader.ts';

const STAMP = { author: 'Kirsten Sørensen', date: '2026-02-24T12:00:00Z' };
const BASE: RevisionInfo = { label: 'aaaaaaa', sha: 'a'.repeat(40), description: 'main' };
const HEAD: RevisionInfo = { label: 'bbbbbbb', sha: 'b'.repeat(40), description: 'HEAD' };

const line = (status: LineDiff['status'], kind: LineDiff['kind'], ...cells: Array<Array<[op: 'equal' | 'insert' | 'delete', text: string]>>): LineDiff => ({
  status,
  kind,
  depth: 0,
  cells: cells.map((pieces) => pieces.map(([op, text]) => ({ op, text }))),
});

const DOC: ChangedDocument = {
  id: 'hsa-test',
  kind: 'hsa',
  name: 'Testaftale',
  file: 'agreements/test.yaml',
  kommuner: [{ kode: '350', navn: 'Lejre Kommune' }],
  author: 'Region Østdanmark',
  meta: {
    title: 'Testaftale',
    titleBlock: [],
    runningHeader: 'Testaftale',
    subject: 'Test',
    keywords: [],
    draft: true,
    date: '2026-02-24',
    kommuner: ['Lejre Kommune'],
    opgave: null,
    version: null,
    status: null,
  },
  fields: [{ path: 'titel', change: 'changed', before: 'Gammel', after: 'Ny' }],
  clauses: [
    {
      status: 'changed',
      depth: 2,
      before: '§ 1. Parter',
      after: '§ 1. Parter',
      heading: [{ op: 'equal', text: '§ 1. Parter' }],
      formatOnly: false,
      inserted: [],
      deleted: [],
      lines: [
        line('inserted', 'paragraph', [['insert', 'Nyt afsnit.']]),
        line('deleted', 'item', [['delete', 'Gammelt punkt']]),
        line('equal', 'row', [['equal', 'Ydelse']], [['equal', 'Ansvarlig']]),
        line('deleted', 'row', [['delete', 'Drift']], [['delete', 'Kommunen']]),
        line('inserted', 'row', [['insert', 'Tilsyn']], [['insert', 'Regionen']]),
        line('changed', 'code', [
          ['equal', 'a\n'],
          ['delete', 'b\nc'],
          ['insert', 'd'],
        ]),
      ],
    },
    {
      status: 'deleted',
      depth: 2,
      before: '§ 2. Udgår',
      after: null,
      heading: [{ op: 'delete', text: '§ 2. Udgår' }],
      formatOnly: false,
      inserted: [],
      deleted: [],
      lines: [line('deleted', 'paragraph', [['delete', 'Hele afsnittet.']])],
    },
  ],
};

describe('the Word redline, block by block', () => {
  it('marks whole lines, rows and clauses, with unique counted ids and the stamp on every revision', async () => {
    const bytes = await redlineDocx(DOC, BASE, HEAD, STAMP);
    const parts = docxParts(bytes);
    expect(assertWellFormed(parts)).toBeGreaterThan(5);
    const xml = parts.get('word/document.xml') ?? '';
    const marks = [...xml.matchAll(/<w:(ins|del) w:id="(\d+)" w:author="([^"]*)" w:date="([^"]*)"/g)];
    expect(marks.map((m) => Number(m[2]))).toEqual(marks.map((_, i) => i + 1));
    for (const m of marks) expect([m[3], m[4]]).toEqual([STAMP.author, STAMP.date]);
    // Rows one version has: the row itself is the revision (w:trPr), and so is its text.
    expect(xml).toMatch(
      /<w:trPr>(?:(?!<\/w:trPr>).)*<w:del [^>]*\/>(?:(?!<\/w:trPr>).)*<\/w:trPr>(?:(?!<\/w:tr>).)*<w:delText xml:space="preserve">Drift<\/w:delText>/,
    );
    expect(xml).toMatch(/<w:trPr>(?:(?!<\/w:trPr>).)*<w:ins [^>]*\/>(?:(?!<\/w:trPr>).)*<\/w:trPr>(?:(?!<\/w:tr>).)*<w:t xml:space="preserve">Tilsyn<\/w:t>/);
    // A deleted list item takes its marker with it.
    expect(xml).toMatch(
      /<w:del [^>]*><w:r>(?:<w:tab\/>)?<w:delText xml:space="preserve">•\s*<\/w:delText>(?:<w:tab\/>)?<\/w:r><\/w:del><w:del [^>]*><w:r><w:delText xml:space="preserve">Gammelt punkt/,
    );
    // A deleted clause: heading and paragraph marks deleted with their text (»§ 2« kept on one line).
    expect(xml).toMatch(/<w:rPr><w:del [^>]*\/><\/w:rPr><\/w:pPr><w:del [^>]*><w:r><w:delText xml:space="preserve">§\u00A02\. Udgår<\/w:delText>/);
    // Code: a deletion across lines is one revision per line, the break inside the second.
    expect(xml).toMatch(
      /<w:delText xml:space="preserve">b<\/w:delText><\/w:r><\/w:del><w:del [^>]*><w:r><w:br\/><w:delText xml:space="preserve">c<\/w:delText>/,
    );
    // The draft mark belongs to the document, not to its comparison.
    expect([...parts.values()].join('')).not.toContain('UDKAST');
    // The same comparison, the same bytes.
    expect(Buffer.from(await redlineDocx(DOC, BASE, HEAD, STAMP)).equals(Buffer.from(bytes))).toBe(true);
  });
});
