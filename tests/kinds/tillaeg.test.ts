/**
 * A tillæg (tillægsaftale) in a temporary repository: one approved HSA (Lejre, akutsygepleje)
 * and tillæg 1, which changes the annual amount and the opfølgning and adds a clause. The tillæg
 * renders old → new clause by clause, the consolidated text of the HSA has the new values with
 * its changed clauses marked and the added clause in place, both land in the kommune's folder and
 * bundle, and `npm run new -- tillaeg --til` makes tillæg 2 that passes the check. The data is
 * SYNTETISK.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { hsa } from '../../scripts/kinds/hsa.ts';
import { renderedDocuments } from '../../scripts/kinds/index.ts';
import { build } from '../../scripts/pipeline/build.ts';
import { renderDocument } from '../../scripts/render/render-document.ts';
import { loadTemplates } from '../../scripts/render/templates.ts';
import { scaffold } from '../../scripts/tooling/scaffold.ts';
import { SchemaDocs } from '../../scripts/validate/schema-docs.ts';
import { HSA_CLAUSES_YAML } from '../helpers/approved-clauses.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

const DIR = 'agreements/midt-og-vestsjaelland/lejre';
const HSA = `${DIR}/hsa-lejre-akutsygepleje.yaml`;
const TILLAEG = `${DIR}/tillaeg-lejre-akutsygepleje-1.yaml`;

const TILLAEG_1 = `# SYNTETISK testdata
dokumenttype: tillaeg
id: tillaeg-lejre-akutsygepleje-1
dokid: null
til: hsa-lejre-akutsygepleje
til_version: 2026-02-24
nummer: 1
kommune: "350"
version: 2026-10-01
status: godkendt
ikrafttraeden: 2027-03-01
formaal: De nye kvalitetsstandarder foreligger, og økonomien tilpasses dem.
aendringer:
  felter:
    - sti: finansiering.aarligt_beloeb_kr
      vaerdi: 1500000
      begrundelse: Tilpasset de nye kvalitetsstandarder.
    - sti: opfoelgning
      vaerdi: Parterne mødes hvert kvartal og følger op på de nye kvalitetsstandarder.
  afsnit:
    - titel: Kvalitetsstandarder
      tekst: Kommunen leverer ydelserne efter de **nye** kvalitetsstandarder.
      efter: Økonomi og afregning
godkendelser:
  regionsraad: 2026-11-10
  kommunalbestyrelse: 2026-11-12
`;

describe('a tillæg to an HSA', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'aftaler-tillaeg-'));
    for (const part of ['schemas', 'templates', 'agreements/reference', HSA]) cpSync(path.join(REPO_ROOT, part), path.join(root, part), { recursive: true });
    const hsaText = readFileSync(path.join(root, HSA), 'utf8')
      .replace('status: udkast', 'status: godkendt')
      // An approved agreement has no »Udestår« left (tekst/udestaar): the test writes the two open texts.
      .replace(/(finansiering:\n {2}beskrivelse: )>-\n(?: {4}.*\n)+/, '$1Regionen finansierer kommunens drift af opgaven.\n')
      .replace(/mislighold: >-\n(?: {2}.*\n)+/, 'mislighold: Testtekst om mislighold.\n')
      .replace('aarligt_beloeb_kr: null', 'aarligt_beloeb_kr: 1234567')
      .replace(/regionsraad: null/, 'regionsraad: 2026-03-17')
      .replace(/kommunalbestyrelse: null/, 'kommunalbestyrelse: 2026-03-25')
      .concat(HSA_CLAUSES_YAML);
    writeFileSync(path.join(root, HSA), hsaText);
    writeFileSync(path.join(root, TILLAEG), TILLAEG_1);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('declares the clauses the HSA template renders, in order', async () => {
    const { repo } = await checkRepository(root, { today: '2026-12-01' });
    const base = repo.byId('hsa-lejre-akutsygepleje')!;
    const withAll = { ...base, data: { ...base.data, kapacitet: { pladser: 1 }, forbehold: ['Et forbehold.'] } } as typeof base;
    const { markdown } = renderDocument(repo, loadTemplates(root), withAll as never);
    const headings = [...markdown.matchAll(/^## § \d+\. (.*)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(hsa.clauses!.map((c) => c.heading));
  });

  it('is checked clean, and derives the consolidated text of the HSA', async () => {
    const check = await checkRepository(root, { today: '2026-12-01' });
    expect(check.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const ids = renderedDocuments(check.repo).map((d) => d.data.id);
    expect(ids).toEqual(['hsa-lejre-akutsygepleje', 'tillaeg-lejre-akutsygepleje-1', 'hsa-lejre-akutsygepleje-konsolideret']);
  });

  it('renders the tillæg old → new and the consolidated text, sealed and bundled', async () => {
    const result = await build({ root, out: 'out', today: '2026-12-01', env: { SOURCE_DATE_EPOCH: '1790000000' }, jobs: 1 });
    expect(result.ok, result.ok ? '' : JSON.stringify(result.reason)).toBe(true);
    if (!result.ok) return;
    const folder = path.join(root, 'out', 'midt-og-vestsjaelland', '350-lejre');

    const tillaeg = readFileSync(path.join(folder, 'tillaeg-lejre-akutsygepleje-1.md'), 'utf8');
    expect(tillaeg).toContain('# Tillæg 1 til horisontal samarbejdsaftale om akutsygepleje');
    expect(tillaeg).toMatch(/^### 3\.1 Økonomi og afregning$/m);
    // The amount as the HSA formats it, old then new.
    expect(tillaeg).toMatch(/\*\*Hidtil:\*\*\n\n1\.234\.567 kr\.\n\n\*\*Fremover:\*\*\n\n1\.500\.000 kr\./);
    expect(tillaeg).toContain('Begrundelse: Tilpasset de nye kvalitetsstandarder.');
    expect(tillaeg).toMatch(/^### 3\.2 Opfølgning og evaluering$/m);
    expect(tillaeg).toMatch(/\*\*Hidtil:\*\*\n\nParterne følger løbende op på samarbejdet\.[^]*\*\*Fremover:\*\*\n\nParterne mødes hvert kvartal/);
    expect(tillaeg).toMatch(/^### 4\.1 Kvalitetsstandarder$/m);
    expect(tillaeg).toContain('Indsættes i aftalen efter afsnittet »Økonomi og afregning«.');
    expect(tillaeg).toMatch(/^## § \d+\. Underskrifter$/m);
    expect(tillaeg).toContain('| Regionsrådet | 10. november 2026 |');

    const consolidated = readFileSync(path.join(folder, 'hsa-lejre-akutsygepleje-konsolideret.md'), 'utf8');
    expect(consolidated).toContain('# Horisontal samarbejdsaftale om akutsygepleje som ændret ved tillæg 1');
    expect(consolidated).toMatch(/^## § 7\. Økonomi og afregning \(ændret ved tillæg 1\)$/m);
    expect(consolidated).toContain('Årligt beløb: 1.500.000 kr.');
    expect(consolidated).not.toContain('1.234.567');
    expect(consolidated).toMatch(/^## § 7 a\. Kvalitetsstandarder \(indsat ved tillæg 1\)$/m);
    expect(consolidated).toContain('Kommunen leverer ydelserne efter de **nye** kvalitetsstandarder.');
    expect(consolidated).toMatch(/^## § 8\. Data og journalføring$/m);
    expect(consolidated).toMatch(/^## § 10\. Opfølgning og evaluering \(ændret ved tillæg 1\)$/m);
    expect(consolidated).toContain('Parterne mødes hvert kvartal');
    expect(consolidated).toMatch(/^## § 19\. Underskrifter$/m);

    // The HSA itself is unchanged: its signed text never moves.
    const own = readFileSync(path.join(folder, 'hsa-lejre-akutsygepleje.md'), 'utf8');
    expect(own).toContain('Årligt beløb: 1.234.567 kr.');
    expect(own).not.toContain('ændret ved');

    for (const id of ['tillaeg-lejre-akutsygepleje-1', 'hsa-lejre-akutsygepleje-konsolideret']) {
      expect(
        readFileSync(path.join(folder, `${id}.pdf`))
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      const entries = result.entries.filter((e) => e.id === id).map((e) => e.path);
      expect(entries).toContain(`kommuner/350-lejre/${id}.pdf`);
    }
    const consolidatedEntry = result.entries.find((e) => e.path.endsWith('hsa-lejre-akutsygepleje-konsolideret.md'))!;
    expect(consolidatedEntry.kind).toBe('konsolideret');
    expect(consolidatedEntry.sources).toEqual(expect.arrayContaining([HSA, TILLAEG, 'templates/hsa.md.hbs']));
    const tillaegEntry = result.entries.find((e) => e.path.endsWith('tillaeg-lejre-akutsygepleje-1.md'))!;
    expect(tillaegEntry.sources).toEqual(expect.arrayContaining([HSA, TILLAEG, 'templates/tillaeg.md.hbs']));
  });

  it('refuses an unknown agreement with the likely one (»mente du …?«)', async () => {
    const { repo } = await checkRepository(root, { today: '2026-12-01' });
    expect(() => scaffold(repo, new SchemaDocs(root), { kind: 'tillaeg', til: 'hsa-lejre-akutsygeplje' }, { today: '2026-12-01' })).toThrow(
      'der findes intet dokument med id »hsa-lejre-akutsygeplje« – mente du »hsa-lejre-akutsygepleje«?',
    );
  });

  it('is scaffolded as the next tillæg, and the new file passes the check', async () => {
    const { repo } = await checkRepository(root, { today: '2026-12-01' });
    const made = scaffold(repo, new SchemaDocs(root), { kind: 'tillaeg', til: 'hsa-lejre-akutsygepleje' }, { today: '2026-12-01' });
    expect(made.file).toBe(`${DIR}/tillaeg-lejre-akutsygepleje-2.yaml`);
    expect(made.text).toContain('nummer: 2');
    expect(made.text).toContain('til_version: 2026-02-24');
    expect(made.text).toContain('kommune: "350"');
    // Not before tillæg 1's ikrafttræden.
    expect(made.text).toContain('ikrafttraeden: 2027-03-01');
    writeFileSync(path.join(root, made.file), made.text);
    try {
      const check = await checkRepository(root, { today: '2026-12-01' });
      expect(check.diagnostics.filter((d) => d.file === made.file)).toEqual([]);
    } finally {
      rmSync(path.join(root, made.file));
    }
  });
});
