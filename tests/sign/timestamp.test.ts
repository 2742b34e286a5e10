/**
 * PAdES B-T: with `segl.tidsstempel_url` in .aftalerrc.json every seal gets an RFC 3161
 * signature timestamp from that TSA. A local TSA (tests/sign/tsa.ts) is started by the test; the
 * build runs as a user runs it (in-process CLI), on a small repository: the reference data and
 * one note to Holbæk of a toy kind, sealed with the development certificate. Data SYNTETISK.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../scripts/kinds/index.ts';
import { SigningError } from '../../scripts/sign/errors.ts';
import { requestTimestamp } from '../../scripts/sign/timestamp.ts';
import { STACK_TRACE, type CliResult } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { REPO_ROOT, RepoCopy } from '../helpers/repo.ts';
import { toyNoteKind } from '../helpers/toy-kind.ts';
import { extractSignature } from './pdf.ts';
import { pdfsig, run } from './tools.ts';
import { startLocalTsa, TSA_CN, unreachableUrl, type LocalTsa } from './tsa.ts';

const OID_SIGNATURE_TIME_STAMP_TOKEN = '1.2.840.113549.1.9.16.2.14';
const TODAY = '2026-12-02';
const NOTE = 'tidsnotat-holbaek-moeder';
const NOTE_PDF = `midt-og-vestsjaelland/316-holbaek/${NOTE}.pdf`;
// The development certificate, as every build without a configured key uses it.
const ENV = { AFTALER_SIGN_P12: '', AFTALER_SIGN_P12_BASE64: '', AFTALER_SIGN_PASSPHRASE: '', SOURCE_DATE_EPOCH: '1790000000' };

const hasPdfsig = run('sh', ['-c', 'command -v pdfsig']).status === 0;

let tsa: LocalTsa;
beforeAll(async () => {
  tsa = await startLocalTsa();
});
afterAll(async () => {
  await tsa.close();
});

/** The SignerInfo of a sealed PDF's CMS. */
function signerInfoOf(pdf: Buffer): pkijs.SignerInfo {
  const contentInfo = pkijs.ContentInfo.fromBER(new Uint8Array(extractSignature(pdf).cms));
  return new pkijs.SignedData({ schema: contentInfo.content }).signerInfos[0]!;
}

/** The seal's timestamp token (its TSTInfo), read without the code under test. */
function timestampOf(signerInfo: pkijs.SignerInfo): pkijs.TSTInfo | undefined {
  const attribute = signerInfo.unsignedAttrs?.attributes.find((a) => a.type === OID_SIGNATURE_TIME_STAMP_TOKEN);
  if (!attribute) return undefined;
  const token = pkijs.ContentInfo.fromBER((attribute.values[0] as asn1js.BaseBlock).toBER(false));
  const signedData = new pkijs.SignedData({ schema: token.content });
  return pkijs.TSTInfo.fromBER(signedData.encapContentInfo.eContent!.getValue());
}

describe('requestTimestamp against a local TSA', () => {
  const signature = new Uint8Array(createHash('sha256').update('en signaturværdi').digest());

  it('returns a token for the SHA-256 of the signature value, with the nonce it asked for', async () => {
    tsa.mode = 'ok';
    const token = await requestTimestamp(signature, { url: tsa.url });
    const signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(token).content });
    const tstInfo = pkijs.TSTInfo.fromBER(signedData.encapContentInfo.eContent!.getValue());
    expect(Buffer.from(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView)).toEqual(createHash('sha256').update(signature).digest());
    expect(tstInfo.nonce).toBeDefined();
    // certReq: the TSA's certificate is in the token.
    expect(signedData.certificates).toHaveLength(1);
  });

  it.each([
    ['http-error', /segl\/tidsstempel: tidsstemplet fra http:\/\/127\.0\.0\.1:\d+\/tsa kunne ikke hentes: tjenesten svarede HTTP 500/],
    ['rejection', /tjenesten afviste anmodningen \(status 2: policy not accepted\)/],
    ['wrong-imprint', /tidsstemplet gælder ikke denne signatur \(message imprint passer ikke\)/],
    ['wrong-nonce', /svaret hører ikke til anmodningen \(nonce passer ikke\)/],
  ] as const)('refuses a TSA that answers %s', async (mode, message) => {
    tsa.mode = mode;
    try {
      const error: unknown = await requestTimestamp(signature, { url: tsa.url }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SigningError);
      expect((error as SigningError).code).toBe('sign/timestamp');
      expect((error as SigningError).message).toMatch(message);
    } finally {
      tsa.mode = 'ok';
    }
  });

  it('refuses a TSA that cannot be reached, naming the URL', async () => {
    const url = await unreachableUrl();
    await expect(requestTimestamp(signature, { url })).rejects.toThrow(
      `segl/tidsstempel: tidsstemplet fra ${url} kunne ikke hentes: tjenesten kan ikke nås (ECONNREFUSED)`,
    );
  });
});

