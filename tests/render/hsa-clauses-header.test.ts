/**
 * An HSA as a kommunal jurist reads it (issue 16): the evaluation and notice clauses quote the
 * sources' wording (»i løbet af de første to år«, »med et varsel på ni måneder«) while the data's
 * numbers still drive them, the computed evaluation date says it is computed, and the running
 * header names the opgave, the DokID and the agreement's place as a bilag of its case, in two
 * lines that each fit at the header's size.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countInWords } from '../../scripts/basics/number-words.ts';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { writePdf } from '../../scripts/emit/pdf-file.ts';
import { hsa } from '../../scripts/kinds/hsa.ts';
import type { Repository } from '../../scripts/model/repository.ts';
import type { SourceDocument } from '../../scripts/model/source-document.ts';
import { renderDocument, type RenderedDocument } from '../../scripts/render/render-document.ts';
import { loadTemplates } from '../../scripts/render/templates.ts';
import { tool } from '../helpers/pdf-tools.ts';
import { RepoCopy } from '../helpers/repo.ts';

const DIR = 'agreements/midt-og-vestsjaelland';
const LEJRE = 'hsa-lejre-akutsygepleje';
const HOLBAEK = `${DIR}/holbaek/hsa-holbaek-patientrettet-forebyggelse.yaml`;
const SAG = `${DIR}/sag-emn-2025-10366.yaml`;

const pageLines = (file: string, page: number) =>
  tool('pdftotext', ['-enc', 'UTF-8', '-layout', '-f', String(page), '-l', String(page), file, '-'])
    .stdout.split('\n')
    .map((l) => l.trim().replace(/\s{2,}/g, ' | '));

describe('countInWords', () => {
  it('writes 1–12 in words, other counts in digits', () => {
    expect(countInWords(1, 'måned', 'måneder')).toBe('én måned');
    expect(countInWords(2, 'år', 'år')).toBe('to år');
    expect(countInWords(9, 'måned', 'måneder')).toBe('ni måneder');
    expect(countInWords(12, 'måned', 'måneder')).toBe('tolv måneder');
    expect(countInWords(18, 'måned', 'måneder')).toBe('18 måneder');
    expect(countInWords(0, 'måned', 'måneder')).toBe('0 måneder');
  });
});

describe('HSA clauses and running header', () => {
  const repo = new RepoCopy(['agreements', 'schemas', 'templates']);
  let data: Repository;
  const render = (id: string): RenderedDocument => renderDocument(data, loadTemplates(repo.root), data.byId(id) as SourceDocument<'hsa'>);

  beforeAll(async () => {
    // One agreement with other numbers than the sources': a shorter notice, an earlier evaluation.
    const text = repo.read(HOLBAEK);
    repo.write(HOLBAEK, text.replace('varsel_maaneder: 9', 'varsel_maaneder: 6').replace('senest: 2028-12-31', 'senest: 2028-06-30'));
    ({ repo: data } = await checkRepository(repo.root, { today: '2026-01-15' }));
  });
  afterAll(() => repo.remove());

  it('quotes the notice as the Q&A writes it, from the data’s number', () => {
    expect(render(LEJRE).markdown).toContain('## § 13. Opsigelse\n\nAftalen kan opsiges med et varsel på ni måneder. Begge parter kan opsige aftalen.\n');
    expect(render('hsa-holbaek-patientrettet-forebyggelse').markdown).toContain('Aftalen kan opsiges med et varsel på seks måneder.');
  });

  it('keeps the source’s »i løbet af de første to år« and shows the date as computed from it', () => {
    const md = render(LEJRE).markdown;
    expect(md).toContain('evalueres af kommunen og regionen i løbet af de første to år');
    expect(md).toContain('Beregnet seneste dato for evalueringen: 31. december 2028 (de første to år regnet fra ikrafttrædelsen den 1. januar 2027).');
    expect(md).not.toContain('Evalueringen skal være gennemført');
  });

  it('states a date the parties set otherwise as theirs, not as computed', () => {
    const md = render('hsa-holbaek-patientrettet-forebyggelse').markdown;
    expect(md).toContain('Evalueringen skal være gennemført senest 30. juni 2028.');
    expect(md).not.toContain('Beregnet seneste dato');
  });

  it('names opgave, DokID and the bilag number of the case in the header', () => {
    const { meta } = render(LEJRE);
    expect(meta.runningHeader).toBe('Horisontal samarbejdsaftale · Akutsygepleje · Lejre Kommune');
    expect(meta.runningSubheader).toEqual({ left: 'DokID 12718917 · V20260224 · Rekonstrueret tekst', right: 'Bilag 3c til punkt 3, EMN-2025-10366' });
    // The header's case is an input of the agreement.
    const doc = data.byId(LEJRE) as SourceDocument<'hsa'>;
    expect(hsa.reads(data, doc).map((d) => d.file)).toContain(SAG);
  });

  it('gives a delingsaftale no case lists the same two lines, without a place', () => {
    const { meta } = renderDocument(data, loadTemplates(repo.root), data.byId('delingsaftale-lejre') as SourceDocument<'delingsaftale'>);
    expect(meta.runningHeader).toBe('Delingsaftale · Lejre Kommune');
    expect(meta.runningSubheader).toMatchObject({ left: expect.stringMatching(/Rekonstrueret tekst$/) as unknown, right: null });
  });

  it('prints both header lines on one line each in the PDF, from page 2 on', async () => {
    const { meta, body } = render(LEJRE);
    const pdf = await writePdf(body, { ...meta, toc: false, author: 'Region Østdanmark', date: new Date('2026-02-24T00:00:00Z') });
    const file = path.join(repo.root, 'lejre.pdf');
    writeFileSync(file, pdf.bytes);
    const lines = pageLines(file, 2);
    expect(lines[0]).toBe('Horisontal samarbejdsaftale · Akutsygepleje · Lejre Kommune | UDKAST');
    expect(lines[1]).toBe('DokID 12718917 · V20260224 · Rekonstrueret tekst | Bilag 3c til punkt 3, EMN-2025-10366');
    expect(pageLines(file, 1).join('\n')).not.toContain('Bilag 3c til punkt 3');
  });

  it('leaves the place out for an agreement no case lists', async () => {
    const before = repo.read(SAG);
    repo.write(SAG, before.replace(/^ {2}- dokument: hsa-lejre-akutsygepleje\n(?: {4}.*\n)*/m, ''));
    try {
      const { repo: without } = await checkRepository(repo.root, { today: '2026-01-15' });
      const { meta } = renderDocument(without, loadTemplates(repo.root), without.byId(LEJRE) as SourceDocument<'hsa'>);
      expect(meta.runningSubheader).toEqual({ left: 'DokID 12718917 · V20260224 · Rekonstrueret tekst', right: null });
    } finally {
      repo.write(SAG, before);
      ({ repo: data } = await checkRepository(repo.root, { today: '2026-01-15' }));
    }
  });
});
