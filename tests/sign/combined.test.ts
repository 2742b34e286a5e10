/**
 * A kommune's combined PDF (scripts/emit/combined.ts): a contents page, then each document's
 * pages copied as sealed, bookmarks per document, working links, one seal of its own.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'mdast';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { combinedPdf, type CombinedJob } from '../../scripts/emit/combined.ts';
import { kommunerOf, renderedDocuments } from '../../scripts/kinds/index.ts';
import { bundleOrder } from '../../scripts/pipeline/bundle-order.ts';
import type { Doc } from '../../scripts/pipeline/plan.ts';
import { writePdf, type Seal } from '../../scripts/emit/pdf-file.ts';
import { loadSigningIdentity } from '../../scripts/sign/keys.ts';
import { verifyPdf } from '../../scripts/sign/verify.ts';
import { pdfText } from '../helpers/pdf-tools.ts';
import { REPO_ROOT } from '../helpers/repo.ts';
import { createTestPki, PASSPHRASE, type TestPki } from './pki.ts';
import { pdfsig, removeTempDirs, run, tempDir } from './tools.ts';

/** A body with `sections` numbered clauses of a few paragraphs each (six or more get a TOC). */
function body(title: string, sections: number): Root {
  return {
    type: 'root',
    children: Array.from({ length: sections }, (_, i) => [
      { type: 'heading' as const, depth: 2 as const, children: [{ type: 'text' as const, value: `§ ${i + 1}. ${title} afsnit ${i + 1}` }] },
      ...Array.from({ length: 4 }, () => ({
        type: 'paragraph' as const,
        children: [{ type: 'text' as const, value: `${title}: ${'Tekst om opgaveflyt og ansvar. '.repeat(12)}` }],
      })),
    ]).flat(),
  };
}

const TIME = new Date('2026-02-24T00:00:00Z');

function meta(title: string, toc: boolean) {
  return {
    title,
    runningHeader: title,
    titleBlock: [{ label: 'Version', value: '1' }],
    draft: false,
    toc,
    subject: title,
    keywords: ['test'],
    author: 'Region Østdanmark',
    date: TIME,
  };
}

let pki: TestPki;
let seal: Seal;
let job: CombinedJob;
let combined: Buffer;
let file: string;
let work: string;

beforeAll(async () => {
  pki = createTestPki();
  work = tempDir('combined');
  const identity = await loadSigningIdentity({ root: work, env: { AFTALER_SIGN_P12: pki.region.p12, AFTALER_SIGN_PASSPHRASE: PASSPHRASE } });
  seal = { identity, time: new Date(Date.now() + 60_000), reason: 'Forseglet af Region Østdanmark', location: 'Region Østdanmark' };
  const a = await writePdf(body('Samarbejdsaftale', 7), meta('Samarbejdsaftale om akutsygepleje', true), seal);
  const b = await writePdf(body('Delingsaftale', 2), meta('Delingsaftale', false), seal);
  job = {
    kommune: { kode: '316', navn: 'Holbæk Kommune' },
    members: [
      { name: 'Samarbejdsaftale om akutsygepleje', version: 'V1', awaits: '2 af 2 underskrifter mangler', pdf: a.bytes, pages: a.pages },
      { name: 'Delingsaftale', version: null, awaits: null, pdf: b.bytes, pages: b.pages },
    ],
    draft: false,
    author: 'Region Østdanmark',
    date: '2026-02-24',
  };
  combined = (await combinedPdf(job, seal)).bytes;
  file = path.join(work, 'samlet.pdf');
  writeFileSync(file, combined);
});
afterAll(removeTempDirs);

function pageText(from: number, to = from): string {
  return run('pdftotext', ['-layout', '-f', String(from), '-l', String(to), file, '-']).stdout;
}