describe('npm run build with »segl.tidsstempel_url« (PAdES B-T)', () => {
  const kind = toyNoteKind('tidsnotat', { draft: false });
  let root: string;
  let built: CliResult;
  let requestsForBuild: number;
  const out = (...parts: string[]) => path.join(root, 'out', ...parts);
  const configure = (url: string | undefined) =>
    writeFileSync(path.join(root, '.aftalerrc.json'), `${JSON.stringify(url === undefined ? {} : { segl: { tidsstempel_url: url } }, null, 2)}\n`);
  const build = (outDir = 'out', ...extra: string[]) =>
    runInProcess('build', ['--root', root, '--out', outDir, '--today', TODAY, '--jobs', '1', '--quiet', ...extra], ENV);
  const pdfs = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((name) => {
        const full = path.join(dir, name);
        return statSync(full).isDirectory() ? pdfs(full) : name.endsWith('.pdf') ? [full] : [];
      });

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'aftaler-tsa-'));
    for (const part of ['schemas', 'templates', 'agreements/reference']) cpSync(path.join(REPO_ROOT, part), path.join(root, part), { recursive: true });
    kind.install(root, [{ id: NOTE, emne: 'møderne', tekst: 'Parterne mødes hver måned.' }]);
    registry.register(kind.module);
    configure(tsa.url);
    tsa.mode = 'ok';
    const before = tsa.requests;
    built = await build();
    requestsForBuild = tsa.requests - before;
  }, 120_000);
  afterAll(() => {
    registry.unregister('tidsnotat');
    rmSync(root, { recursive: true, force: true });
  });

  it('builds, asking the TSA once per seal made (the note and the combined PDF; the bundle copy is the same file)', () => {
    expect(built.code, built.stdout + built.stderr).toBe(0);
    expect(requestsForBuild).toBe(2);
  });

  it('puts a signature timestamp over the SHA-256 of the signature value into every seal', () => {
    const files = pdfs(out());
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const signerInfo = signerInfoOf(readFileSync(file));
      const tstInfo = timestampOf(signerInfo);
      expect(tstInfo, file).toBeDefined();
      const expected = createHash('sha256').update(signerInfo.signature.valueBlock.valueHexView).digest();
      expect(Buffer.from(tstInfo!.messageImprint.hashedMessage.valueBlock.valueHexView), file).toEqual(expected);
    }
  });

  it.skipIf(!hasPdfsig)('leaves the seal valid for pdfsig (poppler)', () => {
    for (const file of pdfs(out())) expect(pdfsig(file), file).toContain('Signature is Valid');
  });

  it('has npm run verify report the timestamp: its UTC time and the TSA', async () => {
    const file = out(NOTE_PDF);
    const time = timestampOf(signerInfoOf(readFileSync(file)))!.genTime;
    const shown = `${time.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
    const devCertificate = path.join(root, '.signing', readdirSync(path.join(root, '.signing'))[0]!);
    const result = await runInProcess('verify', ['--ca', devCertificate, file], { AFTALER_VERIFY_CA: '', AFTALER_VERIFY_SIGNER: '' });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(`Tidsstempel:  ${shown} fra ${TSA_CN}`);
    const json = await runInProcess('verify', ['--format', 'json', '--ca', devCertificate, file], { AFTALER_VERIFY_CA: '', AFTALER_VERIFY_SIGNER: '' });
    const report = JSON.parse(json.stdout) as { files: Array<{ timestamp: { time: string; tsa: string } | null }> };
    expect(report.files[0]!.timestamp).toEqual({ time: time.toISOString(), tsa: TSA_CN });
  });

  it('has npm run verify refuse a seal whose timestamp is for another signature', async () => {
    const pdf = readFileSync(out(NOTE_PDF));
    const { byteRange, cms } = extractSignature(pdf);
    const contentInfo = pkijs.ContentInfo.fromBER(new Uint8Array(cms));
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    const signerInfo = signedData.signerInfos[0]!;
    // A genuine token from the same TSA, for other data.
    const other = await tsa.issueToken(createHash('sha256').update('en anden signatur').digest());
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: OID_SIGNATURE_TIME_STAMP_TOKEN, values: [asn1js.fromBER(other).result] })],
    });
    const forged = Buffer.from(
      new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signedData.toSchema(true) }).toSchema().toBER(false),
    );
    const [a, b, c] = byteRange;
    const room = c - 1 - (a + b + 1);
    const hex = forged.toString('hex').padEnd(room, '0');
    expect(hex.length).toBe(room);
    const tampered = Buffer.concat([pdf.subarray(0, a + b + 1), Buffer.from(hex, 'latin1'), pdf.subarray(c - 1)]);
    const file = path.join(root, 'forfalsket.pdf');
    writeFileSync(file, tampered);
    const result = await runInProcess('verify', [file], { AFTALER_VERIFY_CA: '', AFTALER_VERIFY_SIGNER: '' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FEJL');
    expect(result.stdout).toContain('Tidsstemplet er ugyldigt: tidsstemplet gælder ikke denne signatur (message imprint passer ikke).');
  });

  it('stops with a Danish message and exit code 1, writing no out/, when the TSA fails or cannot be reached', async () => {
    tsa.mode = 'http-error';
    try {
      const failed = await build('out-fejl');
      expect(failed.code).toBe(1);
      expect(failed.stdout).toContain(`Build afbrudt: segl/tidsstempel: tidsstemplet fra ${tsa.url} kunne ikke hentes: tjenesten svarede HTTP 500`);
      expect(existsSync(path.join(root, 'out-fejl'))).toBe(false);
    } finally {
      tsa.mode = 'ok';
    }
    const url = await unreachableUrl();
    configure(url);
    try {
      const failed = await build('out-fejl');
      expect(failed.code).toBe(1);
      expect(failed.stdout).toContain(`Build afbrudt: segl/tidsstempel: tidsstemplet fra ${url} kunne ikke hentes: tjenesten kan ikke nås (ECONNREFUSED)`);
      expect(existsSync(path.join(root, 'out-fejl'))).toBe(false);
    } finally {
      configure(tsa.url);
    }
  });

  it('refuses a configured URL that is not http(s) before building anything (exit 2, at its place in the file)', async () => {
    writeFileSync(path.join(root, '.aftalerrc.json'), '{\n  "segl": { "tidsstempel_url": "file:///etc/passwd" }\n}\n');
    try {
      const before = tsa.requests;
      const refused = await build('out-fejl');
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('.aftalerrc.json:2:32: »segl.tidsstempel_url« skal begynde med http:// eller https://, ikke »file:«');
      expect(refused.stderr).not.toMatch(STACK_TRACE);
      expect(tsa.requests).toBe(before);
      expect(existsSync(path.join(root, 'out-fejl'))).toBe(false);
    } finally {
      configure(tsa.url);
    }
  });

  it('reuses the timestamped output when nothing changed, and seals without a timestamp (B-B) once the setting is removed', async () => {
    const before = tsa.requests;
    const again = await build();
    expect(again.code, again.stdout).toBe(0);
    expect(tsa.requests).toBe(before);
    expect(timestampOf(signerInfoOf(readFileSync(out(NOTE_PDF))))).toBeDefined();

    configure(undefined);
    const plain = await build();
    expect(plain.code, plain.stdout).toBe(0);
    expect(tsa.requests).toBe(before);
    for (const file of pdfs(out())) expect(timestampOf(signerInfoOf(readFileSync(file))), file).toBeUndefined();
    configure(tsa.url);
  });
});

/**
 * The build as a real process with worker threads: workers start before the check (they learn
 * the TSA from the configuration as it is read then) and a TSA failure in a worker must reach the
 * CLI as the same Danish message. Asynchronous, so this process's TSA can answer meanwhile.
 */
describe('npm run build with »segl.tidsstempel_url« and worker threads', () => {
  const repo = new RepoCopy(['agreements', 'schemas', 'templates']);
  const runBuild = (out: string): Promise<CliResult> =>
    new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'cli', 'build.ts'), '--root', repo.root, '--out', out, '--today', TODAY, '--jobs', '2', '--quiet'],
        { cwd: REPO_ROOT, env: { ...process.env, ...ENV } },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  afterAll(() => repo.remove());

  it('timestamps the seals made in every thread', async () => {
    repo.write('.aftalerrc.json', JSON.stringify({ segl: { tidsstempel_url: tsa.url } }));
    tsa.mode = 'ok';
    const result = await runBuild('out');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const manifest = JSON.parse(repo.read('out/manifest.json')) as { files: Array<{ path: string }> };
    const sealed = [...new Set(manifest.files.filter((e) => e.path.endsWith('.pdf')).map((e) => e.path))];
    expect(sealed.length).toBeGreaterThan(40);
    for (const file of sealed) expect(timestampOf(signerInfoOf(readFileSync(repo.path(path.join('out', file))))), file).toBeDefined();
  }, 180_000);

  it('stops with the Danish message when the TSA fails in a worker thread, writing no out/', async () => {
    tsa.mode = 'http-error';
    try {
      const result = await runBuild('out-fejl');
      expect(result.code, result.stdout + result.stderr).toBe(1);
      expect(result.stdout).toContain(`Build afbrudt: segl/tidsstempel: tidsstemplet fra ${tsa.url} kunne ikke hentes: tjenesten svarede HTTP 500`);
      expect(result.stdout + result.stderr).not.toMatch(STACK_TRACE);
      expect(existsSync(repo.path('out-fejl'))).toBe(false);
    } finally {
      tsa.mode = 'ok';
    }
  }, 180_000);
});
