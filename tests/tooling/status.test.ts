import { existsSync, readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Table } from 'mdast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../../scripts/load/load-repository.ts';
import { Repository } from '../../scripts/model/repository.ts';
import type { SourceDocument } from '../../scripts/model/source-document.ts';
import { parseMarkdown } from '../../scripts/render/markdown.ts';
import { documentDeadlines } from '../../scripts/kinds/index.ts';
import { statusMatrix, type RaadStatus } from '../../scripts/tooling/status-matrix.ts';
import { checkAccessibility } from '../../scripts/tooling/pdf-access/index.ts';
import { statusPdf } from '../../scripts/tooling/status-pdf.ts';
import { compileValidators } from '../../scripts/validate/schemas.ts';
import { runCli, STACK_TRACE } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { pdfText, tool } from '../helpers/pdf-tools.ts';
import { REPO_ROOT, RepoCopy } from '../helpers/repo.ts';

const TODAY = '2026-04-10';

async function repoAt(root: string): Promise<Repository> {
  const load = await loadRepository(root, compileValidators(root));
  return new Repository(load.documents, load.brokenIds);
}

function matrixOf(repo: Repository, id: string): RaadStatus {
  return statusMatrix(repo, documentDeadlines(repo), TODAY).find((r) => r.raad?.id === id)!;
}

/** The case's indstilling, read straight from the data: opgave → driftsmodel (all its underpunkter cover all kommuner). */
function indstilling(repo: Repository): Record<string, string> {
  const sag = repo.byId('sag-emn-2025-10366') as SourceDocument<'sag'>;
  const out: Record<string, string> = {};
  for (const p of sag.data.indstilling.punkter)
    for (const u of p.underpunkter ?? []) if (u.opgave && u.driftsmodel && !u.kommuner) out[u.opgave] = u.driftsmodel;
  return out;
}

const cellText = (cell: { children: unknown[] }) =>
  JSON.stringify(cell)
    .match(/"value":"([^"]*)"/g)!
    .map((m) => m.slice(9, -1))
    .join('');

describe('status overview: the kommune × opgave matrix', () => {
  let repo: Repository;
  beforeAll(async () => {
    repo = await repoAt(REPO_ROOT);
  });

  it('shows Midt- og Vestsjælland as 8 kommuner × 4 opgaver with the models of the case and their documents', () => {
    const mvs = matrixOf(repo, 'midt-og-vestsjaelland');
    const raad = repo.sundhedsraad('midt-og-vestsjaelland')!;
    expect(mvs.rows.map((r) => r.kommune.kode)).toEqual(raad.kommuner);
    expect(mvs.rows).toHaveLength(8);
    const models = indstilling(repo);
    expect(Object.keys(models)).toHaveLength(4);
    for (const row of mvs.rows) {
      expect(row.cells.map((c) => c.opgave.id)).toEqual(repo.opgaver.map((o) => o.id));
      for (const cell of row.cells) {
        expect(cell.model, `${row.kommune.slug} ${cell.opgave.id}`).toBe(models[cell.opgave.id]);
        const expectedId = cell.model === 'regional' ? `delingsaftale-${row.kommune.slug}` : `hsa-${row.kommune.slug}-${cell.opgave.id}`;
        expect(cell.document?.data.id).toBe(expectedId);
        expect(cell.sag?.data.id).toBe('sag-emn-2025-10366');
      }
    }
    expect(mvs.rows[0]!.cells[0]!.next).toMatchObject({ state: 'overskredet', deadline: { source: 'hsa-godkendelse' } });
    expect(mvs.rows[0]!.cells[3]!.next).toMatchObject({ state: 'aaben', deadline: { source: 'delingsaftale-udkast' } });
  });

  it('has no rows for a sundhedsråd without confirmed kommuner', () => {
    expect(matrixOf(repo, 'nordsjaelland').rows).toEqual([]);
  });

  it('lets an underpunkt with kommuner decide for those kommuner only, and says when the document is missing', async () => {
    const copy = new RepoCopy();
    try {
      copy.replace(
        'agreements/midt-og-vestsjaelland/sag-emn-2025-10366.yaml',
        '        - tekst: Den fremtidige drift af akutsygeplejen varetages af kommunerne\n',
        '        - tekst: Holbæk anmodes om fortsat drift af akutsygeplejen\n          opgave: akutsygepleje\n          driftsmodel: anmodning\n          kommuner: ["316"]\n        - tekst: Den fremtidige drift af akutsygeplejen varetages af kommunerne\n',
      );
      const mvs = matrixOf(await repoAt(copy.root), 'midt-og-vestsjaelland');
      const holbaek = mvs.rows.find((r) => r.kommune.kode === '316')!.cells[0]!;
      expect(holbaek).toMatchObject({ model: 'anmodning', expected: 'anmodning' });
      expect(holbaek.document).toBeUndefined();
      expect(mvs.rows.find((r) => r.kommune.kode === '326')!.cells[0]!.model).toBe('kommunal');
    } finally {
      copy.remove();
    }
  });
});

