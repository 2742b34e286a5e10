/**
 * measure-once.ts keeps each text's measurement across pdfmake's layout attempts. Each case runs
 * in a process of its own, since the wrap is installed once per thread: the same documents with
 * the wrap and without it (AFTALER_MEASURE_ONCE=0) must give the same bytes, and with it the
 * texts of a document laid out more than once must be measured fewer times.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const moduleUrl = (relative: string): string => new URL(relative, import.meta.url).href;

/** Sections whose headings land at page ends, so keep-with-heading asks for new attempts. */
const LONG_MD = Array.from(
  { length: 24 },
  (_, i) =>
    `## § ${i + 1}. Afsnit ${i + 1}\n\n${'Parterne samarbejder om opgaven og orienterer hinanden løbende om ændringer i driften. '.repeat(4 + (i % 5))}\n\n- Første punkt ${i}\n- Andet punkt ${i}\n`,
).join('\n');

const SCRIPT = `
const { createRequire } = await import('node:module');
const require = createRequire(${JSON.stringify(import.meta.url)});
const counts = { attempts: 0, measured: 0 };
const layout = require('pdfmake/js/LayoutBuilder.js').default.prototype;
const tryLayout = layout.tryLayoutDocument;
layout.tryLayoutDocument = function (...args) { counts.attempts++; return tryLayout.apply(this, args); };
const inlines = require('pdfmake/js/TextInlines.js').default.prototype;
const buildInlines = inlines.buildInlines;
inlines.buildInlines = function (...args) { counts.measured++; return buildInlines.apply(this, args); };
const { buildDocDefinition } = await import(${JSON.stringify(moduleUrl('../../scripts/emit/pdf/document.ts'))});
const { renderPdf } = await import(${JSON.stringify(moduleUrl('../../scripts/emit/pdf/render.ts'))});
const { parseMarkdown, SAMPLE_MD, SAMPLE_META } = await import(${JSON.stringify(moduleUrl('./fixtures.ts'))});
const pdfs = [];
for (const md of [SAMPLE_MD, ${JSON.stringify(LONG_MD)}]) pdfs.push((await renderPdf(buildDocDefinition(parseMarkdown(md), SAMPLE_META))).toString('base64'));
process.stdout.write(JSON.stringify({ counts, pdfs }));
`;

function render(measureOnce: boolean) {
  const { AFTALER_MEASURE_ONCE: _drop, ...env } = process.env;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: measureOnce ? env : { ...env, AFTALER_MEASURE_ONCE: '0' },
  });
  expect(child.status, child.stderr).toBe(0);
  expect(child.stderr).toBe('');
  const out = JSON.parse(child.stdout) as { counts: { attempts: number; measured: number }; pdfs: string[] };
  return { counts: out.counts, pdfs: out.pdfs.map((b) => Buffer.from(b, 'base64')) };
}

describe('measuring each text once per layout', () => {
  it('gives the same bytes as measuring at every attempt, and measures less', () => {
    const once = render(true);
    const every = render(false);
    expect(once.pdfs).toHaveLength(2);
    once.pdfs.forEach((pdf, i) => expect(pdf.equals(every.pdfs[i]!), `document ${i + 1}`).toBe(true));
    // The long document needed more than one attempt per rendering (else there is nothing to save).
    expect(every.counts.attempts).toBeGreaterThan(2);
    expect(once.counts.attempts).toBe(every.counts.attempts);
    expect(once.counts.measured).toBeLessThan(every.counts.measured * 0.75);
  });
});
