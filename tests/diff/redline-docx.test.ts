/**
 * The Word redline (npm run diff -- A B --docx DIR): every change a tracked change (w:ins/w:del)
 * with the commit's author and time, the changed fields first, accepting everything gives the new
 * text, valid against the OOXML schemas, the same bytes twice, and LibreOffice recognises the
 * revisions.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.ts';
import { NO_OFFICE, officeConvert, SOFFICE } from '../helpers/office.ts';
import { docxParts, normalise } from '../emit-docx/docx-reader.ts';
import { ooxmlErrors } from '../emit-docx/ooxml-validator.ts';
import { FILES, ScratchRepo } from './scratch-repo.ts';

const DOCX = 'hsa-lejre-akutsygepleje-aendringer.docx';
/** ScratchRepo's commits are by »Test« at this instant. */
const AUTHOR = 'Test';
const DATE = '2026-02-24T12:00:00Z';

interface Revision {
  kind: 'ins' | 'del';
  text: string;
  author: string | null;
  date: string | null;
}

/** Every run-level w:ins/w:del with its text (paragraph marks and rows carry none). */
function revisions(xml: string): Revision[] {
  const out: Revision[] = [];
  // Not the empty <w:ins/> of a paragraph mark: that one has no text and no closing tag.
  for (const m of xml.matchAll(/<w:(ins|del) ([^>]*[^/])>([\s\S]*?)<\/w:\1>/g)) {
    const [, kind, attributes = '', inner = ''] = m;
    const text = [...inner.matchAll(/<w:(?:t|delText)(?: [^>]*)?>([^<]*)<\/w:(?:t|delText)>/g)].map((t) => t[1]).join('');
    out.push({
      kind: kind as 'ins' | 'del',
      text,
      author: /w:author="([^"]*)"/.exec(attributes)?.[1] ?? null,
      date: /w:date="([^"]*)"/.exec(attributes)?.[1] ?? null,
    });
  }
  return out;
}

/** A line's text as one version reads it: its pieces without those of `leave` ('delete': the new version). */
function lineText(cells: Array<Array<{ op: string; text: string }>>, leave: 'insert' | 'delete'): string {
  return normalise(
    cells
      .map((pieces) =>
        pieces
          .filter((p) => p.op !== leave)
          .map((p) => p.text)
          .join(''),
      )
      .join(' '),
  );
}

