import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from '../emit/manifest.ts';
import { manifestStatement, places, type NotSealed } from '../emit/unsealed.ts';
import { printable } from '../sign/certificates.ts';
import { SigningError } from '../sign/errors.ts';
import { hasSignature } from '../sign/pdf-signature.ts';
import {
  invalidResult,
  issuerUncheckedMessage,
  parseFingerprint,
  type SerialVerifyResult,
  type VerifyOptions,
  type VerifyResult,
  verifySignedPdf,
} from '../sign/verify.ts';
import { type AccessFinding, checkAccessibility } from '../tooling/pdf-access/index.ts';
import { parseCommandLine, runCli, UsageError } from './cli.ts';

/** Where a trust anchor comes from when --ca is not given (a path to a PEM file). */
const CA_ENV = 'AFTALER_VERIFY_CA';
/** The region's sealing certificate's SHA-256 fingerprint, when --signer is not given. */
const SIGNER_ENV = 'AFTALER_VERIFY_SIGNER';

const EXIT_VALID = 0;
const EXIT_INVALID = 1;
const EXIT_ISSUER_UNCHECKED = 3;

const help = `Brug: npm run verify -- [valg] <pdf eller mappe>…

Kontrollerer forseglingen (PAdES) af PDF-filer: at signaturen dækker hele
filen, at intet er ændret eller tilføjet, at signaturen er gyldig, og at
certifikatet er udstedt af en CA, du stoler på (regionens OCES3-rod).
Mapper gennemsøges rekursivt for *.pdf.

Har forseglingen et tidsstempel fra en tidsstempeltjeneste (PAdES B-T, se
»segl.tidsstempel_url« i README), kontrolleres det også: at det gælder netop
denne signatur, og at tjenestens signatur er gyldig. Tidspunktet vises som
»Tidsstempel: … UTC fra <tjeneste>«; et tidsstempel, der ikke passer, gør
filen ugyldig. Tjenestens certifikatkæde kontrolleres ikke mod --ca.

Har en kommune underskrevet filen efter forseglingen (en ny revision pr.
underskrift), kontrolleres forseglingen over den første revision som ovenfor,
hver senere revision må kun tilføje underskrifter (intet ændret indhold), og
hver underskrift skal være kryptografisk gyldig. Underskrifterne vises med
underskriver, tidspunkt og gyldighed; deres kæde vises, men kræves ikke.

Et udkast med udestående tekst (»Udestår«) forsegles ikke med regionens
certifikat. En uforseglet fil godtages kun, når manifest.json ved siden af
den (kommunepakken) eller i en mappe over den (out/) siger, at den ikke er
forseglet på grund af udestående tekst, og filens sha256 passer med
manifestet; den vises som IKKE. Enhver anden uforseglet fil er ugyldig.

Med --tilgaengelighed kontrolleres hver fil desuden for tilgængelighed (PDF/UA-1
og PDF/A-2a, så vidt det kan kontrolleres uden en fuld validator) med qpdf og
poppler: mærket struktur og strukturtræ, XMP-metadata (PDF/A- og PDF/UA-
erklæring, titel, sprog da-DK), dansk sprog i kataloget, titel i vinduet,
farveprofil (OutputIntent), indlejrede skrifttyper med ToUnicode, og at al
tekst på siderne er mærket (del af strukturen eller artefakt). Ligger X.md ved
siden af X.pdf, skal strukturtræets tekst desuden følge Markdown-kilden i
rækkefølge. Kontrast, alternativ tekst og overskrifternes logik kræver en fuld
validator (veraPDF, PAC).

Valg:
  --ca FIL            PEM med CA-certifikat(er), som underskriveren skal kæde til.
                      Uden --ca bruges filen i miljøvariablen ${CA_ENV}.
                      Uden nogen af dem kontrolleres kun integriteten: enhver kan
                      lave et certifikat med regionens navn, så filen kaldes
                      ikke gyldig, og afslutningskoden er 3.
  --signer SHA256     Regionens forseglingscertifikats SHA-256-fingeraftryk (hex,
                      med eller uden kolon). Uden --signer bruges ${SIGNER_ENV}.
                      En CA som OCES3-roden har udstedt certifikater til alle
                      danske organisationer: kun fingeraftrykket viser, at det
                      var regionens eget certifikat. Uden det godtages enhver
                      underskriver, som CA'en har udstedt til (se »Forseglet af«).
  --tilgaengelighed   Kontrollér også tilgængeligheden (se ovenfor); en fil med
                      fund tæller som ugyldig (FEJL, afslutningskode 1).
  --format text|json  Rapportens form (standard: text)
  -h, --help          Vis denne hjælp

Afslutningskode:
  0  alle filer er gyldigt forseglet af en betroet udsteder (eller er udkast
     med udestående tekst, som manifestet siger ikke er forseglet)
  1  mindst én fil er ugyldig (eller ingen PDF fundet), eller har med
     --tilgaengelighed fund i tilgængelighedskontrollen
  2  forkert brug (fx en CA-fil, der ikke kan læses) eller intern fejl
  3  ingen fil er ugyldig, men udstederen er ikke kontrolleret (ingen CA angivet)
`;

