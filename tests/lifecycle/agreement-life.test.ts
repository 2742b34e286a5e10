/**
 * The life of one HSA (Lejre, akutsygepleje) from draft to termination, as README's »Aftalens liv«
 * tells staff to walk it, on a small repository: the schemas, templates and reference data, the
 * real case reduced to Lejre, and Lejre's documents (the sundhedsråd's membership reduced to
 * Lejre, so the case's coverage is complete). Every step is an edit of the YAML as staff make it
 * (a text edit, or the project's own `new`, `modtag` commands) followed by the commands a user
 * runs (check, build, status, verify, frister), in-process, with fixed --today values and a fixed
 * seal time. The steps build on each other and run in order. The signatures come in two parts
 * around the import of the countersigned PDF (step 4), as modtag works: the region's signers are
 * written into the file, the sealed PDF the kommune signs is built from that, modtag adds the
 * kommune's signers, and only then is the status set to underskrevet and the text locked.
 *
 * A second part checks the coverage rules both ways at the command line: an HSA for a pair the
 * case decides regional, and a decided pair without its HSA.
 *
 * Names, amounts and signatures are SYNTETISK test data.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { JsonDiagnostic } from '../../scripts/diagnostics/report-json.ts';
import { STACK_TRACE } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { pdfText } from '../helpers/pdf-tools.ts';
import { RepoCopy } from '../helpers/repo.ts';
import { countersign, testSigner } from '../sign/countersign.ts';
import { HSA_CLAUSES_YAML } from '../helpers/approved-clauses.ts';

const ID = 'hsa-lejre-akutsygepleje';
const DIR = 'agreements/midt-og-vestsjaelland/lejre';
const HSA = `${DIR}/${ID}.yaml`;
const CASE = 'agreements/midt-og-vestsjaelland/sag-emn-2025-10366.yaml';
const TILLAEG_ID = 'tillaeg-lejre-akutsygepleje-1';
const TILLAEG = `${DIR}/${TILLAEG_ID}.yaml`;
const OUT = 'out/midt-og-vestsjaelland/350-lejre';
const HSA_MD = `${OUT}/${ID}.md`;
const HSA_PDF = `${OUT}/${ID}.pdf`;

/** The seal time of every build: 21 April 2026, 10:00 UTC. */
const EPOCH = '1776765600';
/** No seal certificate from the environment: every build seals with the repository's development certificate. */
const ENV = { SOURCE_DATE_EPOCH: EPOCH, AFTALER_SIGN_P12: undefined, AFTALER_SIGN_P12_BASE64: undefined, AFTALER_SIGN_PASSPHRASE: undefined };

const DRAFTED = '2026-03-10';
const APPROVED = '2026-04-24';
const SIGNED = '2026-04-30';
const AMENDED = '2026-12-01';
const TERMINATED = '2027-03-20';

const BEGRUNDELSE = 'Regionsrådets møde blev flyttet fra 17. marts til 20. april 2026.';
const REGION_SIGNERS = [
  ['Heino Knudsen', 'Regionsrådsformand'],
  ['Kristian Bagger', 'Regionsdirektør'],
] as const;
const MAYOR = { name: 'Tine Vesterby Jørgensen', title: 'Borgmester', time: new Date(Date.UTC(2026, 3, 27, 9)) };
const DIRECTOR = { name: 'Jesper Kjær', title: 'Kommunaldirektør', time: new Date(Date.UTC(2026, 3, 28, 9)) };

/**
 * The small repository: Lejre's folder and the case, with the case's bilag reduced to Lejre's
 * three HSAs (and the external bilag, still »bilag 4« as the case's text says) and the
 * sundhedsråd's confirmed kommuner reduced to Lejre.
 */
