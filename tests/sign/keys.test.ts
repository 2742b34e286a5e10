import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjectCommonName } from '../../scripts/sign/certificates.ts';
import { DEV_SUBJECT_CN } from '../../scripts/sign/dev-certificate.ts';
import { DEV_SIGNING_DIR, DEV_SIGNING_FILE } from '../../scripts/sign/signing-env.ts';
import { SigningError } from '../../scripts/sign/errors.ts';
import { loadSigningIdentity } from '../../scripts/sign/keys.ts';
import { LEAF_CN, PASSPHRASE, type TestPki, createTestPki } from './pki.ts';
import { mustRun, removeTempDirs, tempDir } from './tools.ts';

const WRONG_PASSPHRASE = 'Forkert-Kodeord-4242';

let pki: TestPki;
beforeAll(() => {
  pki = createTestPki();
});
afterAll(removeTempDirs);

async function loadError(env: NodeJS.ProcessEnv): Promise<SigningError> {
  const error: unknown = await loadSigningIdentity({ root: pki.dir, env }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof SigningError)) throw new Error(`expected a SigningError, got ${inspect(error)}`);
  return error;
}

describe('loadSigningIdentity with a PKCS#12', () => {
  it('reads an `openssl pkcs12 -export` file (PBES2/AES-256, HMAC-SHA256) given by path', async () => {
    const identity = await loadSigningIdentity({
      root: pki.dir,
      env: { AFTALER_SIGN_P12: pki.region.p12, AFTALER_SIGN_PASSPHRASE: PASSPHRASE },
    });
    expect(identity.subjectCN).toBe(LEAF_CN);
    expect(identity.development).toBe(false);
    expect(identity.chain.map(subjectCommonName)).toEqual(['Test CA Region Østdanmark']);
    expect(identity.privateKey.extractable).toBe(false);
    expect(identity.privateKey.algorithm.name).toBe('RSASSA-PKCS1-v1_5');
    expect(inspect(identity, { depth: Infinity })).not.toContain(PASSPHRASE);
  });

  it('resolves a relative path against the given root, not the working directory', async () => {
    const identity = await loadSigningIdentity({
      root: path.dirname(pki.region.p12),
      env: { AFTALER_SIGN_P12: path.basename(pki.region.p12), AFTALER_SIGN_PASSPHRASE: PASSPHRASE },
    });
    expect(identity.subjectCN).toBe(LEAF_CN);
  });

  it('reads the same file given as base64 content', async () => {
    const identity = await loadSigningIdentity({
      root: pki.dir,
      env: {
        AFTALER_SIGN_P12_BASE64: readFileSync(pki.region.p12).toString('base64'),
        AFTALER_SIGN_PASSPHRASE: PASSPHRASE,
      },
    });
    expect(identity.subjectCN).toBe(LEAF_CN);
  });

  it('rejects a wrong passphrase with a Danish error and never repeats either passphrase', async () => {
    const error = await loadError({ AFTALER_SIGN_P12: pki.region.p12, AFTALER_SIGN_PASSPHRASE: WRONG_PASSPHRASE });
    expect(error.code).toBe('sign/bad-passphrase');
    expect(error.message).toMatch(/Forkert adgangskode/);
    const everything = inspect(error, { depth: Infinity }) + JSON.stringify(error) + String(error);
    expect(everything).not.toContain(WRONG_PASSPHRASE);
    expect(everything).not.toContain(PASSPHRASE);
  });

  it('still tells a wrong passphrase apart when the file has no MAC', async () => {
    const noMac = path.join(pki.dir, 'nomac.p12');
    mustRun('openssl', [
      'pkcs12',
      '-export',
      '-nomac',
      '-inkey',
      path.join(pki.dir, 'region-leaf.key'),
      '-in',
      pki.region.leafPem,
      '-out',
      noMac,
      '-passout',
      `pass:${PASSPHRASE}`,
    ]);
    const identity = await loadSigningIdentity({
      root: pki.dir,
      env: { AFTALER_SIGN_P12: noMac, AFTALER_SIGN_PASSPHRASE: PASSPHRASE },
    });
    expect(identity.chain).toEqual([]);
    const error = await loadError({ AFTALER_SIGN_P12: noMac, AFTALER_SIGN_PASSPHRASE: WRONG_PASSPHRASE });
    expect(error.code).toBe('sign/bad-passphrase');
  });

  it('asks for a modern re-export of a legacy 3DES PKCS#12', async () => {
    const error = await loadError({ AFTALER_SIGN_P12: pki.legacyP12, AFTALER_SIGN_PASSPHRASE: PASSPHRASE });
    expect(error.code).toBe('sign/legacy-p12');
    expect(error.message).toMatch(/Eksportér den igen/);
  });

  it('reports a broken file as sign/bad-p12', async () => {
    const truncated = readFileSync(pki.region.p12).subarray(0, 200).toString('base64');
    const error = await loadError({ AFTALER_SIGN_P12_BASE64: truncated, AFTALER_SIGN_PASSPHRASE: PASSPHRASE });
    expect(error.code).toBe('sign/bad-p12');
    expect((await loadError({ AFTALER_SIGN_P12_BASE64: 'ikke base64!', AFTALER_SIGN_PASSPHRASE: 'x' })).code).toBe('sign/bad-p12');
  });

  it('reports a missing file, a missing passphrase and two sources as distinct errors', async () => {
    const missing = await loadError({ AFTALER_SIGN_P12: path.join(pki.dir, 'findes-ikke.p12'), AFTALER_SIGN_PASSPHRASE: 'x' });
    expect(missing.code).toBe('sign/missing-key');
    expect((await loadError({ AFTALER_SIGN_P12: pki.region.p12 })).code).toBe('sign/missing-passphrase');
    const both = await loadError({
      AFTALER_SIGN_P12: pki.region.p12,
      AFTALER_SIGN_P12_BASE64: readFileSync(pki.region.p12).toString('base64'),
      AFTALER_SIGN_PASSPHRASE: PASSPHRASE,
    });
    expect(both.code).toBe('sign/ambiguous-key');
  });
});

describe('loadSigningIdentity without a PKCS#12', () => {
  it('creates a development certificate once in <root>/.signing and reuses it', async () => {
    const root = tempDir('dev-root');
    // Empty values count as unset: that is how CI expands a secret that is not configured.
    const first = await loadSigningIdentity({ root, env: { AFTALER_SIGN_P12: '', AFTALER_SIGN_PASSPHRASE: '' } });
    expect(first.development).toBe(true);
    expect(first.subjectCN).toBe(DEV_SUBJECT_CN);
    expect(first.subjectCN).toMatch(/TESTCERTIFIKAT/);

    const file = path.join(root, DEV_SIGNING_DIR, DEV_SIGNING_FILE);
    const written = readFileSync(file, 'utf8');
    expect(written).toContain('-----BEGIN PRIVATE KEY-----');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const second = await loadSigningIdentity({ root, env: {} });
    expect(second.development).toBe(true);
    expect(second.certificate.toSchema(true).toBER()).toEqual(first.certificate.toSchema(true).toBER());
    expect(readFileSync(file, 'utf8')).toBe(written);
  });

  it('ends up with one certificate when two builds create it at the same time', async () => {
    const root = tempDir('dev-race');
    const [a, b] = await Promise.all([loadSigningIdentity({ root, env: {} }), loadSigningIdentity({ root, env: {} })]);
    expect(a.certificate.toSchema(true).toBER()).toEqual(b.certificate.toSchema(true).toBER());
  });
});
