/**
 * The same input gives the same .docx bytes: across calls a wall-clock second apart, across
 * processes and across time zones (zip timestamps are local time in the format).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDocx } from '../../scripts/emit/docx/index.ts';
import { parseMarkdown } from '../../scripts/render/markdown.ts';
import { SAMPLE_DOCX_MD, SAMPLE_DOCX_META } from './sample.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'aftaler-docx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const make = () => writeDocx(parseMarkdown(SAMPLE_DOCX_MD), SAMPLE_DOCX_META);

describe('a .docx', () => {
  it('is byte-identical when made twice, a second apart', async () => {
    const first = Buffer.from(await make());
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(Buffer.from(await make()).equals(first)).toBe(true);
  });

  it.each(['Pacific/Kiritimati', 'America/Adak'])('is byte-identical in another process, in time zone %s', async (tz) => {
    const out = path.join(dir, `${tz.replace('/', '-')}.docx`);
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'render-sample.ts'), out], {
      encoding: 'utf8',
      env: { ...process.env, TZ: tz, LANG: 'C', LC_ALL: 'C' },
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(readFileSync(out).equals(Buffer.from(await make()))).toBe(true);
  });

  it('is dated from the document, not from the clock', async () => {
    const entries = unzipSync(await make());
    const core = strFromU8(entries['docProps/core.xml'] ?? new Uint8Array(0));
    expect(core.match(/<dcterms:(created|modified)[^>]*>([^<]*)</g)).toEqual([
      '<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-01T00:00:00Z<',
      '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-03-01T00:00:00Z<',
    ]);
    const shapes = Object.values(entries)
      .map((data) => strFromU8(data))
      .join('')
      .match(/PowerPlusWaterMarkObject\w*/g);
    expect(shapes).toEqual(['PowerPlusWaterMarkObject1', 'PowerPlusWaterMarkObject2']);
  });
});
