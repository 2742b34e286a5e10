/**
 * `npm run verify -- --tilgaengelighed`: the accessibility check on top of the seal check. The
 * PDFs are left unsealed, with a manifest that lists them as drafts with drafting notes, so that
 * the seal check accepts them (IKKE) and only the accessibility check decides.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../../helpers/in-process.ts';
import { fixtureFolder, fixturePdf } from './fixture.ts';

const folder = fixtureFolder();
let good: string;
let bad: string;

beforeAll(async () => {
  const goodPdf = await fixturePdf({ paragraphs: ['Første afsnit.', 'Andet afsnit.'] });
  const badPdf = await fixturePdf({ untagged: 'Løs tekst' });
  good = folder.write('god.pdf', goodPdf);
  folder.write('god.md', 'Første afsnit.\n\nAndet afsnit.\n');
  bad = folder.write('daarlig.pdf', badPdf);
  const entry = (file: string, bytes: Buffer) => ({
    path: file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sealed: false,
    notSealedReason: 'udestaar',
    draftingNotes: 1,
  });
  folder.write('manifest.json', JSON.stringify({ generator: 'aftaler', files: [entry('god.pdf', goodPdf), entry('daarlig.pdf', badPdf)] }));
});
afterAll(() => folder.remove());

const verify = (args: readonly string[]) => runInProcess('verify', args, { AFTALER_VERIFY_CA: '', AFTALER_VERIFY_SIGNER: '' });

describe('verify --tilgaengelighed', () => {
  it('is not run without the option', async () => {
    const r = await verify([good, bad]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('Tilgængelighed');
  });

  it('reports OK or the findings per file, and fails when any file has findings', async () => {
    const r = await verify(['--tilgaengelighed', good, bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`IKKE ${good}`);
    expect(r.stdout).toMatch(/Tilgængelighed: OK\n/);
    expect(r.stdout).toContain(`FEJL ${bad}`);
    expect(r.stdout).toMatch(/Tilgængelighed: 1 fund\n {7}pdf\/marked-content {2}tekst uden for mærket indhold på side 1/);
    expect(r.stdout).toContain('1 af 2 filer består tilgængelighedskontrollen.');
    expect((await verify(['--tilgaengelighed', good])).code).toBe(0);
  });

  it('checks the structure text against the Markdown beside the PDF', async () => {
    folder.write('god.md', 'Andet afsnit.\n\nFørste afsnit.\n');
    try {
      const r = await verify(['--tilgaengelighed', good]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('pdf/structure-text');
    } finally {
      folder.write('god.md', 'Første afsnit.\n\nAndet afsnit.\n');
    }
  });

  it('gives the findings in the JSON report', async () => {
    const r = await verify(['--tilgaengelighed', '--format', 'json', good, bad]);
    const report = JSON.parse(r.stdout) as { ok: boolean; files: { accessibility: { ok: boolean; findings: { rule: string; page?: number }[] } }[] };
    expect(report.ok).toBe(false);
    expect(report.files.map((f) => f.accessibility.ok)).toEqual([true, false]);
    expect(report.files[1]?.accessibility.findings).toEqual([expect.objectContaining({ rule: 'pdf/marked-content', page: 1 })]);
  });
});
