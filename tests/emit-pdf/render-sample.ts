/**
 * Renders the shared sample to the path given as argv[2]. Spawned by the
 * determinism test to compare output across separate processes.
 */
import { writeFileSync } from 'node:fs';
import { buildDocDefinition } from '../../scripts/emit/pdf/document.ts';
import { renderPdf } from '../../scripts/emit/pdf/render.ts';
import { parseMarkdown, SAMPLE_META, SAMPLE_MD } from './fixtures.ts';

const out = process.argv[2];
if (out === undefined) throw new Error('usage: render-sample.ts <out.pdf>');
const pdf = await renderPdf(buildDocDefinition(parseMarkdown(SAMPLE_MD), SAMPLE_META));
writeFileSync(out, pdf);