describe('combined PDF', () => {
  it('has a contents page, then every member page in order, each as the member shows it', () => {
    const [a, b] = job.members;
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]).stdout)?.[1]);
    expect(pages).toBe(1 + a!.pages + b!.pages);
    const contents = pageText(1);
    expect(contents).toContain('Aftaler og sager for Holbæk Kommune');
    // What awaits the kommune's signatories, named with its number in the contents.
    expect(contents).toContain('Afventer kommunens underskrift (1)');
    expect(contents).toContain('1. Samarbejdsaftale om akutsygepleje: 2 af 2 underskrifter mangler');
    expect(contents).not.toMatch(/Delingsaftale: .*mangler/);
    expect(contents).toMatch(new RegExp(`1\\s+Samarbejdsaftale om akutsygepleje\\s+V1\\s+2–${1 + a!.pages}`));
    expect(contents).toMatch(new RegExp(`2\\s+Delingsaftale\\s+–\\s+${2 + a!.pages}(–${1 + a!.pages + b!.pages})?\\s`));
    // Each copied page carries the member's own footer: page x of its own count.
    expect(pageText(2)).toContain(`Side 1 af ${a!.pages}`);
    expect(pageText(2 + a!.pages)).toContain(`Side 1 af ${b!.pages}`);
    expect(pageText(2 + a!.pages)).toContain('Delingsaftale afsnit 1');
  });

  it('passes qpdf --check and carries exactly one signature, its own, valid', async () => {
    const check = run('qpdf', ['--check', file]);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout + check.stderr).not.toMatch(/warning|error:/i);
    const sig = pdfsig(file);
    expect(sig.match(/Signature #\d+:/g)).toHaveLength(1);
    expect(sig).toContain('Signature is Valid');
    expect(sig).toContain('Total document signed');
    expect(sig).toContain('ETSI.CAdES.detached');
    const verified = await verifyPdf(combined, { caPem: run('cat', [pki.region.caPem]).stdout });
    expect(verified).toMatchObject({ ok: true, chainTrusted: true });
  });

  it('bookmarks each member at its first page, with its own clauses below', () => {
    const outlines = JSON.parse(run('qpdf', ['--json', '--json-key=outlines', file]).stdout) as {
      outlines: Array<{ title: string; destpageposfrom1: number; kids: Array<{ title: string; destpageposfrom1: number }> }>;
    };
    const top = outlines.outlines.map((o) => [o.title, o.destpageposfrom1]);
    expect(top).toEqual([
      ['Indhold', 1],
      ['Samarbejdsaftale om akutsygepleje', 2],
      ['Delingsaftale', 2 + job.members[0]!.pages],
    ]);
    const clauses = outlines.outlines[1]!.kids;
    // Spaces as words: the PDF may keep »§ 1« together with a non-breaking space.
    expect(clauses.map((k) => k.title.replace(/\u00a0/g, ' '))).toEqual(Array.from({ length: 7 }, (_, i) => `§ ${i + 1}. Samarbejdsaftale afsnit ${i + 1}`));
    for (const k of clauses) expect(k.destpageposfrom1).toBeGreaterThanOrEqual(2);
    expect(clauses.at(-1)!.destpageposfrom1).toBeLessThanOrEqual(1 + job.members[0]!.pages);
  });

  it('re-points the member’s table-of-contents links at the copied pages', async () => {
    const doc = await PDFDocument.load(combined);
    const refs = doc.getPages().map((p) => p.ref);
    const targets: number[] = [];
    for (const page of doc.getPages()) {
      const annots = page.node.Annots();
      for (let i = 0; annots && i < annots.size(); i++) {
        const annot = annots.lookup(i, PDFDict);
        if (annot.get(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
        const dest = annot.lookupMaybe(PDFName.of('Dest'), PDFArray);
        const target = dest?.get(0);
        expect(target, 'every link has an explicit destination in this file').toBeInstanceOf(PDFRef);
        targets.push(refs.indexOf(target as PDFRef) + 1);
      }
    }
    // pdfmake links each part of a contents line (title, page number); the distinct targets are
    // the pages the member's clauses start on, as its bookmarks say.
    const outlines = JSON.parse(run('qpdf', ['--json', '--json-key=outlines', file]).stdout) as {
      outlines: Array<{ kids: Array<{ destpageposfrom1: number }> }>;
    };
    const clausePages = new Set(outlines.outlines[1]!.kids.map((k) => k.destpageposfrom1));
    expect(targets.length).toBeGreaterThanOrEqual(7);
    expect(new Set(targets)).toEqual(clausePages);
  });

  it('numbers its pages continuously from the contents page, as the contents list them', () => {
    const json = JSON.parse(run('qpdf', ['--json', '--json-key=pagelabels', file]).stdout) as {
      pagelabels: Array<{ index: number; label: Record<string, unknown> }>;
    };
    expect(json.pagelabels).toEqual([{ index: 0, label: { '/S': '/D', '/St': 1 } }]);
    // Page count matches the last number the contents page gives.
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]).stdout)?.[1]);
    expect(pageText(1)).toContain(`–${pages}`);
  });

  it('has its own document information: title, author, subject, keywords, date from the data, producer', () => {
    const info = run('pdfinfo', ['-isodates', file]).stdout;
    const field = (key: string) => new RegExp(`^${key}:\\s+(.*)$`, 'm').exec(info)?.[1];
    expect(field('Title')).toBe('Aftaler og sager for Holbæk Kommune');
    expect(field('Author')).toBe('Region Østdanmark');
    expect(field('Subject')).toBe('Horisontale samarbejdsaftaler, delingsaftaler og sager for Holbæk Kommune');
    expect(field('Keywords')).toBe('opgaveflyt 2027, Holbæk Kommune');
    expect(field('Producer')).toBe('aftaler (pdfmake/pdfkit, pdf-lib)');
    expect(field('CreationDate')).toMatch(/^2026-02-24T00:00:00(Z|\+00)/);
  });

  it('carries the same metadata as XMP, referenced from the catalogue', async () => {
    const doc = await PDFDocument.load(combined);
    expect(doc.catalog.get(PDFName.of('Metadata'))).toBeInstanceOf(PDFRef);
    const text = combined.toString('utf8');
    const packet = text.slice(text.indexOf('<x:xmpmeta'), text.indexOf('</x:xmpmeta>'));
    expect(packet.length).toBeGreaterThan(0);
    expect(packet).toContain('<rdf:li xml:lang="x-default">Aftaler og sager for Holbæk Kommune</rdf:li>');
    expect(packet).toContain('<rdf:li>Region Østdanmark</rdf:li>');
    expect(packet).toContain('Horisontale samarbejdsaftaler, delingsaftaler og sager for Holbæk Kommune');
    expect(packet).toContain('<xmp:CreateDate>2026-02-24T00:00:00Z</xmp:CreateDate>');
    expect(packet).toContain('<pdf:Producer>aftaler (pdfmake/pdfkit, pdf-lib)</pdf:Producer>');
    expect(packet).toContain('<pdf:Keywords>opgaveflyt 2027, Holbæk Kommune</pdf:Keywords>');
  });

  it('is byte-identical when made again', async () => {
    expect((await combinedPdf(job, seal)).bytes.equals(combined)).toBe(true);
  });

  it('keeps the members’ text: every word of a member appears in the combined text', () => {
    const all = pdfText(file);
    expect(all).toContain('§ 7. Samarbejdsaftale afsnit 7');
    expect(all).toContain('§ 2. Delingsaftale afsnit 2');
  });
});

