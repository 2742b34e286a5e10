import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleManifest } from '../../scripts/emit/bundle.ts';
import type { Manifest } from '../../scripts/emit/manifest.ts';
import { STACK_TRACE, type CliResult } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { pdfText, tool } from '../helpers/pdf-tools.ts';
import { RepoCopy } from '../helpers/repo.ts';
import { createHash } from 'node:crypto';
import { createTestPki, LEAF_CN, PASSPHRASE, type TestPki } from './pki.ts';
import { nssDbTrusting, pdfsig, removeTempDirs, runVerifyCli } from './tools.ts';

function pdfsUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const full = path.join(dir, n);
      return statSync(full).isDirectory() ? pdfsUnder(full) : n.endsWith('.pdf') ? [full] : [];
    });
}

/**
 * A build sealed with a region certificate from a test CA, checked by independent tools. The
 * shipped data's drafts still say »Udestår«, so this build, like the publishing one, leaves them
 * unsealed and seals the rest (the case); tests/sign/unsealed-drafts.test.ts is the rule's own test.
 */
describe('npm run build with a configured PKCS#12', () => {
  const repo = new RepoCopy(['agreements', 'schemas', 'templates']);
  let pki: TestPki;
  let result: CliResult;
  let nss: string;
  // The test certificate is valid from now on, so the seal time must not be older.
  const sealTime = String(Math.floor(Date.now() / 1000) + 60);
  const env = () => ({ AFTALER_SIGN_P12: pki.region.p12, AFTALER_SIGN_PASSPHRASE: PASSPHRASE, SOURCE_DATE_EPOCH: sealTime });

  // The builds run in-process (tests/helpers/in-process.ts), the sealed one on one thread; the
  // output is what is checked here, by pdfsig and by verify as a real process. A sealed build as
  // a real process, with its worker threads, is tests/hardening/secrets.test.ts's.
  beforeAll(async () => {
    pki = createTestPki();
    nss = nssDbTrusting(pki.region.caPem);
    result = await runInProcess('build', ['--root', repo.root, '--today', '2026-01-15', '--require-certificate', '--jobs', '1'], env());
  }, 180_000);
  afterAll(() => {
    repo.remove();
    removeTempDirs();
  });

  it('builds without printing the passphrase', () => {
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(PASSPHRASE);
    expect(result.stdout).not.toMatch(/TESTCERTIFIKAT/);
  });

  it('seals every PDF the manifest calls sealed so that pdfsig finds it valid, PAdES, total and trusted; the rest say they are not', () => {
    const pdfs = pdfsUnder(repo.path('out'));
    expect(pdfs).toHaveLength(33 + 8 * 5 + 8); // documents, bundle copies (4 own + the case), combined
    const manifest = JSON.parse(readFileSync(repo.path('out/manifest.json'), 'utf8')) as Manifest;
    const unsealed = new Set(manifest.files.filter((e) => e.sealed === false).map((e) => repo.path(path.join('out', e.path))));
    expect(unsealed.size).toBeGreaterThan(0);
    expect(unsealed.size).toBeLessThan(pdfs.length);
    for (const file of pdfs) {
      const report = pdfsig(file, nss);
      if (unsealed.has(file)) {
        expect(report, file).toContain('does not contain any signatures');
        expect(pdfText(file), file).toMatch(/Forsegling Ikke forseglet: \S+ (af \d+ dokumenter )?har udestående tekst \(Udestår/);
        continue;
      }
      expect(report, file).toContain('Signature is Valid');
      expect(report, file).toContain('Signature Type: ETSI.CAdES.detached');
      expect(report, file).toContain('Total document signed');
      expect(report, file).toContain('Certificate is Trusted');
      expect(report, file).toContain(`Signer Certificate Common Name: ${LEAF_CN}`);
    }
  });

  it('gives every document PDF its own title in the viewer (Info Title): kommune, opgave, version', () => {
    const documents = pdfsUnder(repo.path('out')).filter((f) => !f.includes(`${path.sep}kommuner${path.sep}`));
    const titles = documents.map((f) => /^Title:\s+(.*)$/m.exec(tool('pdfinfo', [f]).stdout)?.[1] ?? '');
    expect(titles).toHaveLength(33);
    expect(new Set(titles).size).toBe(33);
    expect(titles).toContain('Udkast til horisontal samarbejdsaftale for sundheds- og omsorgspladser Holbæk Kommune V20260224');
  });

  it('passes npm run verify --ca on the whole output folder, and fails it against another CA', async () => {
    const ok = runVerifyCli(['--ca', pki.region.caPem, repo.path('out')]);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    const wrong = await runInProcess('verify', ['--ca', pki.other.caPem, repo.path('out/kommuner/316-holbaek')]);
    expect(wrong.code).toBe(1);
  });

  it('writes per-kommune bundles with a correct manifest and a combined PDF with a table of contents', () => {
    const folder = repo.path('out/kommuner/316-holbaek');
    const manifest = JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as BundleManifest;
    expect(manifest.kommune).toEqual({ kode: '316', navn: 'Holbæk Kommune' });
    expect(manifest.files.map((f) => f.file)).toEqual([
      '316-holbaek-samlet.pdf',
      'delingsaftale-holbaek.docx',
      'delingsaftale-holbaek.pdf',
      'hsa-holbaek-akutsygepleje.docx',
      'hsa-holbaek-akutsygepleje.pdf',
      'hsa-holbaek-patientrettet-forebyggelse.docx',
      'hsa-holbaek-patientrettet-forebyggelse.pdf',
      'hsa-holbaek-sundheds-og-omsorgspladser.docx',
      'hsa-holbaek-sundheds-og-omsorgspladser.pdf',
      'sag-emn-2025-10366.docx',
      'sag-emn-2025-10366.pdf',
    ]);
    for (const f of manifest.files) {
      expect(f.sha256).toBe(
        createHash('sha256')
          .update(readFileSync(path.join(folder, f.file)))
          .digest('hex'),
      );
      expect(f.signer).toBe(f.forseglet === false ? null : LEAF_CN);
      // A Word copy is never sealed, and says so.
      if (f.file.endsWith('.docx')) expect(f).toMatchObject({ signer: null, forseglet: false, forhandlingskopi: true });
    }
    const combined = pdfText(path.join(folder, '316-holbaek-samlet.pdf'));
    expect(combined).toContain('Indhold');
    expect(combined).toContain('Udkast til horisontal samarbejdsaftale for akutsygepleje Holbæk Kommune V20260224');
    expect(combined).toContain('Punkt 3: Opgaveflyt mellem kommuner og region');
    expect(combined).toContain(`Elektronisk forseglet af Region Østdanmark · ${LEAF_CN}`);
    // The contents: the case, then its bilag in the order it lists them, then the rest; versions
    // written as the documents write them.
    const contents = combined.slice(0, combined.indexOf('Side 1 af'));
    // The table's row: the list of unsealed documents above it names them too.
    const at = (name: string) => contents.lastIndexOf(name);
    const order = [
      'Punkt 3: Opgaveflyt mellem kommuner og region',
      'omsorgspladser Holbæk Kommune',
      'patientrettet forebyggelse Holbæk Kommune',
      'akutsygepleje Holbæk Kommune',
      'Udkast til delingsaftale Holbæk Kommune',
    ].map(at);
    expect(
      order.every((i) => i >= 0),
      contents,
    ).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(contents).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // The version column holds »V20260224« on one line.
    expect(contents).toMatch(/Holbæk Kommune V20260224 V20260224 9–/);
  });

  it('stops with a Danish message, no stack trace and no passphrase when the passphrase is wrong', async () => {
    const wrong = 'forkert-kodeord-123';
    const r = await runInProcess('build', ['--root', repo.root, '--today', '2026-01-15'], { ...env(), AFTALER_SIGN_PASSPHRASE: wrong });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Build afbrudt: .*adgangskode/im);
    expect(r.stdout + r.stderr).not.toContain(wrong);
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
  });

  it('refuses the development certificate with --require-certificate', async () => {
    const r = await runInProcess('build', ['--root', repo.root, '--today', '2026-01-15', '--require-certificate'], { SOURCE_DATE_EPOCH: '1771891200' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('--require-certificate forbyder testcertifikatet');
  });
});