function lejreRepository(prefix: string): RepoCopy {
  const repo = new RepoCopy(['schemas', 'templates', 'agreements/reference', DIR, CASE], prefix);
  repo.replace('agreements/reference/region.yaml', 'kommuner: ["316", "326", "350", "370", "306", "329", "330", "340"]', 'kommuner: ["350"]');
  const sag = repo.read(CASE);
  // Lejre's HSAs are bilag 1–3 here, not 1c–3c: their registered titles (which carry the case's
  // numbers) go with the other kommuner's entries; the external bilag keeps its »Bilag 4 …«.
  const reduced = sag
    .replace(/ {2}- dokument: hsa-(?!lejre-)[a-z-]+\n {4}version: [0-9-]+\n( {4}registreret_titel: .*\n)?/g, '')
    .replace(/( {2}- dokument: hsa-lejre-[a-z-]+\n {4}version: [0-9-]+\n) {4}registreret_titel: .*\n/g, '$1');
  expect(reduced.match(/- dokument: /g)).toHaveLength(3);
  repo.write(CASE, reduced);
  return repo;
}

/** The regionsråd's decision on the case, recorded as staff record it: at the end of the case's file. */
const DECISIONS = `
beslutninger:
  - organ: sundhedsraad
    dato: 2026-03-10
    udfald: tiltraadt
    protokol: Forberedende Sundhedsråd Midt- og Vestsjælland 10. marts 2026, punkt 3
  - organ: regionsraad
    dato: 2026-04-20
    udfald: tiltraadt
    protokol: Forberedende Regionsråd 20. april 2026, punkt 12
`;

