/** End-to-end: sample agreement → PDF, inspected with qpdf and poppler. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocDefinition, PDF_CREATOR, PDF_PRODUCER } from '../../scripts/emit/pdf/document.ts';
import { renderPdf } from '../../scripts/emit/pdf/render.ts';
import { PAGE_MARGINS } from '../../scripts/emit/pdf/styles.ts';
import { installOutlineWatermark } from '../../scripts/emit/pdf/watermark.ts';
import { parseMarkdown, SAMPLE_META, SAMPLE_MD } from './fixtures.ts';
import { largeWordsPerPage, pdfFonts, pdfInfo, pdfOutlines, pdfText, runTool, runToolBytes, writeTempPdf } from './pdf-tools.ts';

const here = dirname(fileURLToPath(import.meta.url));

describe('renderPdf (sample agreement, draft + TOC)', () => {
  let pdf: Buffer;
  let path: string;

  beforeAll(async () => {
    pdf = await renderPdf(buildDocDefinition(parseMarkdown(SAMPLE_MD), SAMPLE_META));
    path = writeTempPdf(pdf);
  });

  it('passes qpdf --check without warnings', () => {
    const result = runTool('qpdf', ['--check', path]);
    expect(result.status).toBe(0);
    expect(result.stdout + result.stderr).not.toMatch(/warning|error:/i);
  });

  it('embeds every font', () => {
    const fonts = pdfFonts(path);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font, font.name).toMatchObject({ embedded: true });
    expect(fonts.every((font) => font.name.includes('Roboto'))).toBe(true);
  });

  it('contains the expected text', () => {
    // Lines folded: the title wraps at the body width.
    const text = pdfText(path).replace(/\s+/g, ' ');
    for (const expected of [
      SAMPLE_META.title,
      'Side 1 af 3',
      'Side 3 af 3',
      'æøå ÆØÅ',
      '§ 3. Finansiering',
      'Indhold',
      'Akut sygeplejebesøg',
      'Kommunen',
      '3.900',
      'Takst (kr.)',
      'UDKAST',
      'Region Østdanmark og Holbæk Kommune',
      'RØ-2027-00042',
      'sundhed.dk',
      'Aftalen er underskrevet digitalt af begge parter.',
    ]) {
      expect(text).toContain(expected);
    }
    // The running header is on pages 2+ only.
    expect(pdfText(path, '-f', '2', '-l', '2')).toContain(SAMPLE_META.runningHeader);
    expect(pdfText(path, '-f', '1', '-l', '1')).not.toContain(SAMPLE_META.runningHeader);
  });

  it('draws the diagonal UDKAST mark on every page as outlines, not as text a reader or pdftotext picks up', () => {
    // The wrap of pdfmake's renderWatermark is in place (it warns and draws text if pdfmake changed).
    expect(installOutlineWatermark()).toBe(true);
    const pages = largeWordsPerPage(path, 40);
    expect(pages).toHaveLength(3);
    for (const words of pages) expect(words).toEqual([]);
    // The running header keeps its »UDKAST« as text; the scattered letters of the big mark are gone.
    expect(pdfText(path)).not.toMatch(/^\s*(UD|K|AS|T|UDK|KAST)\s*$/m);
    // Seen, though: each page as an image has the mark's colour (#a31d1d at 7 % on white) along its diagonal.
    for (const page of [1, 2, 3]) {
      const ppm = runToolBytes('pdftoppm', ['-r', '20', '-f', String(page), '-l', String(page), path]);
      expect(markPixels(ppm), `page ${page}`).toBeGreaterThan(100);
    }
  });

  it('writes the XMP stream with its one /Length, counting bytes (pdfkit adds a stray /length in characters)', () => {
    const objects = (
      JSON.parse(runTool('qpdf', ['--json', '--json-key=qpdf', path]).stdout) as {
        qpdf: [unknown, Record<string, { stream?: { dict: Record<string, unknown> } }>];
      }
    ).qpdf[1];
    const xmp = Object.values(objects).find((o) => o.stream?.dict['/Type'] === '/Metadata')?.stream?.dict;
    expect(xmp).toBeDefined();
    expect(xmp).not.toHaveProperty('/length');
    expect(typeof xmp?.['/Length']).toBe('number');
    // The sample's title block holds »æøå«, where characters and bytes differ.
    expect(runTool('qpdf', ['--check', path]).stdout).toContain('No syntax or stream encoding errors');
  });

  it('says in its XMP what the Info dictionary says: the modification date, and the language as dc:language', () => {
    const xmp = runTool('pdfinfo', ['-meta', path]).stdout;
    expect(xmp).toContain('<xmp:ModifyDate>2026-03-01T09:30:00Z</xmp:ModifyDate>');
    expect(xmp).toContain('<xmp:CreateDate>2026-03-01T09:30:00Z</xmp:CreateDate>');
    expect(xmp).toMatch(/<dc:language><rdf:Bag><rdf:li>da-DK<\/rdf:li><\/rdf:Bag><\/dc:language>/);
    expect(xmp.match(/<rdf:Description /g)?.length).toBe(xmp.match(/<\/rdf:Description>/g)?.length);
  });

  it('carries document metadata and language', () => {
    const info = pdfInfo(path);
    expect(info.get('Title')).toBe(SAMPLE_META.title);
    expect(info.get('Author')).toBe(SAMPLE_META.author);
    expect(info.get('Subject')).toBe(SAMPLE_META.subject);
    expect(info.get('Keywords')).toBe(SAMPLE_META.keywords.join(', '));
    expect(info.get('Creator')).toBe(PDF_CREATOR);
    expect(info.get('Producer')).toBe(PDF_PRODUCER);
    expect(info.get('CreationDate')).toMatch(/Mar\s+1 09:30:00 2026 UTC/);
    expect(info.get('ModDate')).toMatch(/Mar\s+1 09:30:00 2026 UTC/);
    expect(info.get('Page size')).toContain('(A4)');
    const objects = runTool('qpdf', ['--json', '--json-key=qpdf', path]);
    expect(objects.stdout).toContain('"/Lang": "u:da-DK"'); // catalog /Lang
    expect(runTool('pdfinfo', ['-meta', path]).stdout).toContain(SAMPLE_META.title); // XMP packet
  });

  it('has nested bookmarks pointing at the headings', () => {
    const outlines = pdfOutlines(path);
    expect(outlines.map((o) => o.title)).toEqual([
      '§ 1. Formål',
      '§ 2. Aftalens parter og ansvar',
      '§ 3. Finansiering',
      '§ 4. Ikrafttræden og opsigelse',
      '§ 5. Tvister',
    ]);
    expect(outlines[1]?.kids.map((o) => o.title)).toEqual(['2.1 Regionens ansvar', '2.2 Kommunens ansvar']);
    expect(outlines[2]?.kids.map((o) => o.title)).toEqual(['3.1 Betaling']);
    // Resolved through the named destination at the heading: XYZ with the body's left margin.
    const dest = outlines[0]?.dest;
    expect(Array.isArray(dest) && dest[1] === '/XYZ' && dest[2] === PAGE_MARGINS[0]).toBe(true);
  });

  it('is byte-identical when rendered again from the same definition', async () => {
    const def = buildDocDefinition(parseMarkdown(SAMPLE_MD), SAMPLE_META);
    const first = await renderPdf(def);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a wall-clock second must not matter
    const second = await renderPdf(def);
    expect(first.equals(second)).toBe(true);
    expect(first.equals(pdf)).toBe(true);
  });

  it('is byte-identical across processes and time zones', () => {
    const out = writeTempPdf(Buffer.alloc(0), 'other-process.pdf');
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'render-sample.ts'), out], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'Pacific/Kiritimati', LANG: 'C', LC_ALL: 'C' },
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(readFileSync(out).equals(pdf)).toBe(true);
  });

  it('calls beforeEnd with the unfinished pdfkit document', async () => {
    let calls = 0;
    const withHook = await renderPdf(buildDocDefinition(parseMarkdown(SAMPLE_MD), SAMPLE_META), {
      beforeEnd: async (doc) => {
        calls++;
        // Info is serialised in end(), so an entry added here proves the document was still open.
        (doc.info as unknown as Record<string, string>).HookRan = 'ja';
        await Promise.resolve();
      },
    });
    expect(calls).toBe(1);
    const hookPath = writeTempPdf(withHook);
    expect(runTool('pdfinfo', ['-custom', hookPath]).stdout).toMatch(/HookRan:\s+ja/);
  });
});

/** Pixels of a binary PPM (P6) in the mark's colour, #f9efef, give or take anti-aliasing. */
function markPixels(ppm: Buffer): number {
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a PPM');
  let count = 0;
  for (let i = header[0].length; i + 2 < ppm.length; i += 3) {
    const [r, g, b] = [ppm[i]!, ppm[i + 1]!, ppm[i + 2]!];
    if (Math.abs(r - 249) <= 3 && Math.abs(g - 239) <= 3 && Math.abs(b - 239) <= 3) count++;
  }
  return count;
}
