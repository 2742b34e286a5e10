/**
 * Font tables are decoded once per process (scripts/emit/pdf/shared-fonts.ts); a PDF must not
 * depend on what was rendered before it. Roboto draws U+03A9 (Greek Omega) and U+2126 (Ohm sign)
 * with one glyph: had the glyph objects been shared too, a document with »Ω« rendered after one
 * with »Ω« would map that glyph back to the wrong character in its text layer.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDocDefinition } from '../../scripts/emit/pdf/document.ts';
import { embeddedFontProblem, pdfmakeDocumentProblem, pdfmakeProblem, sharingOffWarning, sharingWanted } from '../../scripts/emit/pdf/font-sharing-guard.ts';
import { renderPdf } from '../../scripts/emit/pdf/render.ts';
import { fontSharing, forgetFontTables } from '../../scripts/emit/pdf/shared-fonts.ts';
import { parseMarkdown, SAMPLE_MD, SAMPLE_META } from './fixtures.ts';
import { pdfText, writeTempPdf } from './pdf-tools.ts';

const OMEGA = '\u03A9';
const OHM = '\u2126';

function render(markdown: string): Promise<Buffer> {
  return renderPdf(buildDocDefinition(parseMarkdown(markdown), SAMPLE_META));
}

describe('fonts shared across documents', () => {
  it('gives the same bytes cold and after other documents', async () => {
    const ohmDoc = `# Modstand\n\nEnheden er ${OHM} (ohm), **fed ${OHM}** og *kursiv ${OHM}*.\n`;
    const omegaDoc = `# Græsk\n\nBogstavet er ${OMEGA} (omega), **fed ${OMEGA}** og *kursiv ${OMEGA}*.\n`;

    forgetFontTables();
    const cold = await render(ohmDoc);
    await render(omegaDoc);
    forgetFontTables();
    await render(omegaDoc);
    const warm = await render(ohmDoc);

    expect(warm.equals(cold)).toBe(true);
    const text = pdfText(writeTempPdf(warm, 'ohm.pdf'));
    expect(text).toContain(`Enheden er ${OHM}`);
    expect(text).not.toContain(OMEGA);
  });

  it('replays shaped words only as a fresh layout would make them (same words, other order)', async () => {
    // Shaped words are cached per process; a word whose glyph first came from the other code
    // point must not carry that code point into a document that met it the other way round.
    const first = `# Tegn\n\n${OMEGA} ${OHM} fil ${OMEGA}-fil ${OHM}-fil offentlig.\n`;
    const second = `# Tegn\n\n${OHM} ${OMEGA} fil ${OHM}-fil ${OMEGA}-fil offentlig.\n`;
    forgetFontTables();
    const cold = await render(second);
    forgetFontTables();
    await render(first);
    const warm = await render(second);
    expect(warm.equals(cold)).toBe(true);
    // pdfkit maps a glyph to one character per document, the first it met: here the ohm sign,
    // as this document has it first — not the omega the earlier document met first.
    expect(pdfText(writeTempPdf(warm, 'second.pdf'))).toContain(`${OHM} ${OHM} fil`);
  });

  it('decodes each font file once: later documents use the same table store', async () => {
    const doc = `# Tekst\n\nOrd med æøå, **fed** og *kursiv*.\n`;
    const storesOf = async (): Promise<unknown[]> => {
      let stores: unknown[] = [];
      await renderPdf(buildDocDefinition(parseMarkdown(doc), SAMPLE_META), {
        beforeEnd(pdf) {
          // pdfkit internals: the document's embedded fonts and their fontkit fonts.
          const families = (pdf as unknown as { _fontFamilies: Record<string, { font: { _tables: unknown } }> })._fontFamilies;
          stores = Object.keys(families)
            .sort()
            .map((name) => families[name]!.font._tables);
        },
      });
      return stores;
    };
    forgetFontTables();
    const first = await storesOf();
    const second = await storesOf();
    expect(first.length).toBeGreaterThanOrEqual(3); // regular, bold, italic
    // Identity, not equality: comparing decoded font tables deeply would take seconds.
    expect(second.map((store, i) => store === first[i])).toEqual(first.map(() => true));
    forgetFontTables();
    const fresh = await storesOf();
    expect(fresh.map((store, i) => store === first[i])).toEqual(first.map(() => false));
  });
});

const moduleUrl = (relative: string): string => new URL(relative, import.meta.url).href;

/**
 * A fresh process that renders the sample document after one that meets Ω/Ω (so the sample is
 * shaped warm when sharing is on), and prints what it made. Sharing is decided per process,
 * hence one process per setting. `simulateChange` gives fontkit's fonts an own `getGlyph`, as an
 * upgrade that moved the method onto the instance would.
 */
