import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSigningIdentity } from '../../scripts/sign/keys.ts';
import { signPdf } from '../../scripts/sign/sign.ts';
import { signingTimeFromEnv } from '../../scripts/sign/signing-time.ts';
import { verifyPdf } from '../../scripts/sign/verify.ts';
import { extractSignature, renderWithPlaceholder } from './pdf.ts';
import { LEAF_CN, PASSPHRASE, type TestPki, createTestPki } from './pki.ts';
import { pdfsig, removeTempDirs, runVerifyCli, tempDir } from './tools.ts';

let pki: TestPki;
let work: string;
let signingTime: Date;
let signed: Buffer;
let otherSigned: Buffer;
let regionCa: string;

async function sealWith(p12: string): Promise<Buffer> {
  const identity = await loadSigningIdentity({
    root: work,
    env: { AFTALER_SIGN_P12: p12, AFTALER_SIGN_PASSPHRASE: PASSPHRASE },
  });
  return signPdf(await renderWithPlaceholder(signingTime, identity.subjectCN), identity, signingTime);
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
});
afterAll(removeTempDirs);

describe('verifyPdf', () => {
  it('accepts a sealed PDF and reports signer and signing time', async () => {
    expect(await verifyPdf(signed)).toEqual({
      ok: true,
      signerCN: LEAF_CN,
      signingTime,
      chainTrusted: null,
      reasons: [],
    });
    expect(await verifyPdf(signed, { caPem: regionCa })).toMatchObject({ ok: true, chainTrusted: true });
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
      const result = await verifyPdf(withByteChanged(signed, position));
      expect(result.ok, `byte ${position}`).toBe(false);
      expect(result.reasons.length, `byte ${position}`).toBeGreaterThan(0);
    }
  });

  it('rejects appended bytes, including a fake incremental update', async () => {
    for (const tail of ['\n', '%%EOF\n', '\n1 0 obj\n<< >>\nendobj\n%%EOF\n']) {
      const result = await verifyPdf(Buffer.concat([signed, Buffer.from(tail)]));
      expect(result.ok).toBe(false);
      expect(result.reasons.join(' ')).toMatch(/tilføjet/);
    }
  });

  it('rejects data hidden in the zero padding after the CMS', async () => {
    const [, firstLength, gapEnd] = extractSignature(signed).byteRange;
    const copy = Buffer.from(signed);
    copy.write('ff', gapEnd - 3, 'latin1');
    expect(copy.subarray(firstLength, gapEnd).toString('latin1')).toMatch(/ff>$/);
    expect((await verifyPdf(copy)).ok).toBe(false);
  });

  it('rejects a PDF sealed under another CA when the region CA is required', async () => {
    expect((await verifyPdf(otherSigned)).ok).toBe(true);
    const result = await verifyPdf(otherSigned, { caPem: regionCa });
    expect(result).toMatchObject({ ok: false, chainTrusted: false });
    expect(result.reasons.join(' ')).toMatch(/angivne CA/);
  });

  it('rejects an unsigned PDF', async () => {
    const result = await verifyPdf(await renderWithPlaceholder(signingTime, LEAF_CN));
    expect(result.ok).toBe(false);
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
  it('exits 0 for valid files, 1 when any fails, 2 on usage errors, never with a stack trace', () => {
    const good = write('cli/gyldig/aftale.pdf', signed);
    const bad = write('cli/ændret.pdf', withByteChanged(signed, 10));
    const other = write('cli/anden.pdf', otherSigned);
    const outputs: string[] = [];
    const cli = (...args: string[]): ReturnType<typeof runVerifyCli> => {
      const result = runVerifyCli(args);
      outputs.push(result.stdout, result.stderr);
      return result;
    };

    const ok = cli('--ca', pki.region.caPem, path.dirname(good));
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`Forseglet af: ${LEAF_CN}`);
    expect(ok.stdout).toContain('1 af 1 fil er gyldigt forseglet.');

    const appended = write('cli/tilføjet.pdf', Buffer.concat([signed, Buffer.from('\n%%EOF\n')]));
    const tampered = cli(good, bad, appended);
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toMatch(/^FEJL .*ændret\.pdf$/m);
    expect(tampered.stdout).toMatch(/^FEJL .*tilføjet\.pdf$/m);
    expect(tampered.stdout).toContain('1 af 3 filer er gyldigt forseglet.');

    const json = cli('--format', 'json', '--ca', pki.region.caPem, other);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout) as { ok: boolean; files: { ok: boolean; chainTrusted: boolean }[] };
    expect(report).toMatchObject({ ok: false, files: [{ ok: false, chainTrusted: false }] });

    expect(cli('--help').status).toBe(0);
    const usageErrors = [
      [],
      ['--format', 'xml', good],
      ['--ca', path.join(work, 'ingen.pem'), good],
      [path.join(work, 'ingen.pdf')],
    ];
    for (const usage of usageErrors) {
      const result = cli(...usage);
      expect(result.status, usage.join(' ')).toBe(2);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    }
    for (const output of outputs) expect(output).not.toContain(PASSPHRASE);
  });
});