const errorsOf = (findings: readonly JsonDiagnostic[]) => findings.filter((f) => f.severity === 'error');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the life of an HSA: draft, approval, signatures, countersigned PDF, tillæg, termination', () => {
  const repo = lejreRepository('aftaler-life-');
  afterAll(() => repo.remove());

  const cli = async (command: string, args: string[]) => {
    const r = await runInProcess(command, ['--root', repo.root, ...args], ENV);
    expect(r.stderr, `${command} ${args.join(' ')}`).not.toMatch(STACK_TRACE);
    return r;
  };
  const check = async (today: string, ...extra: string[]) => {
    const r = await cli('check', ['--today', today, '--format', 'json', ...extra]);
    expect(r.stderr).toBe('');
    return { code: r.code, findings: JSON.parse(r.stdout) as JsonDiagnostic[] };
  };
  const mine = (findings: readonly JsonDiagnostic[], file = HSA) => findings.filter((f) => f.file === file);
  const build = async (today: string, only: string, ...extra: string[]) => {
    const r = await cli('build', ['--today', today, '--only', only, '--jobs', '1', '--quiet', ...extra]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    return r;
  };
  /** out/status.md as of `today`: Lejre's row of the matrix and the »Mangler underskrift« section (or ''). */
  const status = async (today: string) => {
    const r = await cli('status', ['--today', today]);
    expect(r.code, r.stdout).toBe(0);
    const markdown = repo.read('out/status.md');
    const section = markdown.slice(markdown.indexOf('## Sundhedsråd Midt- og Vestsjælland'), markdown.indexOf('## Sundhedsråd Amager og Vestegnen'));
    const missing = section.includes('### Mangler underskrift') ? section.slice(section.indexOf('### Mangler underskrift')) : '';
    return { section, row: section.split('\n').find((l) => l.startsWith('| Lejre (350)'))!, missing };
  };
  /** The Lejre akutsygepleje cell of the matrix row. */
  const akutCell = (row: string) => row.split(' | ')[1]!;

  it('1. draft: check finds no errors, and build renders the HSA', async () => {
    const { code, findings } = await check(DRAFTED);
    expect(errorsOf(findings)).toEqual([]);
    expect(code).toBe(0);

    await build(DRAFTED, ID);
    const md = repo.read(HSA_MD);
    expect(md).toMatch(/^# Horisontal samarbejdsaftale om akutsygepleje$/m);
    expect(md).toContain('- **Status:** Udkast');
    expect(readFileSync(repo.path(HSA_PDF)).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('2. approved, the regionsråd after the frist: an error until the file gives the reason, then a warning (an error with --strict)', async () => {
    repo.replace(HSA, '\nstatus: udkast\n', '\nstatus: godkendt\n');
    repo.replace(HSA, 'aarligt_beloeb_kr: null', 'aarligt_beloeb_kr: 1234567');
    // Before approval staff write the texts that were »Udestår« (tekst/udestaar).
    repo.replace(HSA, ' Udestår: den konkrete\n    økonomi', ' Den konkrete\n    økonomi');
    repo.replace(
      HSA,
      '  Udestår: bestemmelserne om mislighold. De står i aftaleudkastet V20260224, hvis tekst ikke er\n  gengivet her.',
      '  Testtekst om mislighold.',
    );
    repo.replace(HSA, '\nikrafttraeden:', `\n${HSA_CLAUSES_YAML}ikrafttraeden:`);
    repo.replace(HSA, '  regionsraad: null', '  regionsraad: 2026-04-20');
    repo.replace(HSA, '  kommunalbestyrelse: null', '  kommunalbestyrelse: 2026-03-25');

    const late = await check(APPROVED);
    expect(late.code).toBe(1);
    const line = repo.lineOf(HSA, 'regionsraad: 2026-04-20');
    expect(errorsOf(late.findings).map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([`${HSA}:${line} frist/hsa-godkendelse`]);
    expect(errorsOf(late.findings)[0]!.message).toMatch(/^Regionsrådets godkendelse er dateret 20\. april 2026, efter fristen 1\. april 2026 /);

    appendFileSync(repo.path(HSA), `forsinkelser:\n  godkendelser.regionsraad: ${BEGRUNDELSE}\n`);
    const reasoned = await check(APPROVED);
    expect(errorsOf(reasoned.findings)).toEqual([]);
    expect(reasoned.code).toBe(0);
    const warning = mine(reasoned.findings).filter((f) => f.rule === 'frist/hsa-godkendelse');
    expect(warning.map((f) => `${f.line} ${f.severity}`)).toEqual([`${line} warning`]);
    expect(warning[0]!.message).toContain(`(begrundet: ${BEGRUNDELSE})`);

    const strict = await check(APPROVED, '--strict');
    expect(strict.code).toBe(1);
    expect(mine(errorsOf(strict.findings)).map((f) => `${f.line} ${f.rule}`)).toEqual([`${line} frist/hsa-godkendelse`]);

    await build(APPROVED, ID);
    const md = repo.read(HSA_MD);
    expect(md).toContain('- **Status:** Godkendt');
    expect(md).toContain('Årligt beløb: 1.234.567 kr.');
    expect(md).toContain('| Regionsrådet | 20. april 2026 |');
  });

  it('2. the case records the regionsråd’s decision: status says »besluttet«, no longer »indstillet«', async () => {
    const before = await status(APPROVED);
    expect(before.section).toContain('(EMN-2025-10366, indstillet, endnu ikke besluttet)');
    expect(akutCell(before.row)).toMatch(/^\*\*Kommunal drift\*\* \(indstillet\) · Samarbejdsaftale: Godkendt, V20260224 · /);
    // Approved, nobody has signed yet.
    expect(before.missing).toContain(`Samarbejdsaftale om akutsygepleje (${ID}): regionen mangler 2 af 2, kommunen mangler 2 af 2`);

    appendFileSync(repo.path(CASE), DECISIONS);
    const { code, findings } = await check(APPROVED);
    expect(errorsOf(findings)).toEqual([]);
    expect(code).toBe(0);
    const after = await status(APPROVED);
    expect(after.section).toContain('(EMN-2025-10366, besluttet 20. april 2026)');
    expect(after.row).not.toContain('indstillet');
    expect(akutCell(after.row)).toMatch(/^\*\*Kommunal drift\*\* · Samarbejdsaftale: Godkendt, V20260224 · /);
    // The case itself shows its decisions, so the history stays on the record.
    await build(APPROVED, 'sag-emn-2025-10366');
    const caseMarkdown = repo.read('out/midt-og-vestsjaelland/sag-emn-2025-10366.md');
    expect(caseMarkdown).toContain('## Beslutninger');
    expect(caseMarkdown).toContain('- Regionsrådet, 20. april 2026: tiltrådt. Protokol: Forberedende Regionsråd 20. april 2026, punkt 12.');
  });

  let sealed: Buffer;

  it('3a. the region signs: the signature block shows it, and status lists the kommune’s missing signatures', async () => {
    const entries = REGION_SIGNERS.map(([navn, titel]) => `    - navn: ${navn}\n      titel: ${titel}\n      dato: 2026-04-22\n`).join('');
    appendFileSync(repo.path(HSA), `underskrifter:\n  region:\n${entries}  kommune: []\n`);
    const { code, findings } = await check(SIGNED);
    expect(errorsOf(findings)).toEqual([]);
    expect(code).toBe(0);

    const { missing } = await status(SIGNED);
    expect(missing).toContain(`Samarbejdsaftale om akutsygepleje (${ID}): kommunen mangler 2 af 2`);
    expect(missing).not.toContain('regionen mangler');

    await build(SIGNED, ID);
    sealed = readFileSync(repo.path(HSA_PDF));
    const text = pdfText(repo.path(HSA_PDF));
    for (const [navn, titel] of REGION_SIGNERS) expect(text).toContain(`Navn og titel: ${navn}, ${titel}`);
  });

  it('4. the kommune’s countersigned PDF: modtag records both signers, verify shows the seal and each signature', async () => {
    const mayor = await testSigner('livsforloeb-borgmester', MAYOR.name, 'Lejre Kommune', MAYOR.title);
    const director = await testSigner('livsforloeb-direktoer', DIRECTOR.name, 'Lejre Kommune');
    const once = await countersign(sealed, { signer: mayor, time: MAYOR.time });
    const file = repo.path('modtaget/hsa-lejre-akutsygepleje-underskrevet.pdf');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, await countersign(once, { signer: director, time: DIRECTOR.time }));

    // The director's certificate has no title: modtag asks for it and leaves the file alone.
    const before = repo.read(HSA);
    const noTitle = await cli('modtag', [file]);
    expect(noTitle.code).toBe(2);
    expect(noTitle.stderr).toContain(`signatur 3 (${DIRECTOR.name}) har ingen titel i certifikatet; angiv den med --titel TITEL`);
    expect(repo.read(HSA)).toBe(before);

    const r = await cli('modtag', [file, '--titel', DIRECTOR.title]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`✔ ${MAYOR.name} (${MAYOR.title}), 2026-04-27: tilføjet under underskrifter.kommune i ${HSA}`);
    expect(r.stdout).toContain(`✔ ${DIRECTOR.name} (${DIRECTOR.title}), 2026-04-28: tilføjet under underskrifter.kommune i ${HSA}`);
    expect(r.stdout).toContain(
      'Begge parter har nu skrevet under. Sæt »status: underskrevet«, og kør npm run check: den viser den linje (laast), der skal tilføjes.',
    );
    expect(repo.read(HSA).startsWith(before.slice(0, before.indexOf('  kommune: []')))).toBe(true);
    const data = parse(repo.read(HSA)) as { underskrifter: { kommune: unknown[] } };
    expect(data.underskrifter.kommune).toEqual([
      { navn: MAYOR.name, titel: MAYOR.title, dato: '2026-04-27', kilde: 'modtaget PDF hsa-lejre-akutsygepleje-underskrevet.pdf, signatur 2' },
      { navn: DIRECTOR.name, titel: DIRECTOR.title, dato: '2026-04-28', kilde: 'modtaget PDF hsa-lejre-akutsygepleje-underskrevet.pdf, signatur 3' },
    ]);

    // The seal checked against the certificate the builds sealed with; the kommune's signatures listed after it.
    const verify = await runInProcess('verify', ['--ca', repo.path('.signing/udviklingscertifikat.pem'), file], {
      AFTALER_VERIFY_CA: '',
      AFTALER_VERIFY_SIGNER: '',
    });
    expect(verify.code, verify.stdout).toBe(0);
    expect(verify.stdout).toMatch(
      new RegExp(`Underskrift 2: ${MAYOR.name}, ${MAYOR.title} · 27\\. april 2026 kl\\. 11\\.00\\.00 CEST · gyldig.* \\(revision 2\\)`),
    );
    expect(verify.stdout).toMatch(new RegExp(`Underskrift 3: ${DIRECTOR.name} · 28\\. april 2026 kl\\. 11\\.00\\.00 CEST · gyldig.* \\(revision 3\\)`));
    expect(verify.stdout).toContain('1 af 1 fil er gyldigt forseglet.');

    // The data modtag left passes the check; both parties have signed, so nothing is missing.
    const { code, findings } = await check(SIGNED);
    expect(errorsOf(findings)).toEqual([]);
    expect(code).toBe(0);
    expect((await status(SIGNED)).missing).not.toContain(ID);
  });

  let signedMarkdown: string;
  let signedPdf: string;

  it('3b. underskrevet, after the import: check gives the laast line to paste, and passes once it is pasted', async () => {
    repo.replace(HSA, '\nstatus: godkendt\n', '\nstatus: underskrevet\n');
    const unlocked = await check(SIGNED);
    expect(unlocked.code).toBe(1);
    const errors = errorsOf(unlocked.findings);
    expect(errors.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([`${HSA}:${repo.lineOf(HSA, 'status: underskrevet')} underskrift/laast-tekst`]);
    // Taken from the message, as staff take it.
    const laast = /tilføj linjen (laast: \{.*\})$/.exec(errors[0]!.message)?.[1];
    expect(laast).toMatch(/^laast: \{ sha256: "[0-9a-f]{64}", afsnit: \["[0-9a-f]{16}"(, "[0-9a-f]{16}")+\] \}$/);
    appendFileSync(repo.path(HSA), `${laast!}\n`);

    const locked = await check(SIGNED);
    expect(errorsOf(locked.findings)).toEqual([]);
    expect(locked.code).toBe(0);

    await build(SIGNED, ID);
    signedMarkdown = repo.read(HSA_MD);
    signedPdf = sha256(readFileSync(repo.path(HSA_PDF)));
    expect(signedMarkdown).toContain('- **Status:** Underskrevet');
    const text = pdfText(repo.path(HSA_PDF));
    for (const [navn, titel] of [...REGION_SIGNERS, [MAYOR.name, MAYOR.title], [DIRECTOR.name, DIRECTOR.title]]) {
      expect(text).toContain(`Navn og titel: ${navn}, ${titel}`);
    }
    const { row, missing } = await status(SIGNED);
    expect(akutCell(row)).toMatch(/^\*\*Kommunal drift\*\* · Samarbejdsaftale: Underskrevet, V20260224 · /);
    expect(missing).not.toContain(ID);
  });

  it('5. tillæg 1: new scaffolds it, staff fill it in; it renders old → new, the consolidated text follows, the signed HSA stays as signed', async () => {
    const made = await cli('new', ['--today', '2026-10-01', 'tillaeg', '--til', ID]);
    expect(made.code, made.stdout + made.stderr).toBe(0);
    expect(made.stdout).toContain(`✔ Oprettet ${TILLAEG}`);
    repo.replace(TILLAEG, '\nstatus: udkast\n', '\nstatus: godkendt\n');
    repo.replace(TILLAEG, 'ikrafttraeden: 2027-01-01', 'ikrafttraeden: 2027-03-01');
    repo.replace(TILLAEG, '  Udestår: Hvorfor aftalen ændres.', '  De nye kvalitetsstandarder foreligger, og økonomien tilpasses dem.');
    repo.replace(
      TILLAEG,
      '  felter: []',
      [
        '  felter:',
        '    - sti: finansiering.aarligt_beloeb_kr',
        '      vaerdi: 1500000',
        '      begrundelse: Tilpasset de nye kvalitetsstandarder.',
        '    - sti: opfoelgning',
        '      vaerdi: Parterne mødes hvert kvartal og følger op på de nye kvalitetsstandarder.',
      ].join('\n'),
    );
    repo.replace(TILLAEG, '  regionsraad: null', '  regionsraad: 2026-11-10');
    repo.replace(TILLAEG, '  kommunalbestyrelse: null', '  kommunalbestyrelse: 2026-11-12');

    const { code, findings } = await check(AMENDED);
    expect(errorsOf(findings)).toEqual([]);
    expect(code).toBe(0);
    expect(mine(findings, TILLAEG)).toEqual([]);
    expect(findings.filter((f) => f.rule === 'underskrift/laast-tekst')).toEqual([]);

    // --force: every document of the kommune rendered again, the signed HSA too, now with its tillæg beside it.
    const built = await build(AMENDED, '350', '--force');
    expect(built.stdout).toMatch(/: 7 dannet, 0 uændrede/);
    const tillaeg = repo.read(`${OUT}/${TILLAEG_ID}.md`);
    expect(tillaeg).toMatch(/^# Tillæg 1 til horisontal samarbejdsaftale om akutsygepleje$/m);
    expect(tillaeg).toMatch(
      /^### 3\.1 Økonomi og afregning\n\nÆndring af årligt beløb:\n\n\*\*Hidtil:\*\*\n\n1\.234\.567 kr\.\n\n\*\*Fremover:\*\*\n\n1\.500\.000 kr\.$/m,
    );
    expect(tillaeg).toMatch(
      /^### 3\.2 Opfølgning og evaluering\n\nÆndring af opfølgningen:\n\n\*\*Hidtil:\*\*\n\nParterne følger løbende op på samarbejdet\.[^*]*\*\*Fremover:\*\*\n\nParterne mødes hvert kvartal og følger op på de nye kvalitetsstandarder\.$/m,
    );

    const consolidated = repo.read(`${OUT}/${ID}-konsolideret.md`);
    expect(consolidated).toMatch(/^# Horisontal samarbejdsaftale om akutsygepleje som ændret ved tillæg 1$/m);
    expect(consolidated).toMatch(/^## § 7\. Økonomi og afregning \(ændret ved tillæg 1\)$/m);
    expect(consolidated).toContain('Årligt beløb: 1.500.000 kr.');
    expect(consolidated).not.toContain('1.234.567');
    expect(consolidated).toMatch(/^## § 10\. Opfølgning og evaluering \(ændret ved tillæg 1\)\n\n### 10\.1 Opfølgning\n\nParterne mødes hvert kvartal/m);

    expect(
      readFileSync(repo.path(`${OUT}/${TILLAEG_ID}.pdf`))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    // The signed HSA: the same text, the same sealed PDF.
    expect(repo.read(HSA_MD)).toBe(signedMarkdown);
    expect(sha256(readFileSync(repo.path(HSA_PDF)))).toBe(signedPdf);
  });

  it('6. terminated by the kommune: the end date (notice + 9 months) in the HSA, the status and the calendar, its later events cancelled', async () => {
    const r = await cli('new', ['--today', TERMINATED, 'opsigelse', '--dokument', ID, '--dato', '2027-03-15', '--part', 'kommune']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Opsagt af kommunen den 15. marts 2027 med ophør den 15. december 2027');

    const { code, findings } = await check(TERMINATED);
    expect(errorsOf(findings)).toEqual([]);
    expect(code).toBe(0);
    expect(mine(findings).map((f) => f.rule)).toContain('daekning/efter-opsigelse');

    await build(TERMINATED, ID);
    const md = repo.read(HSA_MD);
    expect(md).toContain('- **Status:** Opsagt af kommunen den 15. marts 2027 med ophør den 15. december 2027');
    expect(md).toContain('Aftalen er opsagt af kommunen den 15. marts 2027 med ophør den 15. december 2027.');

    const { row } = await status(TERMINATED);
    expect(akutCell(row)).toContain('Samarbejdsaftale: Opsagt, V20260224 · **opsagt pr. 15. december 2027**');

    const frister = await cli('frister', ['--today', TERMINATED, '--kommune', 'lejre']);
    expect(frister.code, frister.stdout).toBe(0);
    expect(frister.stdout).toMatch(/15\. december 2027 +Samarbejdsaftale om akutsygepleje: ophører \(opsagt af kommunen den 15\. marts 2027\)/);
    const events = ICAL.Component.fromString(repo.read('out/frister.ics'))
      .getAllSubcomponents('vevent')
      .map((v) => ({ uid: String(v.getFirstPropertyValue('uid')), status: v.getFirstPropertyValue('status'), start: new ICAL.Event(v).startDate.toString() }))
      .filter((e) => e.uid.startsWith(`${ID}.`));
    const end = events.find((e) => e.uid === `${ID}.ophoer@aftaler.invalid`);
    expect(end).toMatchObject({ start: '2027-12-15', status: null });
    const later = events.filter((e) => e !== end && e.start > '2027-03-15');
    expect(later.map((e) => e.uid)).toContain(`${ID}.hsa-evaluering@aftaler.invalid`);
    for (const e of later) expect(e.status, e.uid).toBe('CANCELLED');
    // What lay before the notice stays as it was.
    for (const e of events.filter((x) => x.start <= '2027-03-15')) expect(e.status, e.uid).toBeNull();
  });
});

describe('coverage both ways, at the command line', () => {
  let repo: RepoCopy;
  beforeAll(() => {
    repo = lejreRepository('aftaler-life-daekning-');
    appendFileSync(repo.path(CASE), DECISIONS);
  });
  afterAll(() => repo.remove());

  const check = async () => {
    const r = await runInProcess('check', ['--root', repo.root, '--today', DRAFTED, '--format', 'json']);
    expect(r.stderr).toBe('');
    return { code: r.code, errors: errorsOf(JSON.parse(r.stdout) as JsonDiagnostic[]) };
  };

  it('accepts the fixture as it is', async () => {
    const { code, errors } = await check();
    expect(errors).toEqual([]);
    expect(code).toBe(0);
  });

  it('reports an HSA for a pair the case decides regional, at the HSA, naming the case and the underpunkt', async () => {
    const file = `${DIR}/hsa-lejre-specialiseret-rehabilitering.yaml`;
    try {
      // new writes the file, warns that the case decides otherwise and exits 1 for the error in it.
      const made = await runInProcess('new', ['--root', repo.root, '--today', DRAFTED, 'hsa', '--kommune', '350', '--opgave', 'specialiseret-rehabilitering']);
      expect(made.stdout).toContain(`✔ Oprettet ${file}`);
      expect(made.stdout).toContain('Bemærk: sag EMN-2025-10366 indstiller »regional drift« for Lejre Kommune');
      expect(made.code).toBe(1);
      const { code, errors } = await check();
      expect(code).toBe(1);
      expect(errors.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([
        `${file}:${repo.lineOf(file, 'opgave: specialiseret-rehabilitering')} daekning/anden-driftsmodel`,
      ]);
      expect(errors[0]!.message).toMatch(
        /^Sag EMN-2025-10366 \(underpunkt d i punkt 1; besluttet 20\. april 2026\) giver Lejre Kommune regional drift af specialiseret rehabilitering.*, men dette dokument hører til kommunal drift/,
      );
      expect(errors[0]!.related?.map((r) => `${r.file}:${r.line} ${r.message}`)).toEqual([
        `${CASE}:${repo.lineOf(CASE, 'opgave: specialiseret-rehabilitering') + 1} underpunkt d i punkt 1 i sag EMN-2025-10366`,
      ]);
    } finally {
      rmSync(repo.path(file), { force: true });
    }
  });

  it('reports a decided pair without its HSA at the decision (the case’s underpunkt)', async () => {
    const file = `${DIR}/hsa-lejre-patientrettet-forebyggelse.yaml`;
    const [hsa, sag] = [repo.read(file), repo.read(CASE)];
    rmSync(repo.path(file));
    repo.replace(CASE, '  - dokument: hsa-lejre-patientrettet-forebyggelse\n    version: 2026-02-24\n', '');
    try {
      const { code, errors } = await check();
      expect(code).toBe(1);
      const coverage = errors.filter((f) => f.rule.startsWith('daekning/'));
      expect(coverage.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([
        `${CASE}:${repo.lineOf(CASE, 'opgave: patientrettet-forebyggelse') + 1} daekning/hsa`,
      ]);
      expect(coverage[0]!.message).toBe(
        'Beslutningen 20. april 2026 (underpunkt c i punkt 1) lægger driften af patientrettet forebyggelse hos Lejre Kommune, men der er ingen horisontal samarbejdsaftale om patientrettet forebyggelse med Lejre Kommune',
      );
    } finally {
      repo.write(file, hsa);
      repo.write(CASE, sag);
    }
    expect(existsSync(repo.path(file))).toBe(true);
  });
});
