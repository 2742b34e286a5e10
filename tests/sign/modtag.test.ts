/**
 * npm run modtag on a scratch repository: the sealed output of one HSA is put in out/ with its
 * manifest entry, as a build leaves it, and countersigned with test certificates as incremental
 * updates (tests/sign/countersign.ts). Accepted files add their signers to the YAML; every
 * tampered file is refused with one Danish line and leaves the YAML as it was. verify reports
 * the seal and each later signature.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { manifestEntry, serializeManifest } from '../../scripts/emit/manifest.ts';
import { loadSigningIdentity } from '../../scripts/sign/keys.ts';
import { signPdf } from '../../scripts/sign/sign.ts';
import { STACK_TRACE } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { RepoCopy } from '../helpers/repo.ts';
import { countersign, type TestSigner, testSigner } from './countersign.ts';
import { renderWithPlaceholder } from './pdf.ts';

const ID = 'hsa-lejre-akutsygepleje';
const YAML = 'agreements/midt-og-vestsjaelland/lejre/hsa-lejre-akutsygepleje.yaml';
const OUT_PDF = `midt-og-vestsjaelland/350-lejre/${ID}.pdf`;
const SEAL_TIME = new Date(Date.UTC(2026, 1, 24, 12));
const MAYOR_TIME = new Date(Date.UTC(2026, 2, 20, 9, 30));
const DIRECTOR_TIME = new Date(Date.UTC(2026, 2, 23, 23, 30)); // 24 March in Denmark

let repo: RepoCopy;
let sealed: Buffer;
let mayor: TestSigner;
let director: TestSigner;
let originalYaml: string;

const modtag = (...args: string[]) => runInProcess('modtag', ['--root', repo.root, ...args]);

function write(name: string, bytes: Buffer): string {
  const file = repo.path(`modtaget/${name}`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return file;
}

interface Signatures {
  region: unknown[];
  kommune: Array<{ navn: string; titel: string; dato: string; kilde?: string }>;
}
const signatures = (): Signatures | undefined => (parse(repo.read(YAML)) as { underskrifter?: Signatures }).underskrifter;

beforeAll(async () => {
  repo = new RepoCopy(['agreements', 'schemas']);
  originalYaml = repo.read(YAML);
  // The sealed output as a build leaves it: the PDF in out/ and its manifest entry.
  const identity = await loadSigningIdentity({ root: repo.root, env: {} });
  sealed = await signPdf(await renderWithPlaceholder(SEAL_TIME, identity.subjectCN), identity, SEAL_TIME);
  const owner = { kind: 'hsa', id: ID, kommuner: ['350'], opgave: 'akutsygepleje', version: '2026-02-24', status: 'udkast', sources: [YAML] };
  repo.write(`out/${OUT_PDF}`, '');
  writeFileSync(repo.path(`out/${OUT_PDF}`), sealed);
  repo.write(
    'out/manifest.json',
    serializeManifest([manifestEntry(OUT_PDF, owner, sealed, { pages: 2, seal: { signer: identity.subjectCN, developmentSigned: true } })]),
  );
  mayor = await testSigner('modtag-test-borgmester', 'Jens Hansen', 'Lejre Kommune', 'Borgmester');
  director = await testSigner('modtag-test-direktoer', 'Anne Jensen', 'Lejre Kommune');
}, 60_000);
afterAll(() => repo.remove());

describe('npm run modtag', () => {
  it('records the signer of a countersigned PDF in the YAML, once', async () => {
    const file = write('lejre-underskrevet.pdf', await countersign(sealed, { signer: mayor, time: MAYOR_TIME }));
    const r = await modtag(file);
    expect(r.stderr).toBe('');
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain(`✔ Jens Hansen (Borgmester), 2026-03-20: tilføjet under underskrifter.kommune i ${YAML}`);
    expect(r.stdout).toMatch(/^Kommunen mangler 1 underskrift$/m);
    expect(r.stdout).toMatch(/^Regionen mangler \d underskrift(er)?$/m);
    expect(signatures()).toEqual({
      region: [],
      kommune: [{ navn: 'Jens Hansen', titel: 'Borgmester', dato: '2026-03-20', kilde: 'modtaget PDF lejre-underskrevet.pdf, signatur 2' }],
    });
    // Only added: every line of the file as it was is kept, comments and folded text included.
    expect(repo.read(YAML).startsWith(originalYaml)).toBe(true);

    const again = await modtag(file);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('· Jens Hansen, 2026-03-20: står allerede under underskrifter.kommune');
    expect(signatures()?.kommune).toHaveLength(1);
  });

  it('accepts a file countersigned from the kommune package’s copy when that copy was sealed apart', async () => {
    // With a TSA, each part of a split build seals the bundle copies it needs with its own
    // timestamp: the package's copy is then a different, equally valid sealed file. A later seal
    // time stands in for that here.
    const identity = await loadSigningIdentity({ root: repo.root, env: {} });
    const copyTime = new Date(SEAL_TIME.getTime() + 60_000);
    const copy = await signPdf(await renderWithPlaceholder(copyTime, identity.subjectCN), identity, copyTime);
    expect(copy.equals(sealed)).toBe(false);
    const COPY_PDF = `kommuner/350-lejre/${ID}.pdf`;
    const manifest = repo.read('out/manifest.json');
    const yamlBefore = repo.read(YAML);
    const owner = { kind: 'hsa', id: ID, kommuner: ['350'], opgave: 'akutsygepleje', version: '2026-02-24', status: 'udkast', sources: [YAML] };
    const seal = { signer: identity.subjectCN, developmentSigned: true };
    try {
      mkdirSync(path.dirname(repo.path(`out/${COPY_PDF}`)), { recursive: true });
      writeFileSync(repo.path(`out/${COPY_PDF}`), copy);
      repo.write(
        'out/manifest.json',
        serializeManifest([manifestEntry(OUT_PDF, owner, sealed, { pages: 2, seal }), manifestEntry(COPY_PDF, owner, copy, { pages: 2, seal })]),
      );
      const file = write('lejre-fra-pakken.pdf', await countersign(copy, { signer: director, time: DIRECTOR_TIME }));
      const r = await modtag(file, '--titel', 'Kommunaldirektør');
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(signatures()?.kommune.map((k) => k.navn)).toContain('Anne Jensen');
      // A file that starts from neither copy is still refused, measured against the document's own file.
      const other = await countersign(copy, { signer: director, time: DIRECTOR_TIME });
      other[1234] = (other[1234] ?? 0) ^ 0x01;
      const refused = await modtag(write('lejre-hverken-eller.pdf', other), '--dokument', ID);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain(`første revision afviger fra den forseglede udgave af ${ID} (byte 1234)`);
    } finally {
      repo.write('out/manifest.json', manifest);
      repo.write(YAML, yamlBefore);
    }
  });

  it('asks for --titel when the certificate has none, then appends the second signer to the list', async () => {
    const once = await countersign(sealed, { signer: mayor, time: MAYOR_TIME });
    const file = write('lejre-begge.pdf', await countersign(once, { signer: director, time: DIRECTOR_TIME }));
    const before = repo.read(YAML);
    const noTitle = await modtag(file);
    expect(noTitle.code).toBe(2);
    expect(noTitle.stderr).toContain('signatur 3 (Anne Jensen) har ingen titel i certifikatet; angiv den med --titel TITEL');
    expect(repo.read(YAML)).toBe(before);

    const r = await modtag(file, '--titel', 'Kommunaldirektør', '--dokument', ID);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('· Jens Hansen, 2026-03-20: står allerede');
    expect(r.stdout).toContain('✔ Anne Jensen (Kommunaldirektør), 2026-03-24');
    expect(r.stdout).not.toMatch(/Kommunen mangler/);
    expect(signatures()?.kommune.map((s) => [s.navn, s.dato, s.kilde])).toEqual([
      ['Jens Hansen', '2026-03-20', 'modtaget PDF lejre-underskrevet.pdf, signatur 2'],
      ['Anne Jensen', '2026-03-24', 'modtaget PDF lejre-begge.pdf, signatur 3'],
    ]);
  });

  describe('refuses, with one Danish line and the YAML untouched', () => {
    const refused = async (file: string, message: string, ...args: string[]) => {
      const before = repo.read(YAML);
      const r = await modtag(file, ...args);
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(r.stdout).toBe(`${file}: ${message}\n`);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(repo.read(YAML)).toBe(before);
    };

    it('a file whose first revision differs from the sealed output by one byte', async () => {
      const signed = await countersign(sealed, { signer: mayor, time: MAYOR_TIME });
      const position = 1234;
      signed[position] = (signed[position] ?? 0) ^ 0x01;
      await refused(write('en-byte.pdf', signed), `første revision afviger fra den forseglede udgave af ${ID} (byte ${position}).`);
    });

    it('an update that points a page at new content, or replaces a content stream', async () => {
      const stream = 'q 1 0 0 1 72 720 cm BT /F1 12 Tf (Nyt indhold) Tj ET Q';
      const newPage = await countersign(sealed, {
        signer: mayor,
        time: MAYOR_TIME,
        extraObjects: (free) => ({
          text: `${free} 0 obj\n<< /Length ${stream.length} >>\nstream\n${stream}\nendstream\nendobj\n`,
          count: 1,
          pageChanges: (page) => page.set('Contents', { type: 'ref', num: free, gen: 0 }),
        }),
      });
      const page = /(\d+) 0 obj\n<<\n\/Type \/Page\n(?:.*\n)*?\/Contents (\d+) 0 R/.exec(sealed.toString('latin1'));
      // countersign puts its widget on the first page of /Kids, which pdfkit writes first.
      await refused(write('ny-side.pdf', newPage), `revision 2 ændrer indhold (objekt ${page?.[1] ?? '?'} 0 R, side: /Contents).`);

      const contents = Number(page?.[2]);
      const replaced = await countersign(sealed, {
        signer: mayor,
        time: MAYOR_TIME,
        extraObjects: () => ({ text: `${contents} 0 obj\n<< /Length ${stream.length} >>\nstream\n${stream}\nendstream\nendobj\n`, count: 0 }),
      });
      await refused(write('nyt-indhold.pdf', replaced), `revision 2 ændrer indhold (objekt ${contents} 0 R, sideindhold).`);
    });

    it('a later signature whose digest does not match its byte range', async () => {
      const broken = await countersign(sealed, { signer: mayor, time: MAYOR_TIME, brokenDigest: true });
      await refused(
        write('forkert-hash.pdf', broken),
        'signatur 2 (revision 2) er ugyldig: Indholdet er ændret efter underskriften (hashværdien passer ikke).',
      );
    });

    it('a file with only the seal, and a build output that is missing', async () => {
      await refused(write('kun-forseglet.pdf', sealed), 'filen har ingen underskrifter ud over regionens forsegling.');
      const signed = write('uden-build.pdf', await countersign(sealed, { signer: mayor, time: MAYOR_TIME }));
      await refused(signed, 'tom/manifest.json findes ikke; kør npm run build først.', '--out', 'tom');
    });
  });

  it('exits 2 on usage errors, with Danish help', async () => {
    expect((await modtag()).code).toBe(2);
    const part = await modtag(repo.path('x.pdf'), '--part', 'amt');
    expect(part.code).toBe(2);
    expect(part.stderr).toContain('--part skal være kommune eller region, ikke »amt«');
    const help = await modtag('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Brug: npm run modtag -- FIL.pdf');
  });
});

describe('npm run verify on a countersigned PDF', () => {
  it('reports the seal, then each later signature with signer, time and validity', async () => {
    const once = await countersign(sealed, { signer: mayor, time: MAYOR_TIME });
    const file = write('verify/begge.pdf', await countersign(once, { signer: director, time: DIRECTOR_TIME }));
    const r = await runInProcess('verify', [file], { AFTALER_VERIFY_CA: '' });
    expect(r.code, r.stdout).toBe(3); // intact, but no trust anchor given for the seal
    expect(r.stdout).toContain('Underskrift 2: Jens Hansen, Borgmester · 20. marts 2026 kl. 10.30.00 CET · gyldig (revision 2)');
    expect(r.stdout).toContain('Underskrift 3: Anne Jensen · 24. marts 2026 kl. 00.30.00 CET · gyldig (revision 3)');

    const json = await runInProcess('verify', ['--format', 'json', file], { AFTALER_VERIFY_CA: '' });
    const report = JSON.parse(json.stdout) as { files: Array<{ verdict: string; laterSignatures: Array<{ signer: string; valid: boolean }> }> };
    expect(report.files[0]?.laterSignatures.map((s) => [s.signer, s.valid])).toEqual([
      ['Jens Hansen', true],
      ['Anne Jensen', true],
    ]);
  });

  it('refuses a countersigned file whose update changes content or whose signature is broken', async () => {
    const broken = write('verify/forkert-hash.pdf', await countersign(sealed, { signer: mayor, time: MAYOR_TIME, brokenDigest: true }));
    const r = await runInProcess('verify', [broken], { AFTALER_VERIFY_CA: '' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Underskrift 2: Jens Hansen, Borgmester · 20. marts 2026 kl. 10.30.00 CET · UGYLDIG (revision 2)');
    expect(r.stdout).toContain('Signatur 2 (revision 2): Indholdet er ændret efter underskriften (hashværdien passer ikke).');
    const contents = Number(/\/Contents (\d+) 0 R/.exec(sealed.toString('latin1'))?.[1]);
    const changed = write(
      'verify/nyt-indhold.pdf',
      await countersign(sealed, {
        signer: mayor,
        time: MAYOR_TIME,
        extraObjects: () => ({ text: `${contents} 0 obj\n<< /Length 2 >>\nstream\nq \nendstream\nendobj\n`, count: 0 }),
      }),
    );
    const c = await runInProcess('verify', [changed], { AFTALER_VERIFY_CA: '' });
    expect(c.code).toBe(1);
    expect(c.stdout).toContain(
      `Der er tilføjet data efter forseglingen, som ikke kun tilføjer underskrifter: revision 2 ændrer indhold (objekt ${contents} 0 R, sideindhold).`,
    );
  });
});
