/**
 * Honest provenance (issue 16): the region's seal never vouches for text still to be written.
 * A build with a real (non-development) certificate leaves a document with »Udestår« unsealed,
 * says so in its PDF and in both manifests, and `npm run verify` accepts such a file only as the
 * manifest lists it; with the development certificate both documents stay sealed, as before.
 *
 * The fixture is the reference data and two notes to Holbæk of a toy kind (registered here, as
 * tests/kinds/toy-kind.test.ts does), both drafts: one with a drafting note, one without. Data
 * SYNTETISK.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleManifest } from '../../scripts/emit/bundle.ts';
import type { Manifest, ManifestEntry } from '../../scripts/emit/manifest.ts';
import { registry } from '../../scripts/kinds/index.ts';
import type { CliResult } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { pdfText } from '../helpers/pdf-tools.ts';
import { REPO_ROOT } from '../helpers/repo.ts';
import { toyNoteKind } from '../helpers/toy-kind.ts';
import { createTestPki, LEAF_CN, PASSPHRASE, type TestPki } from './pki.ts';
import { nssDbTrusting, pdfsig, removeTempDirs, runVerifyCli } from './tools.ts';

const arbejdsnotat = toyNoteKind('arbejdsnotat', { draft: true });

const DRAFT = 'arbejdsnotat-holbaek-udestaar';
const DONE = 'arbejdsnotat-holbaek-faerdig';
const FOLDER = 'midt-og-vestsjaelland/316-holbaek';
const BUNDLE = 'kommuner/316-holbaek';
const COMBINED = `${BUNDLE}/316-holbaek-samlet.pdf`;
const NOTICE = 'Ikke forseglet: udkastet har udestående tekst (Udestår, ét sted)';
const TODAY = '2026-12-02';

const manifestOf = (out: string) => JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
const bundleOf = (out: string) => JSON.parse(readFileSync(path.join(out, BUNDLE, 'manifest.json'), 'utf8')) as BundleManifest;
const entry = (out: string, file: string): ManifestEntry => manifestOf(out).files.find((e) => e.path === file)!;

describe('a document with »Udestår« is not sealed with the region’s certificate', () => {
  let root: string;
  let pki: TestPki;
  let nss: string;
  let region: CliResult;
  let development: CliResult;
  const out = (name: string) => path.join(root, name);
  const verify = (args: readonly string[]) => runInProcess('verify', args, { AFTALER_VERIFY_CA: '', AFTALER_VERIFY_SIGNER: '' });

  beforeAll(async () => {
    pki = createTestPki();
    nss = nssDbTrusting(pki.region.caPem);
    root = mkdtempSync(path.join(tmpdir(), 'aftaler-unsealed-'));
    for (const part of ['schemas', 'templates', 'agreements/reference']) cpSync(path.join(REPO_ROOT, part), path.join(root, part), { recursive: true });
    arbejdsnotat.install(root, [
      { id: DRAFT, emne: 'beløbet', tekst: 'Beløbet er ikke aftalt endnu.\n\nUdestår: kommunens opgørelse af beløbet.' },
      { id: DONE, emne: 'mødeplanen', tekst: 'Parterne mødes hver måned.' },
    ]);
    registry.register(arbejdsnotat.module);
    // One rendering thread each: a kind registered at run time is known to this thread only.
    const args = (name: string) => ['--root', root, '--out', name, '--today', TODAY, '--jobs', '1', '--quiet'];
    // The test certificate is valid from now on, so the seal time must not be older.
    const sealTime = String(Math.floor(Date.now() / 1000) + 60);
    region = await runInProcess('build', [...args('out-region'), '--require-certificate'], {
      AFTALER_SIGN_P12: pki.region.p12,
      AFTALER_SIGN_PASSPHRASE: PASSPHRASE,
      SOURCE_DATE_EPOCH: sealTime,
    });
    development = await runInProcess('build', args('out-dev'), {
      AFTALER_SIGN_P12: '',
      AFTALER_SIGN_P12_BASE64: '',
      AFTALER_SIGN_PASSPHRASE: '',
      SOURCE_DATE_EPOCH: '1790000000',
    });
  }, 180_000);
  afterAll(() => {
    registry.unregister('arbejdsnotat');
    rmSync(root, { recursive: true, force: true });
    removeTempDirs();
  });

  it('builds with the region’s certificate and says how many PDFs it left unsealed', () => {
    expect(region.code, region.stdout + region.stderr).toBe(0);
    // The draft, its copy in the bundle and the combined PDF that holds it.
    expect(region.stdout).toContain('2 forseglede PDF’er, 3 ikke forseglet');
    expect(region.stdout).toContain('3 PDF’er med udestående tekst (Udestår) er ikke forseglet; manifest.json siger hvilke.');
  });

  it('writes the draft with »Udestår« unsealed, saying so under its title and at its end', () => {
    const file = path.join(out('out-region'), FOLDER, `${DRAFT}.pdf`);
    expect(pdfsig(file)).toMatch(/does not contain any signatures/);
    const text = pdfText(file);
    expect(text).toContain(`Forsegling ${NOTICE}`);
    expect(text.lastIndexOf(NOTICE)).toBeGreaterThan(text.indexOf('[Udestår: kommunens opgørelse af beløbet.]'));
    expect(text).not.toContain('Elektronisk forseglet');
  });

  it('seals the draft without »Udestår« with the region’s certificate', () => {
    const file = path.join(out('out-region'), FOLDER, `${DONE}.pdf`);
    const report = pdfsig(file, nss);
    expect(report).toContain('Signature is Valid');
    expect(report).toContain('Certificate is Trusted');
    expect(report).toContain(`Signer Certificate Common Name: ${LEAF_CN}`);
    const text = pdfText(file);
    expect(text).toContain(`Elektronisk forseglet af Region Østdanmark · ${LEAF_CN}`);
    expect(text).not.toContain('Ikke forseglet');
  });

  it('leaves the combined PDF unsealed too, naming the member that is not sealed', () => {
    const file = path.join(out('out-region'), COMBINED);
    expect(pdfsig(file)).toMatch(/does not contain any signatures/);
    const text = pdfText(file);
    expect(text).toContain('Forsegling Ikke forseglet: 1 af 2 dokumenter har udestående tekst (Udestår)');
    expect(text).toMatch(/Ikke forseglet \(1\) 2\. Arbejdsnotat om beløbet: ikke forseglet, udestående tekst \(Udestår, ét sted\)/);
    expect(text).toContain('som det blev dannet, med sine egne sidetal');
  });

  it('records in both manifests that they are not sealed, and why', () => {
    const o = out('out-region');
    expect(entry(o, `${FOLDER}/${DRAFT}.md`)).toMatchObject({ draftingNotes: 1 });
    const draft = entry(o, `${FOLDER}/${DRAFT}.pdf`);
    expect(draft).toMatchObject({ draftingNotes: 1, sealed: false, notSealedReason: 'udestaar' });
    expect(draft).not.toHaveProperty('signer');
    expect(entry(o, `${BUNDLE}/${DRAFT}.pdf`)).toMatchObject({ sealed: false, notSealedReason: 'udestaar', draftingNotes: 1 });
    expect(entry(o, COMBINED)).toMatchObject({ sealed: false, notSealedReason: 'udestaar', draftingNotes: 1 });
    const done = entry(o, `${FOLDER}/${DONE}.pdf`);
    expect(done).toMatchObject({ signer: LEAF_CN, developmentSigned: false });
    expect(done).not.toHaveProperty('sealed');
    expect(done).not.toHaveProperty('draftingNotes');

    const files = Object.fromEntries(bundleOf(o).files.map((f) => [f.file, f]));
    expect(files[`${DRAFT}.pdf`]).toMatchObject({ signer: null, forseglet: false, udestaar: 1 });
    expect(files['316-holbaek-samlet.pdf']).toMatchObject({ signer: null, forseglet: false, udestaar: 1 });
    expect(files[`${DONE}.pdf`]).toEqual(expect.objectContaining({ signer: LEAF_CN }));
    expect(files[`${DONE}.pdf`]).not.toHaveProperty('forseglet');
  });

  it('writes the same Markdown whichever certificate seals', () => {
    for (const id of [DRAFT, DONE]) {
      const md = (name: string) => readFileSync(path.join(out(name), FOLDER, `${id}.md`));
      expect(md('out-region').equals(md('out-dev')), id).toBe(true);
    }
  });

  it('passes npm run verify (as CI runs it) with a line saying how many drafts are not sealed', () => {
    const all = runVerifyCli(['--ca', pki.region.caPem, out('out-region')]);
    expect(all.status, all.stdout + all.stderr).toBe(0);
    expect(all.stdout).toContain('2 af 5 filer er gyldigt forseglet.');
    expect(all.stdout).toContain('3 udkast med udestående tekst er ikke forseglet (se manifest).');
    expect(all.stdout).toMatch(
      new RegExp(`^IKKE .*${DRAFT}\\.pdf\\n {5}Ikke forseglet: udestående tekst \\(Udestår, ét sted\\), som .*manifest\\.json siger\\.$`, 'm'),
    );
  });

  it('passes verify of the kommune bundles alone, as the publish workflow runs it, also as JSON', async () => {
    const bundles = await verify(['--ca', pki.region.caPem, path.join(out('out-region'), 'kommuner')]);
    expect(bundles.code, bundles.stdout).toBe(0);
    expect(bundles.stdout).toContain('2 udkast med udestående tekst er ikke forseglet (se manifest).');
    const json = await verify(['--ca', pki.region.caPem, '--format', 'json', path.join(out('out-region'), 'kommuner')]);
    const report = JSON.parse(json.stdout) as { ok: boolean; files: Array<{ file: string; verdict: string; notSealed?: { draftingNotes: number } }> };
    expect(json.code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.files.map((f) => [path.basename(f.file), f.verdict, f.notSealed?.draftingNotes])).toEqual([
      ['316-holbaek-samlet.pdf', 'not-sealed', 1],
      [`${DONE}.pdf`, 'valid', undefined],
      [`${DRAFT}.pdf`, 'not-sealed', 1],
    ]);
  });

  describe('fails verify when the manifest and the files disagree', () => {
    /** A copy of the region build's output to tamper with. */
    const tampered = (edit: (copy: string) => void): string => {
      const copy = mkdtempSync(path.join(root, 'tampered-'));
      cpSync(out('out-region'), copy, { recursive: true });
      edit(copy);
      return copy;
    };
    /** Changes a manifest in place. */
    const editJson = (file: string, change: (value: Record<string, unknown>) => void): void => {
      const value = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      change(value);
      writeFileSync(file, JSON.stringify(value, null, 2));
    };
    const editManifest = (file: string, change: (value: Manifest) => void) => editJson(file, (v) => change(v as unknown as Manifest));
    const editBundle = (file: string, change: (value: BundleManifest) => void) => editJson(file, (v) => change(v as unknown as BundleManifest));
    const unflag = (e: Partial<ManifestEntry>) => {
      delete e.sealed;
      delete e.notSealedReason;
    };

    it('an unsealed PDF that out/manifest.json says is sealed', async () => {
      const copy = tampered((c) => editManifest(path.join(c, 'manifest.json'), (m) => unflag(m.files.find((e) => e.path === `${FOLDER}/${DRAFT}.pdf`)!)));
      const r = await verify(['--ca', pki.region.caPem, copy]);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(new RegExp(`^FEJL .*${FOLDER}/${DRAFT}\\.pdf\\n(?: {5}.*\\n)*? {5}.*manifest\\.json siger, at filen er forseglet\\.$`, 'm'));
    });

    it('an unsealed PDF that its kommune’s bundle manifest says is sealed', async () => {
      const copy = tampered((c) =>
        editBundle(path.join(c, BUNDLE, 'manifest.json'), (m) => {
          const file = m.files.find((f) => f.file === '316-holbaek-samlet.pdf')!;
          delete file.forseglet;
          delete file.udestaar;
        }),
      );
      const r = await verify(['--ca', pki.region.caPem, path.join(copy, 'kommuner')]);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^FEJL .*316-holbaek-samlet\.pdf$/m);
    });

    it('an unsealed PDF that no manifest lists', async () => {
      const copy = tampered((c) => cpSync(path.join(c, FOLDER, `${DRAFT}.pdf`), path.join(c, FOLDER, 'ekstra.pdf')));
      const r = await verify(['--ca', pki.region.caPem, path.join(copy, FOLDER)]);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^FEJL .*ekstra\.pdf\n {5}Filen har ingen signatur/m);
    });

    it('another unsealed PDF in the place of the one the manifest lists as not sealed', async () => {
      const copy = tampered((c) =>
        writeFileSync(path.join(c, FOLDER, `${DRAFT}.pdf`), Buffer.concat([readFileSync(path.join(c, FOLDER, `${DRAFT}.pdf`)), Buffer.from('\n')])),
      );
      const r = await verify(['--ca', pki.region.caPem, path.join(copy, FOLDER)]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('siger, at filen ikke er forseglet, men filen er ikke den, manifestet nævner (sha256).');
    });

    it('a sealed PDF that the manifest calls not sealed', async () => {
      const copy = tampered((c) =>
        editManifest(path.join(c, 'manifest.json'), (m) =>
          Object.assign(
            m.files.find((e) => e.path === `${FOLDER}/${DONE}.pdf`)!,
            { sealed: false, notSealedReason: 'udestaar', draftingNotes: 1 },
          ),
        ),
      );
      const r = await verify(['--ca', pki.region.caPem, path.join(copy, FOLDER)]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('siger, at filen ikke er forseglet, men den har en signatur.');
    });
  });

  it('refuses to record signatures on a draft that is not sealed (npm run modtag)', async () => {
    // A file that carries a signature, named as the unsealed draft: refused at the draft's manifest entry.
    const file = path.join(out('out-region'), FOLDER, `${DONE}.pdf`);
    const r = await runInProcess('modtag', ['--root', root, '--out', 'out-region', '--dokument', DRAFT, file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${DRAFT} er ikke forseglet: den har udestående tekst (Udestår), så der kan ikke modtages underskrifter på den endnu.`);
  });

  it('seals both drafts with the development certificate, as before', async () => {
    expect(development.code, development.stdout + development.stderr).toBe(0);
    expect(development.stdout).toContain('5 forseglede PDF’er');
    expect(development.stdout).not.toContain('ikke forseglet');
    const o = out('out-dev');
    for (const file of [`${FOLDER}/${DRAFT}.pdf`, `${FOLDER}/${DONE}.pdf`, COMBINED]) {
      expect(pdfsig(path.join(o, file)), file).toContain('Signature is Valid');
      expect(pdfText(path.join(o, file)), file).not.toContain('Ikke forseglet');
      expect(entry(o, file), file).toMatchObject({ developmentSigned: true });
      expect(entry(o, file), file).not.toHaveProperty('sealed');
    }
    // The count is recorded all the same.
    expect(entry(o, `${FOLDER}/${DRAFT}.pdf`)).toMatchObject({ draftingNotes: 1 });
    const r = await verify(['--ca', path.join(root, '.signing', 'udviklingscertifikat.pem'), o]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('5 af 5 filer er gyldigt forseglet.');
    expect(r.stdout).not.toContain('udkast med udestående tekst');
  });
});