describe('npm run diff -- --docx (Word redline with tracked changes)', () => {
  let repo: ScratchRepo;
  let out: string;
  let xml: string;
  let bytes: Buffer;
  let json: {
    changed: Array<{
      id: string;
      fields: Array<{ path: string }>;
      clauses: Array<{ inserted: string[]; deleted: string[]; lines: Array<{ status: string; cells: Array<Array<{ op: string; text: string }>> }> }>;
    }>;
  };

  beforeAll(async () => {
    repo = new ScratchRepo();
    out = mkdtempSync(path.join(tmpdir(), 'aftaler-redline-docx-'));
    // The later date breaks frist/hsa-ikrafttraeden; as a warning the run stays a clean one.
    writeFileSync(repo.path('.aftalerrc.json'), JSON.stringify({ rules: { 'frist/hsa-ikrafttraeden': 'warning' } }));
    repo.commitAll('Regel som advarsel');
    repo.git('checkout', '-q', '-b', 'aendring');
    repo.replace(FILES.hsaLejre, 'ikrafttraeden: 2027-01-01', 'ikrafttraeden: 2027-02-01');
    repo.replace(FILES.hsaLejre, '  aarligt_beloeb_kr: null', '  aarligt_beloeb_kr: 1234567');
    repo.commitAll('Ny dato og beløb');
    const r = await runInProcess('diff', ['--root', repo.root, '-q', 'main', 'HEAD', '--format', 'json', '--docx', path.join(out, 'a')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`diff: 1 Word-fil med registrerede ændringer skrevet i ${path.join(out, 'a')}`);
    json = JSON.parse(r.stdout) as typeof json;
    bytes = readFileSync(path.join(out, 'a', DOCX));
    xml = docxParts(bytes).get('word/document.xml') ?? '';
  }, 120_000);
  afterAll(() => {
    repo.remove();
    rmSync(out, { recursive: true, force: true });
  });

  it('writes one file per changed document', () => {
    expect(readdirSync(path.join(out, 'a'))).toEqual([DOCX]);
    expect(json.changed.map((d) => d.id)).toEqual(['hsa-lejre-akutsygepleje']);
  });

  it('holds exactly the changed words as w:del and w:ins runs, by the commit author at the commit time', () => {
    const found = revisions(xml);
    expect(found.length).toBeGreaterThan(0);
    for (const r of found) expect({ author: r.author, date: r.date }).toEqual({ author: AUTHOR, date: DATE });
    const deleted = found.filter((r) => r.kind === 'del').map((r) => normalise(r.text));
    const inserted = found.filter((r) => r.kind === 'ins').map((r) => normalise(r.text));
    // The same runs as the clause-aligned word diff reports, in reading order.
    const clauses = json.changed[0]?.clauses ?? [];
    expect(deleted).toEqual(clauses.flatMap((c) => c.deleted).map(normalise));
    expect(inserted).toEqual(clauses.flatMap((c) => c.inserted).map(normalise));
    // The key ones, spelled out: the month of the date, and the amount that was not set.
    expect(deleted).toContain('januar');
    expect(inserted).toContain('februar');
    // Hjemmel states the law's date, which the agreement's own date does not move.
    expect(deleted).toEqual([
      'januar',
      '(ikke fastsat)',
      'Beregnet seneste dato for evalueringen:',
      '(de første to år regnet fra ikrafttrædelsen den 1. januar 2027)',
      'januar',
    ]);
    expect(inserted).toEqual(['februar', '1.234.567 kr.', 'Evalueringen skal være gennemført senest', 'februar']);
    expect(inserted.some((i) => i.includes('1.234.567'))).toBe(true);
    // Dates and amounts do not wrap, inside a revision as in the document's own .docx.
    expect(xml).toContain('<w:t xml:space="preserve">1.234.567\u00A0kr.</w:t>');
    // Deletions are w:delText inside w:del, insertions w:t inside w:ins.
    for (const m of xml.matchAll(/<w:del [^>]*>([\s\S]*?)<\/w:del>/g)) expect(m[1]).not.toMatch(/<w:t[ >]/);
    for (const m of xml.matchAll(/<w:ins [^>]*>([\s\S]*?)<\/w:ins>/g)) expect(m[1]).not.toMatch(/<w:delText/);
    // Ids unique.
    const ids = [...xml.matchAll(/<w:(?:ins|del) w:id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('starts with the changed fields as a table', () => {
    const body = xml.slice(xml.indexOf('<w:body>'));
    const fields = body.indexOf('Ændrede felter');
    expect(fields).toBeGreaterThan(0);
    expect(body.indexOf('<w:ins ')).toBeGreaterThan(fields);
    for (const f of json.changed[0]?.fields ?? []) expect(body).toContain(f.path);
    expect(body).toContain('finansiering.aarligt_beloeb_kr');
    // Its values as the documents word them: a date, an amount, »(ikke fastsat)« for none.
    const table = body.slice(fields, body.indexOf('<w:ins '));
    for (const text of ['1. januar 2027', '1. februar 2027', '(ikke fastsat)', '1.234.567 kr.'])
      expect(table.replace(/\u00A0/g, ' ')).toContain(`>${text}</w:t>`);
  });

  it('reads as the new version when every change is accepted (mammoth leaves deletions out)', async () => {
    const accepted = normalise((await mammoth.extractRawText({ buffer: bytes })).value);
    const lines = json.changed[0]?.clauses.flatMap((c) => c.lines) ?? [];
    // Every line of the new version is there, as it reads now; no changed line as it read before.
    for (const l of lines.filter((l) => l.status !== 'deleted')) expect(accepted).toContain(lineText(l.cells, 'delete'));
    for (const l of lines.filter((l) => l.status === 'changed')) expect(accepted).not.toContain(lineText(l.cells, 'insert'));
    expect(accepted).toContain('Ikrafttræden: 1. februar 2027');
    expect(accepted).toContain('Årligt beløb: 1.234.567 kr.');
  });

  it('reads as the old version when every change is rejected', async () => {
    // Rejecting: insertions go, deletions come back as ordinary text.
    const rejectedXml = xml
      .replace(/<w:ins [^>]*[^/]>[\s\S]*?<\/w:ins>/g, '')
      .replace(/<w:del [^>]*[^/]>([\s\S]*?)<\/w:del>/g, '$1')
      .replace(/<w:delText\b/g, '<w:t')
      .replace(/<\/w:delText>/g, '</w:t>');
    const entries = unzipSync(bytes);
    const rejected = normalise(
      (await mammoth.extractRawText({ buffer: Buffer.from(zipSync({ ...entries, 'word/document.xml': strToU8(rejectedXml) })) })).value,
    );
    const lines = json.changed[0]?.clauses.flatMap((c) => c.lines) ?? [];
    for (const l of lines.filter((l) => l.status !== 'inserted')) expect(rejected).toContain(lineText(l.cells, 'insert'));
    for (const l of lines.filter((l) => l.status === 'changed')) expect(rejected).not.toContain(lineText(l.cells, 'delete'));
    expect(rejected).toContain('Ikrafttræden: 1. januar 2027');
    expect(rejected).toContain('Årligt beløb: (ikke fastsat)');
  });

  it('is valid against the OOXML schemas, for Microsoft 365 and for Word 2007', async () => {
    expect(await ooxmlErrors(bytes)).toEqual([]);
    expect(await ooxmlErrors(bytes, 'Office2007')).toEqual([]);
  }, 60_000);

  it('writes the same bytes for the same comparison', async () => {
    const r = await runInProcess('diff', ['--root', repo.root, '-q', 'main', 'HEAD', '--docx', path.join(out, 'b')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(out, 'b', DOCX)).equals(bytes)).toBe(true);
  });

  it('attributes the working tree to git user.name (»arbejdskopi« without one), dated SOURCE_DATE_EPOCH or else as HEAD', async () => {
    repo.replace(FILES.hsaLejre, 'aarligt_beloeb_kr: 1234567', 'aarligt_beloeb_kr: 7654321');
    try {
      const stamps = async (dir: string, epoch: string | null = '1772020800') => {
        const r = await runInProcess('diff', ['--root', repo.root, '-q', 'HEAD', '--docx', path.join(out, dir)], { SOURCE_DATE_EPOCH: epoch ?? undefined });
        expect(r.code, r.stderr).toBe(0);
        const found = revisions(docxParts(readFileSync(path.join(out, dir, DOCX))).get('word/document.xml') ?? '');
        expect(found.map((f) => f.text)).toEqual(['1.234.567', '7.654.321']);
        return new Set(found.map((f) => `${f.author ?? ''} ${f.date ?? ''}`));
      };
      repo.git('config', 'user.name', 'Kirsten Sørensen');
      expect(await stamps('named')).toEqual(new Set(['Kirsten Sørensen 2026-02-25T12:00:00Z']));
      // Without SOURCE_DATE_EPOCH the working tree is dated as HEAD is: the same tree, the same file.
      expect(await stamps('head-time', null)).toEqual(new Set([`Kirsten Sørensen ${DATE}`]));
      // An empty name here hides the machine's own, as if none were set: no person is made up.
      repo.git('config', 'user.name', '');
      expect(await stamps('unnamed')).toEqual(new Set(['arbejdskopi 2026-02-25T12:00:00Z']));
    } finally {
      repo.git('config', '--unset', 'user.name');
      repo.git('checkout', '-q', '--', FILES.hsaLejre);
    }
  }, 120_000);

  it('attributes each document’s changes to the authors of the commits that made them, not the last committer', async () => {
    repo.git('checkout', '-q', '-b', 'to-forfattere', 'main');
    try {
      repo.replace(FILES.hsaLejre, '  aarligt_beloeb_kr: null', '  aarligt_beloeb_kr: 1234567');
      repo.commitAll('Lejre: beløb', { name: 'Anna Jurist', date: '2026-02-25T09:00:00Z' });
      repo.replace(FILES.hsaHolbaek, '  aarligt_beloeb_kr: null', '  aarligt_beloeb_kr: 7654321');
      repo.commitAll('Holbæk: beløb', { name: 'Bo Sekretær', date: '2026-02-26T10:00:00Z' });
      const stamps = async (dir: string) => {
        const r = await runInProcess('diff', ['--root', repo.root, '-q', 'main', 'HEAD', '--docx', path.join(out, dir)]);
        expect(r.code, r.stderr).toBe(0);
        const of = (id: string) =>
          new Set(
            revisions(docxParts(readFileSync(path.join(out, dir, `${id}-aendringer.docx`))).get('word/document.xml') ?? '').map(
              (f) => `${f.author ?? ''} ${f.date ?? ''}`,
            ),
          );
        return { lejre: of('hsa-lejre-akutsygepleje'), holbaek: of('hsa-holbaek-akutsygepleje') };
      };
      expect(await stamps('authors')).toEqual({
        lejre: new Set(['Anna Jurist 2026-02-25T09:00:00Z']),
        holbaek: new Set(['Bo Sekretær 2026-02-26T10:00:00Z']),
      });
      // A template change reaches both documents: its author is named on both, and its time dates them.
      repo.replace(FILES.hsaTemplate, '## Formål', '## Aftalens formål');
      repo.commitAll('Skabelon: overskrift', { name: 'Carl Udvikler', date: '2026-02-27T11:00:00Z' });
      expect(await stamps('template')).toEqual({
        lejre: new Set(['Anna Jurist, Carl Udvikler 2026-02-27T11:00:00Z']),
        holbaek: new Set(['Bo Sekretær, Carl Udvikler 2026-02-27T11:00:00Z']),
      });
    } finally {
      repo.git('checkout', '-q', 'aendring');
    }
  }, 120_000);

  it('marks a paragraph that only the new version has as inserted, its paragraph mark included', async () => {
    repo.replace(FILES.hsaTemplate, '{{md formaal}}\n', '{{md formaal}}\n\nEt helt nyt afsnit om formålet.\n');
    try {
      const r = await runInProcess('diff', ['--root', repo.root, '-q', 'HEAD', '--docx', path.join(out, 'paragraph')], { SOURCE_DATE_EPOCH: '1772020800' });
      expect(r.code, r.stderr).toBe(0);
      const docx = readFileSync(path.join(out, 'paragraph', DOCX));
      const body = docxParts(docx).get('word/document.xml') ?? '';
      expect(revisions(body).map((f) => [f.kind, f.text])).toEqual([['ins', 'Et helt nyt afsnit om formålet.']]);
      // Accepting the insertion keeps the paragraph; rejecting it leaves no empty one behind.
      expect(body).toMatch(
        /<w:pPr>(?:(?!<\/w:pPr>).)*<w:rPr><w:ins w:id="\d+" w:author="[^"]+" w:date="2026-02-25T12:00:00Z"\/><\/w:rPr><\/w:pPr><w:ins [^>]*><w:r><w:t xml:space="preserve">Et helt nyt afsnit/,
      );
      expect(normalise((await mammoth.extractRawText({ buffer: docx })).value)).toContain('Et helt nyt afsnit om formålet.');
      expect(await ooxmlErrors(docx)).toEqual([]);
    } finally {
      repo.git('checkout', '-q', '--', FILES.hsaTemplate);
    }
  }, 120_000);

  it('is shown by LibreOffice as tracked changes', (context) => {
    if (SOFFICE === undefined) {
      context.skip(NO_OFFICE);
      return;
    }
    const converted = path.join(out, 'fodt');
    const r = officeConvert(path.join(out, 'a', DOCX), 'fodt', converted);
    expect(r.status, r.stderr).toBe(0);
    const fodt = readFileSync(path.join(converted, DOCX.replace(/\.docx$/, '.fodt')), 'utf8');
    const regions = fodt.match(/<text:changed-region /g) ?? [];
    const insertions = fodt.match(/<text:insertion>/g) ?? [];
    const deletions = fodt.match(/<text:deletion>/g) ?? [];
    const found = revisions(xml);
    expect(insertions.length).toBe(found.filter((f) => f.kind === 'ins').length);
    expect(deletions.length).toBe(found.filter((f) => f.kind === 'del').length);
    expect(regions.length).toBe(found.length);
    expect(fodt).toContain(`<dc:creator>${AUTHOR}</dc:creator>`);
  }, 120_000);
});
