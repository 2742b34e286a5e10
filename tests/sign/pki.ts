/**
 * Test PKI made with the openssl CLI (an implementation independent of the
 * code under test): a CA with a sealing certificate packed as a PKCS#12 the
 * way `openssl pkcs12 -export` does by default (PBES2/AES-256, HMAC-SHA256),
 * a second unrelated CA + certificate, and a legacy 3DES PKCS#12.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { mustRun, tempDir } from './tools.ts';

export const PASSPHRASE = 'Hemmelig-Æøå-7391-kodeord';
export const LEAF_CN = 'Region Østdanmark – Testsegl';

interface TestCa {
  caPem: string;
  leafPem: string;
  p12: string;
}

export interface TestPki {
  dir: string;
  region: TestCa;
  other: TestCa;
  /** Same key and certificate as region.p12, with PKCS#12 3DES encryption and SHA-1 MAC. */
  legacyP12: string;
}

export function createTestPki(): TestPki {
  const dir = tempDir('pki');
  const region = createCa(dir, 'region', 'Test CA Region Østdanmark', LEAF_CN);
  const other = createCa(dir, 'other', 'Anden Test CA', 'Anden Myndighed – Testsegl');
  const legacyP12 = path.join(dir, 'legacy.p12');
  mustRun('openssl', [
    'pkcs12',
    '-export',
    '-inkey',
    path.join(dir, 'region-leaf.key'),
    '-in',
    region.leafPem,
    '-certfile',
    region.caPem,
    '-keypbe',
    'PBE-SHA1-3DES',
    '-certpbe',
    'PBE-SHA1-3DES',
    '-macalg',
    'sha1',
    '-out',
    legacyP12,
    '-passout',
    `pass:${PASSPHRASE}`,
  ]);
  return { dir, region, other, legacyP12 };
}

function createCa(dir: string, name: string, caCN: string, leafCN: string): TestCa {
  const file = (suffix: string): string => path.join(dir, `${name}-${suffix}`);
  mustRun('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-utf8',
    '-days',
    '3650',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-subj',
    `/C=DK/O=Test/CN=${caCN}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  mustRun('openssl', [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-utf8',
    '-keyout',
    file('leaf.key'),
    '-out',
    file('leaf.csr'),
    '-subj',
    `/C=DK/O=Region Østdanmark/CN=${leafCN}`,
  ]);
  writeFileSync(file('leaf.ext'), 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n');
  mustRun('openssl', [
    'x509',
    '-req',
    '-in',
    file('leaf.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '365',
    '-extfile',
    file('leaf.ext'),
    '-out',
    file('leaf.pem'),
  ]);
  // Default settings on purpose: this is what the region's PKI people will hand over.
  mustRun('openssl', [
    'pkcs12',
    '-export',
    '-inkey',
    file('leaf.key'),
    '-in',
    file('leaf.pem'),
    '-certfile',
    file('ca.pem'),
    '-out',
    file('leaf.p12'),
    '-passout',
    `pass:${PASSPHRASE}`,
  ]);
  return { caPem: file('ca.pem'), leafPem: file('leaf.pem'), p12: file('leaf.p12') };
}
