import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSigningIdentity } from '../../scripts/sign/keys.ts';
import { signPdf } from '../../scripts/sign/sign.ts';
import { signingTimeFromEnv } from '../../scripts/sign/signing-time.ts';
import { verifyPdf } from '../../scripts/sign/verify.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { extractSignature, renderWithPlaceholder } from './pdf.ts';
import { LEAF_CN, PASSPHRASE, type TestPki, createTestPki } from './pki.ts';
import { mustRun, pdfsig, REPO_ROOT, removeTempDirs, run, tempDir } from './tools.ts';

/** What an attacker would name a certificate of their own making. */
const FORGED_SUBJECT = '/C=DK/O=Region Østdanmark/CN=Region Østdanmark';
const UNCHECKED = 'Integriteten er i orden, men udstederen er ikke kontrolleret';

let pki: TestPki;
let work: string;
let signingTime: Date;
let signed: Buffer;
let otherSigned: Buffer;
let regionCa: string;
let forged: { pem: string; signed: Buffer };

async function sealWith(p12: string): Promise<Buffer> {
  const identity = await loadSigningIdentity({
    root: work,
    env: { AFTALER_SIGN_P12: p12, AFTALER_SIGN_PASSPHRASE: PASSPHRASE },
  });
  return signPdf(await renderWithPlaceholder(signingTime, identity.subjectCN), identity, signingTime);
}

/** A self-signed »Region Østdanmark« certificate and a PDF sealed with it, made with openssl. */
async function forgeRegionSeal(): Promise<{ pem: string; signed: Buffer }> {
  const dir = tempDir('forged');
  const file = (name: string): string => path.join(dir, name);
  mustRun('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-utf8',
    '-days',
    '365',
    '-keyout',
    file('forged.key'),
    '-out',
    file('forged.pem'),
    '-subj',
    FORGED_SUBJECT,
  ]);
  mustRun('openssl', [
    'pkcs12',
    '-export',
    '-inkey',
    file('forged.key'),
    '-in',
    file('forged.pem'),
    '-out',
    file('forged.p12'),
    '-passout',
    `pass:${PASSPHRASE}`,
  ]);
  return { pem: file('forged.pem'), signed: await sealWith(file('forged.p12')) };
}

/**
 * The verify CLI with a controlled environment: AFTALER_VERIFY_CA is cleared unless a case
 * sets it, so a developer's own setting cannot change what "no trust anchor" means here. Run
 * in this process (tests/helpers/in-process.ts); `verifyProcess` starts Node, as CI does, for a
 * few runs per exit code.
 */
async function verifyCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<ReturnType<typeof run>> {
  const r = await runInProcess('verify', args, { AFTALER_VERIFY_CA: '', ...env });
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}

function verifyProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}): ReturnType<typeof run> {
  const script = path.join(REPO_ROOT, 'scripts/cli/verify.ts');
  return run(process.execPath, ['--import', 'tsx', script, ...args], { ...process.env, AFTALER_VERIFY_CA: '', ...env });
}

