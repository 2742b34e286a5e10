/**
 * Writes the sample .docx to the path given as argv[2]. Spawned by the determinism test to
 * compare output across processes and time zones.
 */
import { writeFileSync } from 'node:fs';
import { writeDocx } from '../../scripts/emit/docx/index.ts';
import { parseMarkdown } from '../../scripts/render/markdown.ts';
import { SAMPLE_DOCX_MD, SAMPLE_DOCX_META } from './sample.ts';

const out = process.argv[2];
if (out === undefined) throw new Error('usage: render-sample.ts <out.docx>');
writeFileSync(out, await writeDocx(parseMarkdown(SAMPLE_DOCX_MD), SAMPLE_DOCX_META));