describe('the order of a kommune’s bundle', () => {
  const doc = (kind: string, id: string, bilag: string[] = []) => ({ kind, data: { id, bilag: bilag.map((dokument) => ({ dokument })) } }) as unknown as Doc;

  it('puts each case first, then what its bilag list attaches in the list’s order, then the rest as given', () => {
    const docs = [doc('delingsaftale', 'd'), doc('hsa', 'b'), doc('anmodning', 'x'), doc('hsa', 'a'), doc('sag', 's', ['a', 'missing', 'b']), doc('hsa', 'c')];
    expect(bundleOrder(docs).map((d) => d.data.id)).toEqual(['s', 'a', 'b', 'd', 'x', 'c']);
    expect(bundleOrder(docs.slice().reverse()).map((d) => d.data.id)).toEqual(['s', 'a', 'b', 'c', 'x', 'd']);
  });

  it('orders Holbæk’s documents as case EMN-2025-10366 lists its bilag', async () => {
    const { repo } = await checkRepository(REPO_ROOT, { today: '2026-01-15' });
    const members = bundleOrder(renderedDocuments(repo).filter((d) => kommunerOf(repo, d).includes('316')));
    expect(members.map((d) => d.data.id)).toEqual([
      'sag-emn-2025-10366',
      'hsa-holbaek-sundheds-og-omsorgspladser',
      'hsa-holbaek-patientrettet-forebyggelse',
      'hsa-holbaek-akutsygepleje',
      'delingsaftale-holbaek',
    ]);
  });
});