const formats = ['text', 'json'] as const;
type Format = (typeof formats)[number];

/** A file's verdict: the seal's, or `not-sealed` for a draft the manifest lists as left unsealed (emit/unsealed.ts). */
type FileVerdict = VerifyResult['verdict'] | 'not-sealed';

interface FileResult extends Omit<SerialVerifyResult, 'verdict'> {
  file: string;
  verdict: FileVerdict;
  /** For a not-sealed file: the manifest that says so, and its drafting notes. */
  notSealed: (NotSealed & { manifest: string }) | null;
  /** With --tilgaengelighed: the accessibility checker's findings (none: the file passed); otherwise null. */
  access: AccessFinding[] | null;
}

const DANISH_TIME = new Intl.DateTimeFormat('da-DK', {
  dateStyle: 'long',
  timeStyle: 'long',
  timeZone: 'Europe/Copenhagen',
});

/** A TSA's time as it gave it, in UTC: »2026-12-03 02:40:00 UTC«. */
function utcTime(time: Date): string {
  return `${time.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

async function main(): Promise<number> {
  const parsed = parseCommandLine(
    {
      ca: { type: 'string' },
      signer: { type: 'string' },
      format: { type: 'string', default: 'text' },
      tilgaengelighed: { type: 'boolean', default: false },
    },
    true,
  );
  const { values, positionals } = parsed;
  const format = values.format as Format;
  if (!formats.includes(format)) {
    throw new UsageError(`--format skal være en af ${formats.join(', ')}, ikke »${values.format}«`);
  }
  if (positionals.length === 0) throw new UsageError('angiv mindst én PDF-fil eller mappe');

  const caPem = await readTrustAnchors(values.ca, process.env[CA_ENV]);
  const signerText = values.signer ?? (process.env[SIGNER_ENV] || undefined);
  const signerSha256 = signerText === undefined ? undefined : parseFingerprint(signerText);
  if (signerText !== undefined && signerSha256 === undefined) {
    throw new UsageError(
      `${values.signer !== undefined ? '--signer' : SIGNER_ENV} skal være et SHA-256-fingeraftryk (64 hextegn, evt. med kolon), ikke »${printable(signerText)}«`,
    );
  }
  const options: VerifyOptions = { ...(caPem === undefined ? {} : { caPem }), ...(signerSha256 === undefined ? {} : { signerSha256 }) };
  const files = await collectPdfFiles(positionals);
  const results: FileResult[] = [];
  const manifests = new Map<string, unknown>();
  for (const file of files) {
    const access = values.tilgaengelighed ? await accessibilityOf(file) : null;
    results.push({ file, ...(await verifyFile(file, options, manifests)), access });
  }

  process.stdout.write(format === 'json' ? reportJson(results) : reportText(results));
  return exitCode(results);
}

/** The accessibility check of one file, with the Markdown beside it (X.md for X.pdf) when there is one. */
async function accessibilityOf(file: string): Promise<AccessFinding[]> {
  const markdown = await readFile(file.replace(/\.pdf$/i, '.md'), 'utf8').catch(() => undefined);
  return checkAccessibility(file, markdown === undefined ? {} : { markdown });
}

/** With --tilgaengelighed, a file with findings fails whatever its seal says. */
const accessFailed = (result: FileResult) => result.access !== null && result.access.length > 0;

/** Every file is validly sealed, or a draft its manifest lists as not sealed; and passed the accessibility check when asked. */
const accepted = (result: FileResult) => (result.verdict === 'valid' || result.verdict === 'not-sealed') && !accessFailed(result);

function exitCode(results: readonly FileResult[]): number {
  if (results.length === 0 || results.some((result) => result.verdict === 'invalid' || accessFailed(result))) return EXIT_INVALID;
  if (results.some((result) => result.verdict === 'issuer-unchecked')) return EXIT_ISSUER_UNCHECKED;
  return EXIT_VALID;
}

/** --ca wins over the environment; an empty variable counts as not set. */
async function readTrustAnchors(option: string | undefined, fromEnv: string | undefined): Promise<string | undefined> {
  if (option !== undefined) return readCa(option, `CA-filen »${option}« kan ikke læses`);
  if (fromEnv !== undefined && fromEnv !== '') {
    return readCa(fromEnv, `${CA_ENV} peger på »${fromEnv}«, som ikke kan læses`);
  }
  return undefined;
}

async function readCa(file: string, failure: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new UsageError(failure);
  }
}

async function verifyFile(file: string, options: VerifyOptions, manifests: Map<string, unknown>): Promise<Omit<FileResult, 'file' | 'access'>> {
  const invalid = (reason: string) => ({ ...invalidResult(reason), laterSignatures: [], notSealed: null });
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return invalid('Filen kan ikke læses.');
  }
  const statement = manifestStatement(file, manifests);
  const where = statement ? shown(statement.manifest) : '';
  if (statement?.notSealed) {
    // Accepted only as the very file the build left unsealed, and only if it really is unsealed.
    if (sha256(bytes) !== statement.sha256) return invalid(`${where} siger, at filen ikke er forseglet, men filen er ikke den, manifestet nævner (sha256).`);
    if (hasSignature(bytes)) return invalid(`${where} siger, at filen ikke er forseglet, men den har en signatur.`);
    return { ...invalidResult(''), reasons: [], verdict: 'not-sealed', laterSignatures: [], notSealed: { ...statement.notSealed, manifest: where } };
  }
  let result: SerialVerifyResult;
  try {
    result = await verifySignedPdf(bytes, options);
  } catch (error) {
    // A bad --ca is the caller's mistake, not the file's.
    if (error instanceof SigningError && error.code === 'verify/bad-ca') throw new UsageError(error.message);
    throw error;
  }
  if (statement && !hasSignature(bytes)) return { ...result, reasons: [...result.reasons, `${where} siger, at filen er forseglet.`], notSealed: null };
  return { ...result, notSealed: null };
}

/** A manifest's path as the user gave theirs: relative to the current folder when below it. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** Files as given; folders searched recursively for *.pdf, in a stable order. */
async function collectPdfFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const given of paths) {
    const info = await stat(given).catch(() => null);
    if (!info) throw new UsageError(`»${given}« findes ikke`);
    if (info.isDirectory()) files.push(...(await pdfsUnder(given)));
    else files.push(given);
  }
  return files;
}

async function pdfsUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const found: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await pdfsUnder(full)));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.pdf')) found.push(full);
  }
  return found;
}

const LABELS: Readonly<Record<FileVerdict, string>> = {
  valid: 'OK  ',
  'issuer-unchecked': 'OBS ',
  invalid: 'FEJL',
  'not-sealed': 'IKKE',
};

/** What the staff read under a file: the failure reasons, why an intact file is not called valid, or why it is not sealed. */
function messages(result: FileResult): string[] {
  if (result.notSealed) {
    return [`Ikke forseglet: udestående tekst (Udestår, ${places(result.notSealed.draftingNotes)}), som ${result.notSealed.manifest} siger.`];
  }
  return result.verdict === 'issuer-unchecked' ? [issuerUncheckedMessage(result)] : result.reasons;
}

function reportText(results: readonly FileResult[]): string {
  if (results.length === 0) return 'Ingen PDF-filer fundet.\n';
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${accessFailed(result) ? LABELS.invalid : LABELS[result.verdict]} ${result.file}`);
    if (result.signerCN !== null) lines.push(`     Forseglet af: ${printable(result.signerCN)}`);
    if (result.signingTime !== null) lines.push(`     Tidspunkt:    ${DANISH_TIME.format(result.signingTime)}`);
    if (result.timestamp !== null) lines.push(`     Tidsstempel:  ${utcTime(result.timestamp.time)} fra ${printable(result.timestamp.tsa)}`);
    if (result.verdict === 'valid') lines.push('     Kæde:         betroet (udstedt af en angivet CA)');
    for (const [i, later] of result.laterSignatures.entries()) {
      const who = `${later.signer === null ? '(uden navn)' : printable(later.signer)}${later.title === null ? '' : `, ${later.title}`}`;
      const when = later.signingTime === null ? 'uden tidspunkt' : DANISH_TIME.format(later.signingTime);
      const chain = later.chainTrusted === null ? '' : later.chainTrusted ? ', kæde betroet' : ', kæde ikke betroet';
      lines.push(`     Underskrift ${i + 2}: ${who} · ${when} · ${later.valid ? 'gyldig' : 'UGYLDIG'}${chain} (revision ${later.revision})`);
    }
    for (const message of messages(result)) lines.push(`     ${message}`);
    if (result.access !== null) {
      lines.push(`     Tilgængelighed: ${result.access.length === 0 ? 'OK' : `${result.access.length} fund`}`);
      for (const found of result.access) lines.push(`       ${found.rule}  ${found.message}`);
    }
  }
  const count = (verdict: FileVerdict): number => results.filter((result) => result.verdict === verdict).length;
  lines.push('', `${count('valid')} af ${results.length} ${results.length === 1 ? 'fil' : 'filer'} er gyldigt forseglet.`);
  if (results.some((result) => result.access !== null)) {
    const passed = results.filter((result) => result.access?.length === 0).length;
    lines.push(`${passed} af ${results.length} ${results.length === 1 ? 'fil' : 'filer'} består tilgængelighedskontrollen.`);
  }
  const notSealed = count('not-sealed');
  if (notSealed > 0) lines.push(`${notSealed} udkast med udestående tekst er ikke forseglet (se manifest).`);
  const unchecked = count('issuer-unchecked');
  if (unchecked > 0) {
    lines.push(
      `${unchecked} ${unchecked === 1 ? 'fil har' : 'filer har'} en intakt forsegling, men udstederen er ikke kontrolleret ` +
        `(angiv --ca FIL eller ${CA_ENV}).`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function reportJson(results: readonly FileResult[]): string {
  const files = results.map((result) => ({
    file: result.file,
    ok: result.ok,
    verdict: result.verdict,
    signer: result.signerCN,
    subject: result.signerSubject,
    issuer: result.signerIssuer,
    signingTime: result.signingTime?.toISOString() ?? null,
    timestamp: result.timestamp === null ? null : { time: result.timestamp.time.toISOString(), tsa: result.timestamp.tsa },
    chainTrusted: result.chainTrusted,
    reasons: messages(result),
    laterSignatures: result.laterSignatures.map((later) => ({ ...later, signingTime: later.signingTime?.toISOString() ?? null })),
    ...(result.notSealed ? { notSealed: result.notSealed } : {}),
    ...(result.access === null ? {} : { accessibility: { ok: result.access.length === 0, findings: result.access } }),
  }));
  // As the exit code 0: a draft the manifest lists as not sealed does not make the run fail.
  const ok = results.length > 0 && results.every(accepted);
  return `${JSON.stringify({ ok, files }, null, 2)}\n`;
}

runCli('verify', main, help);