describe('npm run status', () => {
  const copy = new RepoCopy(['agreements', 'schemas', 'templates']);
  let run: ReturnType<typeof runCli>;
  beforeAll(() => {
    run = runCli('status', ['--root', copy.root, '--today', TODAY]); // as a user runs it; the runs below are in-process
  }, 120_000);
  afterAll(() => copy.remove());

  it('writes out/status.md and out/status.pdf', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✔ Statusoversigt pr. 2026-04-10 dannet: out/status.md og out/status.pdf');
    expect(existsSync(copy.path('out/status.md'))).toBe(true);
    expect(existsSync(copy.path('out/status.pdf'))).toBe(true);
  });

  it('has a Markdown table for Midt- og Vestsjælland with 8 kommuner × 4 opgaver and the models of the indstilling', () => {
    const tree = parseMarkdown(copy.read('out/status.md'));
    const at = tree.children.findIndex((n) => n.type === 'heading' && cellText(n) === 'Sundhedsråd Midt- og Vestsjælland');
    const table = tree.children.slice(at).find((n): n is Table => n.type === 'table')!;
    const [header, ...rows] = table.children;
    expect(header!.children.map(cellText)).toEqual([
      'Kommune',
      'Akutsygepleje',
      'Sundheds- og omsorgspladser',
      'Patientrettet forebyggelse',
      'Specialiseret rehabilitering',
    ]);
    expect(rows.map((r) => cellText(r.children[0]!))).toEqual([
      'Holbæk (316)',
      'Kalundborg (326)',
      'Lejre (350)',
      'Næstved (370)',
      'Odsherred (306)',
      'Ringsted (329)',
      'Slagelse (330)',
      'Sorø (340)',
    ]);
    for (const row of rows) {
      expect(row.children).toHaveLength(5);
      const [, akut, pladser, forebyggelse, rehab] = row.children.map(cellText);
      for (const cell of [akut, pladser, forebyggelse])
        expect(cell).toMatch(/^Kommunal drift \(indstillet\) · Samarbejdsaftale: Udkast, V20260224 · overskredet 1\. april 2026: godkendelse$/);
      expect(rehab).toMatch(/^Regional drift \(indstillet\) · Delingsaftale: Udkast, uden version · næste 1\. maj 2026: udkast sendt$/);
    }
  });

  it('says so for a sundhedsråd without confirmed kommuner', () => {
    expect(copy.read('out/status.md')).toMatch(/## Sundhedsråd Nordsjælland\n\nIngen bekræftede kommuner/);
  });

  it('makes an accessible PDF: tagged PDF/UA-1 and PDF/A-2a, its structure reading as the Markdown', async () => {
    expect(await checkAccessibility(copy.path('out/status.pdf'), { markdown: copy.read('out/status.md') })).toEqual([]);
  });

  it('makes a landscape PDF from the Markdown, with the matrix in it', () => {
    const info = tool('pdfinfo', [copy.path('out/status.pdf')]).stdout;
    const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
    expect(Number(w)).toBeGreaterThan(Number(h));
    const text = pdfText(copy.path('out/status.pdf'));
    expect(text).toContain('Status for opgaveflyttet');
    expect(text).toContain('Sundhedsråd Midt- og Vestsjælland');
    expect(text).toContain('Kalundborg (326)');
    expect(text).toContain('Regional drift');
  });

  it('says in every page’s footer what it is and as of which day, not the command that made it', () => {
    const file = copy.path('out/status.pdf');
    const pages = Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [file]).stdout)?.[1]);
    for (let page = 1; page <= pages; page++) {
      const text = tool('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-']).stdout.replace(/\s+/g, ' ');
      expect(text).toContain(`Statusoversigt pr. 10. april 2026 · dannet af data i agreements/ · Side ${page} af ${pages}`);
    }
    expect(pdfText(file)).not.toContain('npm run status');
  });

  it('gives the same bytes for the same data and day', async () => {
    const first = copy.read('out/status.md');
    const pdf = tool('sha256sum', [copy.path('out/status.pdf')]).stdout.split(' ')[0];
    expect((await runInProcess('status', ['--root', copy.root, '--today', TODAY])).code).toBe(0);
    expect(copy.read('out/status.md')).toBe(first);
    expect(tool('sha256sum', [copy.path('out/status.pdf')]).stdout.split(' ')[0]).toBe(pdf);
  });

  it('survives the next build: a full build carries status.md and status.pdf over, as they are', async () => {
    const md = readFileSync(copy.path('out/status.md'));
    const pdf = readFileSync(copy.path('out/status.pdf'));
    const env = { SOURCE_DATE_EPOCH: '1771891200' };
    for (const more of [[], ['--force']]) {
      const built = await runInProcess('build', ['--root', copy.root, '--today', TODAY, '--jobs', '1', '--quiet', ...more], env);
      expect(built.code, built.stdout + built.stderr).toBe(0);
      expect(readFileSync(copy.path('out/status.md')).equals(md)).toBe(true);
      expect(readFileSync(copy.path('out/status.pdf')).equals(pdf)).toBe(true);
    }
    // Not a build output: the manifest does not list them.
    expect(copy.read('out/manifest.json')).not.toContain('status.');
  }, 120_000);

  it('shows help and rejects a bad date', async () => {
    expect((await runInProcess('status', ['--help'])).stdout).toContain('Brug: npm run status');
    const r = await runInProcess('status', ['--today', 'i morgen']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--today skal være en dato/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('the status PDF’s tables', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'status-pdf-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('never split a row over a page break and repeat the header row on every page', async () => {
    // Rows tall enough that a page cannot end on a row boundary by chance.
    const cell = (n: number, c: number) => `Start ${n}.${c} ${'indhold '.repeat(12 + ((n * 7 + c) % 9))}slut ${n}.${c}`;
    const rows = Array.from({ length: 40 }, (_, i) => `| Række ${i + 1} | ${[1, 2, 3, 4].map((c) => cell(i + 1, c)).join(' | ')} |`);
    const body = ['## Tabel', '', '| Kommune | Opgave A | Opgave B | Opgave C | Opgave D |', '|---|---|---|---|---|', ...rows, ''].join('\n');
    const repo = { ofKind: () => [] } as unknown as Repository;
    const file = path.join(work, 'status.pdf');
    writeFileSync(file, await statusPdf(repo, body, TODAY));
    const pages = Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [file]).stdout)?.[1]);
    expect(pages).toBeGreaterThan(2);
    const texts = Array.from({ length: pages }, (_, i) =>
      tool('pdftotext', ['-enc', 'UTF-8', '-f', String(i + 1), '-l', String(i + 1), file, '-']).stdout.replace(/\s+/g, ' '),
    );
    for (let n = 1; n <= 40; n++) {
      const start = texts.findIndex((t) => t.includes(`Start ${n}.1 `));
      expect(start, `row ${n}`).toBeGreaterThanOrEqual(0);
      // Every cell of the row starts and ends on the page the row starts on.
      for (const c of [1, 2, 3, 4]) {
        expect(texts[start], `row ${n}, cell ${c}`).toContain(`Start ${n}.${c} `);
        expect(texts[start], `row ${n}, cell ${c}`).toContain(`slut ${n}.${c}`);
      }
    }
    // The header row on every page the table runs over.
    for (const text of texts) if (/Start \d+\.1 /.test(text)) expect(text).toContain('Kommune Opgave A Opgave B Opgave C Opgave D');
  });
});