const RENDER_SCRIPT = `
const { buildDocDefinition } = await import(${JSON.stringify(moduleUrl('../../scripts/emit/pdf/document.ts'))});
const { renderPdf } = await import(${JSON.stringify(moduleUrl('../../scripts/emit/pdf/render.ts'))});
const { fontSharing } = await import(${JSON.stringify(moduleUrl('../../scripts/emit/pdf/shared-fonts.ts'))});
const { parseMarkdown, SAMPLE_MD, SAMPLE_META } = await import(${JSON.stringify(moduleUrl('./fixtures.ts'))});
if (process.argv.includes('simulate-change')) {
  const { createRequire } = await import('node:module');
  const PDFDocument = createRequire(${JSON.stringify(import.meta.url)})('pdfmake/js/PDFDocument.js').default;
  const provideFont = PDFDocument.prototype.provideFont;
  PDFDocument.prototype.provideFont = function (...args) {
    const embedded = provideFont.apply(this, args);
    const font = embedded.font;
    if (!Object.hasOwn(font, 'getGlyph')) font.getGlyph = Object.getPrototypeOf(font).getGlyph.bind(font);
    return embedded;
  };
}
const render = (md) => renderPdf(buildDocDefinition(parseMarkdown(md), SAMPLE_META));
const first = await render('# Tegn\\n\\n\\u2126 \\u03a9 fil \\u2126-fil offentlig. Æblegrød og **fed** *kursiv*.\\n');
const second = await render(SAMPLE_MD);
process.stdout.write(JSON.stringify({ sharing: fontSharing(), pdfs: [first.toString('base64'), second.toString('base64')] }));
`;

/** Each spawned process gets its own temporary folder (the once-per-process warning marks it). */
const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function renderInProcess(env: Record<string, string | undefined>, ...args: string[]) {
  const tmp = mkdtempSync(join(tmpdir(), 'font-sharing-'));
  scratch.push(tmp);
  const { AFTALER_FONT_SHARING: _drop, ...inherited } = process.env;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', RENDER_SCRIPT, '--', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...inherited, TMPDIR: tmp, ...env },
  });
  expect(child.status, child.stderr).toBe(0);
  const { sharing, pdfs } = JSON.parse(child.stdout) as { sharing: unknown; pdfs: string[] };
  return { sharing, stderr: child.stderr, pdfs: pdfs.map((b64) => Buffer.from(b64, 'base64')), tmp };
}