function write(name: string, bytes: Buffer): string {
  const file = path.join(work, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return file;
}

function withByteChanged(pdf: Buffer, position: number): Buffer {
  const copy = Buffer.from(pdf);
  copy[position] = (copy[position] ?? 0) ^ 0x01;
  return copy;
}

beforeAll(async () => {
  pki = createTestPki();
  work = tempDir('verify');
  signingTime = signingTimeFromEnv({ SOURCE_DATE_EPOCH: String(Math.floor(Date.now() / 1000) + 60) });
  signed = await sealWith(pki.region.p12);
  otherSigned = await sealWith(pki.other.p12);
  regionCa = readFileSync(pki.region.caPem, 'utf8');
  forged = await forgeRegionSeal();
});
afterAll(removeTempDirs);

describe('verifyPdf', () => {
  it('calls a sealed PDF valid only with a trust anchor; without one, intact but issuer unchecked', async () => {
    expect(await verifyPdf(signed, { caPem: regionCa })).toEqual({
      verdict: 'valid',
      ok: true,
      signerCN: LEAF_CN,
      signerSubject: `CN=${LEAF_CN}, O=Region Østdanmark, C=DK`,
      signerIssuer: 'CN=Test CA Region Østdanmark, O=Test, C=DK',
      signingTime,
      // B-B: no signature timestamp.
      timestamp: null,
      chainTrusted: true,
      reasons: [],
    });
    expect(await verifyPdf(signed)).toMatchObject({ verdict: 'issuer-unchecked', ok: false, chainTrusted: null, reasons: [] });
  });

  it('does not call a PDF re-sealed with a self-signed »Region Østdanmark« certificate valid', async () => {
    const unchecked = await verifyPdf(forged.signed);
    expect(unchecked).toMatchObject({
      verdict: 'issuer-unchecked',
      ok: false,
      signerSubject: 'CN=Region Østdanmark, O=Region Østdanmark, C=DK',
      signerIssuer: 'CN=Region Østdanmark, O=Region Østdanmark, C=DK',
    });
    const againstRegion = await verifyPdf(forged.signed, { caPem: regionCa });
    expect(againstRegion).toMatchObject({ verdict: 'invalid', ok: false, chainTrusted: false });
    expect(againstRegion.reasons.join(' ')).toMatch(/angivne CA/);
  });

  it('rejects a change of any single byte in the signed ranges', async () => {
    const [, firstLength, gapEnd] = extractSignature(signed).byteRange;
    const byteRangeAt = signed.indexOf('/ByteRange');
    const positions = [
      0,
      9,
      Math.floor(firstLength / 2),
      byteRangeAt + '/ByteRange ['.length + 3,
      firstLength - 1,
      gapEnd,
      gapEnd + Math.floor((signed.length - gapEnd) / 2),
      signed.length - 1,
    ];
    // And a spread of positions across the whole signed content.
    for (let position = 0; position < signed.length; position += 997) {
      if (position < firstLength || position >= gapEnd) positions.push(position);
    }
    for (const position of positions) {
      // With the trust anchor: tampering must fail on its own account, not for lack of a CA.
      const result = await verifyPdf(withByteChanged(signed, position), { caPem: regionCa });
      expect(result.verdict, `byte ${position}`).toBe('invalid');
      expect(result.reasons.length, `byte ${position}`).toBeGreaterThan(0);
    }
  });

  it('rejects appended bytes, including a fake incremental update', async () => {
    for (const tail of ['\n', '%%EOF\n', '\n1 0 obj\n<< >>\nendobj\n%%EOF\n']) {
      const result = await verifyPdf(Buffer.concat([signed, Buffer.from(tail)]), { caPem: regionCa });
      expect(result.verdict).toBe('invalid');
      expect(result.reasons.join(' ')).toMatch(/tilføjet/);
    }
  });

  it('rejects data hidden in the zero padding after the CMS', async () => {
    const [, firstLength, gapEnd] = extractSignature(signed).byteRange;
    const copy = Buffer.from(signed);
    copy.write('ff', gapEnd - 3, 'latin1');
    expect(copy.subarray(firstLength, gapEnd).toString('latin1')).toMatch(/ff>$/);
    expect((await verifyPdf(copy, { caPem: regionCa })).verdict).toBe('invalid');
  });

  it('rejects a PDF sealed under another CA when the region CA is required', async () => {
    expect((await verifyPdf(otherSigned)).verdict).toBe('issuer-unchecked');
    const result = await verifyPdf(otherSigned, { caPem: regionCa });
    expect(result).toMatchObject({ ok: false, chainTrusted: false });
    expect(result.reasons.join(' ')).toMatch(/angivne CA/);
  });

  it('rejects an unsigned PDF', async () => {
    const result = await verifyPdf(await renderWithPlaceholder(signingTime, LEAF_CN), { caPem: regionCa });
    expect(result.verdict).toBe('invalid');
  });
});

describe('pdfsig agrees about tampering', () => {
  it('no longer reports a valid total signature', () => {
    const [, firstLength] = extractSignature(signed).byteRange;
    const changed = write('pdfsig/changed.pdf', withByteChanged(signed, Math.floor(firstLength / 2)));
    const changedOutput = pdfsig(changed);
    expect(changedOutput).not.toContain('Signature is Valid');

    const appended = write('pdfsig/appended.pdf', Buffer.concat([signed, Buffer.from('\n%%EOF\n')]));
    expect(pdfsig(appended)).not.toMatch(/^\s*- Total document signed/m);
  });
});

describe('verify CLI', () => {
  it('exits 0 for valid files, 1 when any fails, 2 on usage errors, never with a stack trace', async () => {
    const good = write('cli/gyldig/aftale.pdf', signed);
    const bad = write('cli/ændret.pdf', withByteChanged(signed, 10));
    const other = write('cli/anden.pdf', otherSigned);
    const outputs: string[] = [];
    const cli = async (...args: string[]): Promise<ReturnType<typeof verifyProcess>> => {
      const result = await verifyCli(args);
      outputs.push(result.stdout, result.stderr);
      return result;
    };
    // As a user runs it, one process per exit code: 0 here, 1 and 2 below.
    const spawned = (...args: string[]): ReturnType<typeof verifyProcess> => {
      const result = verifyProcess(args);
      outputs.push(result.stdout, result.stderr);
      return result;
    };

    const ok = spawned('--ca', pki.region.caPem, path.dirname(good));
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`Forseglet af: ${LEAF_CN}`);
    expect(ok.stdout).toContain('1 af 1 fil er gyldigt forseglet.');

    const appended = write('cli/tilføjet.pdf', Buffer.concat([signed, Buffer.from('\n%%EOF\n')]));
    const tampered = spawned('--ca', pki.region.caPem, good, bad, appended);
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toMatch(/^FEJL .*ændret\.pdf$/m);
    expect(tampered.stdout).toMatch(/^FEJL .*tilføjet\.pdf$/m);
    expect(tampered.stdout).toContain('1 af 3 filer er gyldigt forseglet.');
    // Without a trust anchor a tampered file still fails, and failure outranks "unchecked".
    const tamperedNoCa = await cli(good, bad, appended);
    expect(tamperedNoCa.status).toBe(1);
    expect(tamperedNoCa.stdout).toMatch(/^OBS {2}.*aftale\.pdf$/m);
    expect(tamperedNoCa.stdout).toMatch(/^FEJL .*ændret\.pdf$/m);
    expect(tamperedNoCa.stdout).toMatch(/^FEJL .*tilføjet\.pdf$/m);
    expect(tamperedNoCa.stdout).toContain('0 af 3 filer er gyldigt forseglet.');

    const json = await cli('--format', 'json', '--ca', pki.region.caPem, other);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout) as { ok: boolean; files: { ok: boolean; chainTrusted: boolean }[] };
    expect(report).toMatchObject({ ok: false, files: [{ ok: false, chainTrusted: false }] });

    expect((await cli('--help')).status).toBe(0);
    const usageErrors = [
      [],
      ['--format', 'xml', good],
      ['--ca', path.join(work, 'ingen.pem'), good],
      ['--ca', pki.region.leafPem.replace(/\.pem$/, '.key'), good],
      [path.join(work, 'ingen.pdf')],
    ];
    for (const [i, usage] of usageErrors.entries()) {
      const result = i === 0 ? spawned(...usage) : await cli(...usage);
      expect(result.status, usage.join(' ')).toBe(2);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    }
    for (const output of outputs) expect(output).not.toContain(PASSPHRASE);
  });

  it('exits 3 with its own message for a self-signed »Region Østdanmark« seal and no trust anchor', async () => {
    const file = write('cli/forfalsket/aftale.pdf', forged.signed);
    const noCa = verifyProcess([file]);
    expect(noCa.status).toBe(3);
    expect(noCa.stdout).toMatch(/^OBS {2}.*aftale\.pdf$/m);
    expect(noCa.stdout).toContain(`${UNCHECKED}: certifikatet »CN=Region Østdanmark, O=Region Østdanmark, C=DK« (udstedt af sig selv)`);
    expect(noCa.stdout).toContain('0 af 1 fil er gyldigt forseglet.');
    expect(noCa.stdout).not.toMatch(/^OK /m);
    expect(noCa.stderr).toBe('');

    const json = await verifyCli(['--format', 'json', file]);
    expect(json.status).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      files: [
        { ok: false, verdict: 'issuer-unchecked', issuer: 'CN=Region Østdanmark, O=Region Østdanmark, C=DK', reasons: [expect.stringContaining(UNCHECKED)] },
      ],
    });

    // The real region CA, by option or by environment: the forgery is invalid.
    for (const againstRegion of [await verifyCli(['--ca', pki.region.caPem, file]), await verifyCli([file], { AFTALER_VERIFY_CA: pki.region.caPem })]) {
      expect(againstRegion.status).toBe(1);
      expect(againstRegion.stdout).toMatch(/^FEJL .*aftale\.pdf$/m);
      expect(againstRegion.stdout).toContain('angivne CA');
      expect(againstRegion.stdout).not.toContain(UNCHECKED);
    }
  });

  it('calls the genuine seal valid with the right CA, from --ca or AFTALER_VERIFY_CA (--ca wins)', async () => {
    const file = write('cli/ægte/aftale.pdf', signed);
    const byOption = await verifyCli(['--ca', pki.region.caPem, file]);
    expect(byOption.status).toBe(0);
    expect(byOption.stdout).toMatch(/^OK {3}.*aftale\.pdf$/m);
    expect((await verifyCli([file], { AFTALER_VERIFY_CA: pki.region.caPem })).status).toBe(0);
    expect((await verifyCli(['--ca', pki.other.caPem, file], { AFTALER_VERIFY_CA: pki.region.caPem })).status).toBe(1);
    // A forged certificate is "valid" only to someone who chose to trust that very certificate.
    expect((await verifyCli(['--ca', forged.pem, write('cli/forfalsket/igen.pdf', forged.signed)])).status).toBe(0);

    const missing = await verifyCli([file], { AFTALER_VERIFY_CA: path.join(work, 'ingen.pem') });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('AFTALER_VERIFY_CA peger på');
    expect(missing.stderr).not.toMatch(/^\s+at /m);
  });

  it('with --signer, accepts only the region’s own certificate, even among those a trusted CA issued', async () => {
    const fingerprint = (pem: string) => mustRun('openssl', ['x509', '-in', pem, '-noout', '-fingerprint', '-sha256']).split('=')[1]!.trim();
    const file = write('cli/signer/aftale.pdf', signed);
    const region = fingerprint(pki.region.leafPem); // »AB:CD:…« as openssl prints it
    expect((await verifyCli(['--ca', pki.region.caPem, '--signer', region, file])).status).toBe(0);
    expect((await verifyCli(['--ca', pki.region.caPem, file], { AFTALER_VERIFY_SIGNER: region.replaceAll(':', '').toLowerCase() })).status).toBe(0);
    // Another organisation's seal from the same CA: the CA alone would call it valid.
    const other = await verifyCli(['--ca', pki.region.caPem, '--signer', fingerprint(pki.other.leafPem), file]);
    expect(other.status).toBe(1);
    expect(other.stdout).toMatch(/^FEJL .*aftale\.pdf$/m);
    expect(other.stdout).toContain('Forseglet med et andet certifikat end det forventede (SHA-256 ');
    const malformed = await verifyCli(['--ca', pki.region.caPem, '--signer', 'ikke-et-fingeraftryk', file]);
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toContain('--signer skal være et SHA-256-fingeraftryk');
  });
});
