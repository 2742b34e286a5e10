import { createHash } from 'node:crypto';
import { symlinkSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRules } from '../../scripts/check/rule.ts';
import { rules } from '../../scripts/check/rules/index.ts';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { toJson } from '../../scripts/diagnostics/report-json.ts';
import { Fixture, at, check, of, related, type BilagOption } from './helpers.ts';

/**
 * Cases without underpunkter, so positions are simple: line 21 is »bilag:«, a document bilag k
 * has its dokument on line 22 + 2k (col 15) and its version on 23 + 2k (col 14).
 */
const doc = (dokument: string, version: string | null = '2026-02-24'): BilagOption => (version === null ? { dokument } : { dokument, version });
const ekstern = (fil?: string, sha256?: string): BilagOption => ({ eksternt: { titel: 'Kommunernes tilbagemelding', dokid: '12721612', fil, sha256 } });
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('bilag rules', () => {
  let fx: Fixture;
  beforeEach(() => {
    fx = new Fixture();
  });
  afterEach(() => fx.cleanup());

  describe('bilag/nummerering', () => {
    it('reports a group that appears again after another group, at its later entry, naming the earlier', async () => {
      fx.hsa({ kommune: '316', opgave: 'akutsygepleje' });
      fx.hsa({ kommune: '316', opgave: 'sundheds-og-omsorgspladser' });
      fx.hsa({ kommune: '326', opgave: 'akutsygepleje' });
      const sag = fx.sag({ underpunkter: [], bilag: [doc('hsa-holbaek-akutsygepleje'), doc('hsa-holbaek-sundheds-og-omsorgspladser'), doc('hsa-kalundborg-akutsygepleje')] });
      const findings = await check(fx.root);
      expect(at(findings, 'bilag/nummerering')).toEqual([`${sag}:26:15 error`]);
      const hit = of(findings, 'bilag/nummerering')[0];
      expect(hit!.message).toBe(
        'Bilaget hører til samme gruppe som bilag 1 (samarbejdsaftalerne om akutsygepleje), men står ikke i forlængelse af dem, så gruppen får to numre (1 og 3); flyt det op efter bilag 1',
      );
      expect(related(hit)).toEqual([`${sag}:22:15 gruppens hidtil sidste bilag (1)`]);
    });

    it('reports a group split by an external bilag', async () => {
      fx.hsa({ kommune: '316' });
      fx.hsa({ kommune: '326' });
      const sag = fx.sag({ underpunkter: [], bilag: [doc('hsa-holbaek-akutsygepleje'), ekstern(), doc('hsa-kalundborg-akutsygepleje')] });
      // The external entry (without fil) takes three lines, 24–26, so the third entry starts on 27.
      expect(at(await check(fx.root), 'bilag/nummerering')).toEqual([`${sag}:27:15 error`]);
    });

    it('accepts contiguous groups, and leaves a missing target to ref/unknown-document', async () => {
      fx.hsa({ kommune: '316' });
      fx.hsa({ kommune: '326' });
      fx.hsa({ kommune: '316', opgave: 'sundheds-og-omsorgspladser' });
      fx.sag({ underpunkter: [], bilag: [doc('hsa-holbaek-akutsygepleje'), doc('hsa-kalundborg-akutsygepleje'), doc('hsa-holbaek-sundheds-og-omsorgspladser'), ekstern()] });
      fx.sag({ id: 'sag-med-hul', underpunkter: [], bilag: [doc('hsa-holbaek-akutsygepleje'), doc('hsa-findes-ikke'), doc('hsa-kalundborg-akutsygepleje')] });
      const findings = await check(fx.root);
      expect(at(findings, 'bilag/nummerering')).toEqual([]);
      expect(at(findings, 'ref/unknown-document')).toEqual(['agreements/sag-med-hul.yaml:24:15 error']);
    });
  });

  describe('bilag/stale-version', () => {
    it('reports a bilag attaching an older version, at its version line, naming the document file', async () => {
      const hsa = fx.hsa({ version: '2026-03-01' });
      const sag = fx.sag({ underpunkter: [], bilag: [doc('hsa-holbaek-akutsygepleje', '2026-02-24')] });
      const findings = await check(fx.root);
      expect(at(findings, 'bilag/stale-version')).toEqual([`${sag}:23:14 error`]);
      const hit = of(findings, 'bilag/stale-version')[0];
      expect(hit!.message).toBe(
        `Sagen vedlægger V20260224 af »hsa-holbaek-akutsygepleje«, men dokumentet (${hsa}) er nu V20260301; ret bilagets version til 2026-03-01, hvis sagen skal have den nye version med`,
      );
      expect(related(hit)).toEqual([`${hsa}:4:10 dokumentets gældende version`]);
    });

    it('accepts the current version', async () => {
      fx.hsa({ version: '2026-03-01' });
      fx.sag({ underpunkter: [], bilag: [doc('hsa-holbaek-akutsygepleje', '2026-03-01')] });
      expect(at(await check(fx.root), 'bilag/stale-version')).toEqual([]);
    });
  });

  describe('bilag/version-mismatch', () => {
    it('reports a newer version than the document has, and documents without a version', async () => {
      const hsa = fx.hsa();
      const deling = fx.delingsaftale();
      const anmodning = fx.anmodning();
      const sag = fx.sag({ underpunkter: [], bilag: [doc('hsa-holbaek-akutsygepleje', '2026-03-01'), doc('delingsaftale-holbaek'), doc('anmodning-holbaek-akutsygepleje')] });
      const findings = await check(fx.root);
      expect(at(findings, 'bilag/version-mismatch')).toEqual([`${sag}:23:14 error`, `${sag}:25:14 error`, `${sag}:27:5 error`]);
      const [newer, none, versionless] = of(findings, 'bilag/version-mismatch');
      expect(newer!.message).toBe(`Sagen vedlægger V20260301 af »hsa-holbaek-akutsygepleje«, men dokumentet (${hsa}) er V20260224; den nyere version findes ikke`);
      expect(related(newer)).toEqual([`${hsa}:4:10 dokumentets gældende version`]);
      expect(none!.message).toMatch(/men dokumentet \(agreements\/delingsaftale-holbaek\.yaml\) har ingen version/);
      expect(related(none)).toEqual([`${deling}:4:10 version er ikke udfyldt`]);
      expect(versionless!.message).toBe(`»anmodning-holbaek-akutsygepleje« (${anmodning}) har ingen versioner; fjern »version« fra bilaget`);
      expect(related(versionless)).toEqual([`${anmodning}:2:5 dokumentet`]);
    });

    it('wants a version for an agreement, and none for an anmodning', async () => {
      const hsa = fx.hsa();
      fx.anmodning();
      const sag = fx.sag({ underpunkter: [], bilag: [doc('hsa-holbaek-akutsygepleje', null), doc('anmodning-holbaek-akutsygepleje', null)] });
      const findings = await check(fx.root);
      expect(at(findings, 'bilag/version-mismatch')).toEqual([`${sag}:22:15 error`]);
      const [missing] = of(findings, 'bilag/version-mismatch');
      expect(missing!.message).toBe('Angiv hvilken version af »hsa-holbaek-akutsygepleje« sagen vedlægger (»version: 2026-02-24«)');
      expect(related(missing)).toEqual([`${hsa}:4:10 dokumentets gældende version`]);
    });

    it('accepts the same version, and does not repeat the stale finding', async () => {
      fx.hsa({ version: '2026-03-01' });
      fx.delingsaftale({ version: '2026-05-01' });
      fx.sag({ underpunkter: [], bilag: [doc('hsa-holbaek-akutsygepleje', '2026-02-24'), doc('delingsaftale-holbaek', '2026-05-01')] });
      expect(at(await check(fx.root), 'bilag/version-mismatch')).toEqual([]);
    });
  });

  describe('bilag/unknown-mention', () => {
    // Two bilag (1a, 1b): 21 bilag:, 22–25 entries, 26 sagsfremstilling: >-, text from 27.
    const text = '>-\n  Se bilag 1 og\n  bilag 2a samt bilag\n  3.';

    it('reports each number the list lacks at the word itself, inside a folded block', async () => {
      fx.hsa({ kommune: '316' });
      fx.hsa({ kommune: '326' });
      const sag = fx.sag({ underpunkter: [], bilag: [doc('hsa-holbaek-akutsygepleje'), doc('hsa-kalundborg-akutsygepleje')], sagsfremstilling: text });
      const findings = await check(fx.root);
      expect(at(findings, 'bilag/unknown-mention')).toEqual([`${sag}:28:9 error`, `${sag}:29:3 error`]);
      const [first, second] = of(findings, 'bilag/unknown-mention');
      expect(first!.message).toBe('Teksten henviser til bilag 2a, men sagens bilag er 1a–1b');
      expect(second!.message).toBe('Teksten henviser til bilag 3, men sagens bilag er 1a–1b');
      expect(related(first)).toEqual([`${sag}:21:1 sagens bilagsliste`]);
      expect(first!.endColumn).toBe(11);
    });

    it('points at the start of the field when the caller gives no repository root', async () => {
      fx.hsa({ kommune: '316' });
      fx.hsa({ kommune: '326' });
      const sag = fx.sag({ underpunkter: [], bilag: [doc('hsa-holbaek-akutsygepleje'), doc('hsa-kalundborg-akutsygepleje')], sagsfremstilling: text });
      const result = await checkRepository(fx.root, { today: '2026-01-15' });
      // runRules without a root, as a caller that cannot read files beside the YAML would run it.
      const rootless = runRules(rules, result.repo, { today: '2026-01-15' });
      expect(at(toJson(rootless, result.load.sources), 'bilag/unknown-mention')).toEqual([`${sag}:26:19 error`, `${sag}:26:19 error`]);
    });

    it('accepts numbers that exist, a group number, and a case with no mentions', async () => {
      fx.hsa({ kommune: '316' });
      fx.hsa({ kommune: '326' });
      fx.sag({ underpunkter: [], bilag: [doc('hsa-holbaek-akutsygepleje'), doc('hsa-kalundborg-akutsygepleje'), ekstern()], sagsfremstilling: '"Se Bilag 1a–1b, bilag 1 samlet og bilag 2 (DokID 12721612)."' });
      expect(at(await check(fx.root), 'bilag/unknown-mention')).toEqual([]);
    });
  });

  describe('bilag/external-file and bilag/sha256', () => {
    // One external bilag with fil and sha256 takes five lines: 22 »- eksternt:«, 25 fil (col 12), 26 sha256 (col 15).
    it('refuses a missing file, a path out of the repository, an absolute path and a symlink', async () => {
      fx.write('agreements/bilag/rigtig.pdf', 'pdf');
      symlinkSync('rigtig.pdf', fx.path('agreements/bilag/genvej.pdf'));
      const s = sha('pdf');
      const sag = fx.sag({
        underpunkter: [],
        bilag: [ekstern('bilag/mangler.pdf', s), ekstern('../../udenfor.pdf', s), ekstern('/etc/hostname', s), ekstern('bilag/genvej.pdf', s)],
      });
      const findings = await check(fx.root);
      expect(at(findings, 'bilag/external-file')).toEqual([`${sag}:25:12 error`, `${sag}:30:12 error`, `${sag}:35:12 error`, `${sag}:40:12 error`]);
      expect(of(findings, 'bilag/external-file').map((f) => f.message)).toEqual([
        'Filen »agreements/bilag/mangler.pdf« findes ikke',
        'Stien »../../udenfor.pdf« peger uden for agreements/; bilagsfiler skal ligge i en mappe ved navn bilag under agreements/, fx bilag/navn.pdf ved siden af sagen',
        'Stien »/etc/hostname« er absolut; angiv den relativt til YAML-filen, fx bilag/navn.pdf',
        '»agreements/bilag/genvej.pdf« er et symbolsk link; læg bilaget ind som en almindelig fil',
      ]);
      // A file that cannot be used has no checksum to compare.
      expect(at(findings, 'bilag/sha256')).toEqual([]);
    });

    it('reports a checksum that does not match the file, at the sha256 line', async () => {
      fx.write('agreements/bilag/tilbagemelding.pdf', 'version 2');
      const sag = fx.sag({ underpunkter: [], bilag: [ekstern('bilag/tilbagemelding.pdf', sha('version 1'))] });
      const findings = await check(fx.root);
      expect(at(findings, 'bilag/sha256')).toEqual([`${sag}:26:15 error`]);
      expect(of(findings, 'bilag/sha256')[0]!.message).toBe(
        `Filen »agreements/bilag/tilbagemelding.pdf« har SHA-256 ${sha('version 2')}, ikke den angivne; filen er ændret efter vedlæggelsen, eller sha256 skal opdateres`,
      );
    });

    it('accepts a file in the repository with its checksum, and an external bilag without a file', async () => {
      fx.write('agreements/bilag/tilbagemelding.pdf', 'version 1');
      fx.sag({ underpunkter: [], bilag: [ekstern('bilag/tilbagemelding.pdf', sha('version 1')), ekstern()] });
      const findings = await check(fx.root);
      expect(at(findings, 'bilag/external-file')).toEqual([]);
      expect(at(findings, 'bilag/sha256')).toEqual([]);
    });
  });
});
