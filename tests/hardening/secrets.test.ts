import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFile } from '../../scripts/pipeline/cache.ts';
import { STACK_TRACE } from '../helpers/cli.ts';
import { RepoCopy } from '../helpers/repo.ts';
import { createTestPki, PASSPHRASE, type TestPki } from '../sign/pki.ts';
import { removeTempDirs } from '../sign/tools.ts';
import { TODAY, runCommand, treeHashes, type NodeRun } from './support.ts';

/** Every way the secret could appear: as text, base64, hex; the key as PEM lines and as DER. */
function needles(pki: TestPki): Array<{ what: string; bytes: Buffer }> {
  const pem = readFileSync(path.join(pki.dir, 'region-leaf.key'), 'utf8');
  const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const der = Buffer.from(body, 'base64');
  const lines = pem.split('\n').filter((l) => l.length === 64); // whole PEM lines: any partial leak
  const p12 = readFileSync(pki.region.p12);
  return [
    { what: 'passphrase', bytes: Buffer.from(PASSPHRASE) },
    { what: 'passphrase (base64)', bytes: Buffer.from(Buffer.from(PASSPHRASE).toString('base64')) },
    { what: 'passphrase (hex)', bytes: Buffer.from(Buffer.from(PASSPHRASE).toString('hex')) },
    { what: 'private key (base64 body)', bytes: Buffer.from(body) },
    ...lines.map((l, i) => ({ what: `private key PEM line ${i + 1}`, bytes: Buffer.from(l) })),
    { what: 'private key (DER)', bytes: der },
    { what: 'PKCS#12 (base64, first 64 characters)', bytes: Buffer.from(p12.toString('base64').slice(0, 64)) },
  ];
}

function expectNoSecret(haystacks: Array<{ where: string; bytes: Buffer }>, secrets: ReturnType<typeof needles>): void {
  for (const h of haystacks) for (const s of secrets) expect(h.bytes.includes(s.bytes), `${s.what} in ${h.where}`).toBe(false);
}

const output = (r: NodeRun) => [
  { where: 'stdout', bytes: Buffer.from(r.stdout) },
  { where: 'stderr', bytes: Buffer.from(r.stderr) },
];

describe('the signing passphrase and key never appear in output, logs, manifests or errors', () => {
  const repo = new RepoCopy(['agreements', 'schemas', 'templates']);
  let pki: TestPki;
  let secrets: ReturnType<typeof needles>;
  // The test certificate is valid from now on, so the seal time must not be older.
  const sealTime = () => String(Math.floor(Date.now() / 1000) + 60);
  const build = (env: NodeJS.ProcessEnv) =>
    // --jobs 2: the passphrase must not leak through a worker thread either (by default this small build renders in one).
    runCommand('build', ['--root', repo.root, '--today', TODAY, '--require-certificate', '--jobs', '2'], {
      env: { SOURCE_DATE_EPOCH: sealTime(), AFTALER_DEBUG: '', ...env },
    });

  beforeAll(() => {
    pki = createTestPki();
    secrets = needles(pki);
  });
  afterAll(() => {
    repo.remove();
    removeTempDirs();
  });

  it('a sealed build: not in stdout, stderr, any file in out/ (manifests included) or the build cache', () => {
    const r = build({ AFTALER_SIGN_P12: pki.region.p12, AFTALER_SIGN_PASSPHRASE: PASSPHRASE });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const files = [...treeHashes(repo.path('out')).keys()].map((f) => path.join('out', f));
    // The build cache lives outside the repository (see cache-file.ts): its folder for this root.
    const cacheDir = path.dirname(cacheFile(repo.root, repo.path('out'))!);
    const cached = [...treeHashes(cacheDir).keys()].map((f) => path.join(cacheDir, f));
    expect(cached.length).toBeGreaterThan(0);
    expect(files).toContain(path.join('out', 'manifest.json'));
    expect(files.some((f) => f.endsWith('.pdf'))).toBe(true);
    expectNoSecret(
      [...output(r), ...files.map((f) => ({ where: f, bytes: readFileSync(repo.path(f)) })), ...cached.map((f) => ({ where: f, bytes: readFileSync(f) }))],
      secrets,
    );
  }, 180_000);

  it('a wrong passphrase: one Danish line that names neither passphrase nor key', () => {
    const wrong = `${PASSPHRASE}-forkert`;
    const r = build({ AFTALER_SIGN_P12: pki.region.p12, AFTALER_SIGN_PASSPHRASE: wrong });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Build afbrudt: .+\n$/m);
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
    expectNoSecret(output(r), [...secrets, { what: 'the wrong passphrase', bytes: Buffer.from(wrong) }]);
  }, 60_000);

  it('the PKCS#12 as base64 in the environment, with a wrong passphrase: the base64 is not echoed', () => {
    const base64 = readFileSync(pki.region.p12).toString('base64');
    const r = build({ AFTALER_SIGN_P12_BASE64: base64, AFTALER_SIGN_PASSPHRASE: 'forkert' });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
    expectNoSecret(output(r), secrets);
  }, 60_000);
});
