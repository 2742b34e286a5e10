import { linkSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../scripts/emit/manifest.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { pdfText, tool } from '../helpers/pdf-tools.ts';
import { filesUnder, hashTree, sha256Of } from '../helpers/files.ts';
import { REPO_ROOT, RepoCopy } from '../helpers/repo.ts';

const ENV = { SOURCE_DATE_EPOCH: '1771891200' }; // 2026-02-24, so builds in a non-git copy are reproducible
const PARTS = ['agreements', 'schemas', 'templates'];

describe('npm run build on a copy of the repository', () => {
  const repo = new RepoCopy(PARTS);
  const out = () => repo.path('out');
  let first: CliResult;
  let manifest: Manifest;

  // The first build as a user runs it, with worker threads (--jobs 2: by default 41 tasks render
  // in one thread, see renderer.ts); the later ones in-process on one thread
  // (tests/helpers/in-process.ts), which also shows that the thread count changes no byte.
  beforeAll(() => {
    first = runCli('build', ['--root', repo.root, '--today', '2026-01-15', '--jobs', '2'], ENV);
    manifest = JSON.parse(readFileSync(path.join(out(), 'manifest.json'), 'utf8')) as Manifest;
  }, 180_000);
  afterAll(() => repo.remove());

  it('succeeds and says so', () => {
    expect(first.stderr).not.toMatch(/intern fejl/);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/✔ 33 dokumenter og 8 kommunepakker i out\/: 33 dannet, 0 uændrede · 81 forseglede PDF’er/);
  });

  it('renders .md and .pdf for 24 HSAs, 8 delingsaftaler and the case, grouped per sundhedsråd and kommune', () => {
    const files = filesUnder(out()).filter((f) => !f.startsWith('kommuner/'));
    const count = (re: RegExp) => files.filter((f) => re.test(f)).length;
    expect(count(/^midt-og-vestsjaelland\/\d{3}-[a-z-]+\/hsa-[a-z-]+\.md$/)).toBe(24);
    expect(count(/^midt-og-vestsjaelland\/\d{3}-[a-z-]+\/hsa-[a-z-]+\.pdf$/)).toBe(24);
    expect(count(/^midt-og-vestsjaelland\/\d{3}-[a-z-]+\/delingsaftale-[a-z-]+\.(md|pdf)$/)).toBe(16);
    expect(files).toContain('midt-og-vestsjaelland/sag-emn-2025-10366.md');
    expect(files).toContain('midt-og-vestsjaelland/sag-emn-2025-10366.pdf');
    expect(files).toContain('midt-og-vestsjaelland/316-holbaek/hsa-holbaek-akutsygepleje.pdf');
  });

  it('lists every output file in the manifest with its correct sha256, size and metadata', () => {
    const files = filesUnder(out()).filter((f) => f !== 'manifest.json');
    expect(manifest.files.map((e) => e.path)).toEqual(files);
    for (const entry of manifest.files) {
      const file = path.join(out(), entry.path);
      expect(entry.sha256, entry.path).toBe(sha256Of(file));
      expect(entry.bytes).toBe(statSync(file).size);
      expect(entry.sources[0]).toMatch(/^agreements\/.+\.yaml$/);
      if (entry.kind !== 'frister') expect(entry.sources.some((s) => s.startsWith('templates/'))).toBe(true);
      if (entry.path.endsWith('.pdf')) expect(entry.pages).toBeGreaterThan(0);
    }
    const hsa = manifest.files.find((e) => e.path === 'midt-og-vestsjaelland/316-holbaek/hsa-holbaek-akutsygepleje.pdf')!;
    expect(hsa).toMatchObject({
      kind: 'hsa',
      id: 'hsa-holbaek-akutsygepleje',
      kommuner: ['316'],
      opgave: 'akutsygepleje',
      version: '2026-02-24',
      status: 'udkast',
      developmentSigned: true,
    });
    const sag = manifest.files.find((e) => e.path.endsWith('sag-emn-2025-10366.md'))!;
    expect(sag.kommuner).toEqual(['316', '326', '350', '370', '306', '329', '330', '340']);
    expect(sag.sources).toContain('agreements/midt-og-vestsjaelland/soroe/hsa-soroe-akutsygepleje.yaml');
  });

  it('renders the case’s bilag list as in the seed: same numbering, order, versions and DokIDs', () => {
    const fixture = readFileSync(path.join(REPO_ROOT, 'tests/fixtures/seed-003/bilag.txt'), 'utf8')
      .split('\n')
      .filter((l) => /^\d+\. Bilag/.test(l));
    expect(fixture).toHaveLength(25);
    const md = readFileSync(path.join(out(), 'midt-og-vestsjaelland/sag-emn-2025-10366.md'), 'utf8');
    const ours = md
      .slice(md.indexOf('## Bilag'))
      .split('\n')
      .filter((l) => /^\d+\. Bilag/.test(l));
    const key = (line: string) => {
      const m = /^(\d+)\. Bilag (\d+[a-z]?)[_ ](.*?)( V\d{8})? \(DokID: (\d+) - (EMN-2025-10366)\)$/.exec(line);
      if (!m) throw new Error(`unexpected bilag line: ${line}`);
      return {
        position: m[1],
        number: m[2],
        version: m[4] ?? null,
        dokid: m[5],
        title: m[3],
      };
    };
    expect(ours.map(key)).toEqual(fixture.map(key));
  });

  it('gives PDFs that pass qpdf --check with only embedded fonts', () => {
    for (const entry of manifest.files.filter((e) => e.path.endsWith('.pdf'))) {
      const file = path.join(out(), entry.path);
      const check = tool('qpdf', ['--check', file]);
      expect(check.code, `${entry.path}: ${check.stdout}${check.stderr}`).toBe(0);
      expect(check.stderr).toBe('');
      const fonts = tool('pdffonts', [file])
        .stdout.split('\n')
        .slice(2)
        .filter((l) => l.trim());
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts) expect(line.split(/\s+/).at(-5), `${entry.path}: ${line}`).toBe('yes');
    }
  });

  it('puts kommune, opgave, version and »Side 1 af« into every HSA’s text', () => {
    for (const entry of manifest.files.filter((e) => e.kind === 'hsa' && e.path.endsWith('.pdf'))) {
      const text = pdfText(path.join(out(), entry.path));
      const kommune = /\/\d{3}-([a-z-]+)\//.exec(entry.path)![1];
      const name = {
        holbaek: 'Holbæk',
        kalundborg: 'Kalundborg',
        lejre: 'Lejre',
        naestved: 'Næstved',
        odsherred: 'Odsherred',
        ringsted: 'Ringsted',
        slagelse: 'Slagelse',
        soroe: 'Sorø',
      }[kommune!]!;
      const opgave = {
        akutsygepleje: 'Akutsygepleje',
        'sundheds-og-omsorgspladser': 'Sundheds- og omsorgspladser',
        'patientrettet-forebyggelse': 'Patientrettet forebyggelse',
      }[entry.opgave!]!;
      expect(text).toContain(`${name} Kommune`);
      expect(text).toContain(opgave);
      expect(text).toContain('V20260224');
      expect(text).toContain('Side 1 af');
      expect(text).toContain('UDKAST');
    }
  });

  it('gives byte-identical files when built again', async () => {
    const before = hashTree(out());
    const again = await runInProcess('build', ['--root', repo.root, '--today', '2026-01-15', '--quiet', '--force', '--jobs', '1'], ENV);
    expect(again.code).toBe(0);
    const after = hashTree(out());
    expect(after).toEqual(before);
  }, 180_000);

  it('re-renders one kommune with --only and keeps the rest', async () => {
    const before = readFileSync(path.join(out(), 'manifest.json'), 'utf8');
    const r = await runInProcess('build', ['--root', repo.root, '--today', '2026-01-15', '--only', '316', '--force', '--quiet', '--jobs', '1'], ENV);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✔ 5 dokumenter og 8 kommunepakker i out\/: 5 dannet, 0 uændrede/); // 4 of Holbæk + the case, which concerns all 8
    expect(readFileSync(path.join(out(), 'manifest.json'), 'utf8')).toBe(before);
  }, 60_000);

  it('writes nothing and keeps out/ when the check fails', async () => {
    const before = hashTree(out());
    const file = 'agreements/midt-og-vestsjaelland/lejre/hsa-lejre-akutsygepleje.yaml';
    const original = repo.read(file);
    repo.replace(file, 'status: udkast', 'status: kladde');
    try {
      const r = await runInProcess('build', ['--root', repo.root, '--today', '2026-01-15'], ENV);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`${file}:`);
      expect(r.stdout).toContain('skema/tilladte-vaerdier');
      expect(r.stdout).toContain('Build afbrudt');
      expect(hashTree(out())).toEqual(before);
    } finally {
      repo.write(file, original);
    }
  });

  it('with --only, keeps the rest of out/ as links to the same files and never writes through them', async () => {
    const file = 'agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-akutsygepleje.yaml';
    const changed = 'midt-og-vestsjaelland/316-holbaek/hsa-holbaek-akutsygepleje.pdf';
    const kept = 'midt-og-vestsjaelland/350-lejre/hsa-lejre-akutsygepleje.pdf';
    const inKommunePackage = filesUnder(out()).find((f) => f.startsWith('kommuner/316-') && f.endsWith('/hsa-holbaek-akutsygepleje.pdf'));
    expect(inKommunePackage).toBeDefined();
    // A second name for each file outside out/: whatever is written into the old files shows there.
    const witness = (f: string) => repo.path(`witness/${f.replaceAll('/', '_')}`);
    const watched = [changed, kept, inKommunePackage!];
    const before = new Map(watched.map((f) => [f, sha256Of(path.join(out(), f))]));
    const inode = statSync(path.join(out(), kept)).ino;
    mkdirSync(repo.path('witness'), { recursive: true });
    for (const f of watched) linkSync(path.join(out(), f), witness(f));
    const original = repo.read(file);
    repo.replace(file, 'aarligt_beloeb_kr: null', 'aarligt_beloeb_kr: 1234567');
    try {
      const r = await runInProcess(
        'build',
        ['--root', repo.root, '--today', '2026-01-15', '--only', 'hsa-holbaek-akutsygepleje', '--quiet', '--jobs', '1'],
        ENV,
      );
      expect(r.code, r.stdout + r.stderr).toBe(0);
      // The document and its copy in Holbæk's package are new files; the old ones are untouched.
      for (const f of [changed, inKommunePackage!]) {
        expect(sha256Of(path.join(out(), f)), f).not.toBe(before.get(f));
        expect(sha256Of(witness(f)), f).toBe(before.get(f));
      }
      // What the build kept is the very file it had: a link, not a copy.
      expect(statSync(path.join(out(), kept)).ino).toBe(inode);
      expect(sha256Of(path.join(out(), kept))).toBe(before.get(kept));
    } finally {
      repo.write(file, original);
      rmSync(repo.path('witness'), { recursive: true, force: true });
    }
    const back = await runInProcess(
      'build',
      ['--root', repo.root, '--today', '2026-01-15', '--only', 'hsa-holbaek-akutsygepleje', '--quiet', '--jobs', '1'],
      ENV,
    );
    expect(back.code).toBe(0);
    for (const f of watched) expect(sha256Of(path.join(out(), f)), f).toBe(before.get(f));
  }, 120_000);

  it('refuses an --only that matches nothing, with exit 2', async () => {
    const r = await runInProcess('build', ['--root', repo.root, '--only', 'findes-ikke'], ENV);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/intet dokument og ingen kommune matcher --only »findes-ikke«\n/);
    // A near miss of a kommune or a document id gets »mente du …?«, as new and frister give it.
    const kommune = await runInProcess('build', ['--root', repo.root, '--only', 'lejr'], ENV);
    expect(kommune.code).toBe(2);
    expect(kommune.stderr).toContain('matcher --only »lejr« – mente du »lejre« (Lejre Kommune)?');
    const id = await runInProcess('build', ['--root', repo.root, '--only', 'hsa-lejre-akutsygeplej'], ENV);
    expect(id.stderr).toContain('– mente du »hsa-lejre-akutsygepleje«?');
  });
});