describe('font sharing can be turned off, and turns itself off when pdfmake/fontkit change', () => {
  it('renders byte-identical PDFs with sharing on and off (AFTALER_FONT_SHARING=0), without a warning', () => {
    const on = renderInProcess({});
    const off = renderInProcess({ AFTALER_FONT_SHARING: '0' });
    expect(on.sharing).toEqual({ on: true });
    expect(off.sharing).toEqual({ on: false });
    expect(on.stderr).toBe('');
    expect(off.stderr).toBe('');
    expect(on.pdfs).toHaveLength(2);
    on.pdfs.forEach((pdf, i) => expect(pdf.equals(off.pdfs[i]!), `document ${i + 1}`).toBe(true));
  });

  it('falls back to plain rendering, with exactly one warning, when a patched member changed shape', () => {
    const changed = renderInProcess({}, 'simulate-change');
    const off = renderInProcess({ AFTALER_FONT_SHARING: '0' });
    const reason = 'fontkit-fonten.getGlyph er ikke en metode på prototypen';
    expect(changed.sharing).toEqual({ on: false, reason });
    expect(changed.stderr).toBe(sharingOffWarning(reason));
    expect(changed.stderr).toMatch(
      /^Advarsel: fontdelingen er slået fra, fordi pdfmake\/fontkit ikke har den forventede form \(.+\); dokumenterne dannes langsommere, men ens\.\n$/,
    );
    changed.pdfs.forEach((pdf, i) => expect(pdf.equals(off.pdfs[i]!), `document ${i + 1}`).toBe(true));
  });

  it('warns once per process, though every rendering thread checks on its own', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'font-sharing-'));
    scratch.push(tmp);
    const guard = moduleUrl('../../scripts/emit/pdf/font-sharing-guard.ts');
    const inWorker = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(guard)}); }).then((m) => m.warnSharingOff('prøve'));`;
    const script = `
      const { Worker } = await import('node:worker_threads');
      const { once } = await import('node:events');
      const { warnSharingOff } = await import(${JSON.stringify(guard)});
      const workers = [1, 2, 3].map(() => new Worker(${JSON.stringify(inWorker)}, { eval: true }));
      warnSharingOff('prøve');
      await Promise.all(workers.map((w) => once(w, 'exit')));
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, TMPDIR: tmp },
    });
    expect(child.status, child.stderr).toBe(0);
    expect(child.stderr).toBe(sharingOffWarning('prøve'));
    expect(readdirSync(tmp).filter((name) => name.startsWith('aftaler-fontdeling-'))).toHaveLength(1);
  });

  it('reads AFTALER_FONT_SHARING=0 as off and anything else as on', () => {
    expect(sharingWanted({})).toBe(true);
    expect(sharingWanted({ AFTALER_FONT_SHARING: '1' })).toBe(true);
    expect(sharingWanted({ AFTALER_FONT_SHARING: '0' })).toBe(false);
    expect(sharingWanted({ AFTALER_FONT_SHARING: ' 0\n' })).toBe(false);
  });

  it('accepts the installed pdfmake and fontkit', async () => {
    const PDFDocument = (createRequire(import.meta.url)('pdfmake/js/PDFDocument.js') as { default: unknown }).default;
    expect(pdfmakeProblem(PDFDocument)).toBeUndefined();
    // The real instances, caught as the sharing layer sees them.
    let problems: Array<string | undefined> = [];
    await renderPdf(buildDocDefinition(parseMarkdown(SAMPLE_MD), SAMPLE_META), {
      beforeEnd(pdf) {
        const families = (pdf as unknown as { _fontFamilies: Record<string, unknown> })._fontFamilies;
        problems = [pdfmakeDocumentProblem(pdf), ...Object.values(families).map(embeddedFontProblem)];
      },
    });
    expect(problems.length).toBeGreaterThan(1);
    expect(problems).toEqual(problems.map(() => undefined));
    expect(fontSharing()).toEqual({ on: true });
  });

  it('fails closed: a missing or reshaped member is named as the reason', () => {
    const fn = (): void => undefined;
    class Fine {
      provideFont = fn;
      getFontType = fn;
      getFontFile = fn;
    }
    const classWith = (members: Record<string, unknown>) => Object.assign(function PDFDocument() {}, { prototype: members });
    expect(pdfmakeProblem(undefined)).toBe('pdfmake/js/PDFDocument.js mangler');
    expect(pdfmakeProblem(classWith(Object.fromEntries(Object.entries(new Fine()))))).toBeUndefined();
    expect(pdfmakeProblem(classWith({ getFontType: fn, getFontFile: fn }))).toBe('PDFDocument.provideFont mangler');
    expect(pdfmakeProblem(classWith({ provideFont: {}, getFontType: fn, getFontFile: fn }))).toBe('PDFDocument.provideFont er ikke en funktion');

    const vfs = { existsSync: fn, readFileSync: fn };
    expect(pdfmakeDocumentProblem({ fontCache: {}, virtualfs: vfs })).toBeUndefined();
    expect(pdfmakeDocumentProblem({ fontCache: {}, virtualfs: null })).toBeUndefined();
    expect(pdfmakeDocumentProblem({ virtualfs: vfs })).toBe('PDFDocument.fontCache mangler');
    expect(pdfmakeDocumentProblem({ fontCache: {}, virtualfs: { existsSync: fn } })).toBe('PDFDocument.virtualfs.readFileSync mangler');

    const fontProto = { layout: fn, glyphsForString: fn, getGlyph: fn };
    const font = (own: Record<string, unknown>) => Object.assign(Object.create(fontProto) as object, own);
    expect(embeddedFontProblem({ font: font({ _tables: {} }) })).toBeUndefined();
    expect(embeddedFontProblem({})).toBe('pdfkit-fonten.font mangler');
    expect(embeddedFontProblem({ font: font({}) })).toBe('fontkit-fonten._tables mangler');
    expect(embeddedFontProblem({ font: font({ _tables: new Map() }) })).toBeUndefined();
    const lazyTables = Object.defineProperty(font({}), '_tables', { get: () => ({}) });
    expect(embeddedFontProblem({ font: lazyTables })).toBe('fontkit-fonten._tables er ikke et almindeligt objekt på fonten');
    expect(embeddedFontProblem({ font: font({ _tables: {}, getGlyph: fn }) })).toBe('fontkit-fonten.getGlyph er ikke en metode på prototypen');
    expect(embeddedFontProblem({ font: font({ _tables: {}, layout: 'x' }) })).toBe('fontkit-fonten.layout er ikke en funktion');
  });
});
