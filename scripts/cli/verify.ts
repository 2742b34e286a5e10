import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { SigningError } from '../sign/errors.ts';
import { type VerifyResult, verifyPdf } from '../sign/verify.ts';
import { parseCommandLine, runCli, UsageError } from './cli.ts';

const help = `Brug: npm run verify -- [valg] <pdf eller mappe>…

Kontrollerer forseglingen (PAdES) af PDF-filer: at signaturen dækker hele
filen, at intet er ændret eller tilføjet, og at signaturen er gyldig.
Mapper gennemsøges rekursivt for *.pdf.

Valg:
  --ca FIL            PEM med CA-certifikat(er), som underskriveren skal kæde til.
                      Uden --ca kontrolleres kun integriteten, ikke hvem der har forseglet.
  --format text|json  Rapportens form (standard: text)
  -h, --help          Vis denne hjælp

Afslutningskode: 0 alle filer gyldige, 1 mindst én ugyldig (eller ingen PDF fundet),
2 forkert brug eller intern fejl.
`;

const formats = ['text', 'json'] as const;
type Format = (typeof formats)[number];

interface FileResult extends VerifyResult {
  file: string;
}

const DANISH_TIME = new Intl.DateTimeFormat('da-DK', {
  dateStyle: 'long',
  timeStyle: 'long',
  timeZone: 'Europe/Copenhagen',
});

async function main(): Promise<number> {
  const parsed = parseCommandLine({
    ca: { type: 'string' },
    format: { type: 'string', default: 'text' },
  }, true);
  const { values, positionals } = parsed;
  const format = values.format as Format;
  if (!formats.includes(format)) {
    throw new UsageError(`--format skal være en af ${formats.join(', ')}, ikke »${values.format}«`);
  }
  if (positionals.length === 0) throw new UsageError('angiv mindst én PDF-fil eller mappe');

  const caPem = values.ca === undefined ? undefined : await readCa(values.ca);
  const files = await collectPdfFiles(positionals);
  const results: FileResult[] = [];
  for (const file of files) results.push({ file, ...(await verifyFile(file, caPem)) });

  process.stdout.write(format === 'json' ? reportJson(results) : reportText(results, caPem !== undefined));
  return results.length > 0 && results.every((result) => result.ok) ? 0 : 1;
}

async function readCa(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`CA-filen »${file}« kan ikke læses`);
  }
}

async function verifyFile(file: string, caPem: string | undefined): Promise<VerifyResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return { ok: false, signerCN: null, signingTime: null, chainTrusted: null, reasons: ['Filen kan ikke læses.'] };
  }
  try {
    return await verifyPdf(bytes, caPem === undefined ? {} : { caPem });
  } catch (error) {
    // A bad --ca is the caller's mistake, not the file's.
    if (error instanceof SigningError && error.code === 'verify/bad-ca') throw new UsageError(error.message);
    throw error;
  }
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

function reportText(results: readonly FileResult[], caGiven: boolean): string {
  if (results.length === 0) return 'Ingen PDF-filer fundet.\n';
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${result.ok ? 'OK  ' : 'FEJL'} ${result.file}`);
    if (result.signerCN !== null) lines.push(`     Forseglet af: ${result.signerCN}`);
    if (result.signingTime !== null) lines.push(`     Tidspunkt:    ${DANISH_TIME.format(result.signingTime)}`);
    if (result.ok) {
      const chain = caGiven ? 'betroet (udstedt af CA fra --ca)' : 'ikke kontrolleret (angiv --ca)';
      lines.push(`     Kæde:         ${chain}`);
    }
    for (const reason of result.reasons) lines.push(`     ${reason}`);
  }
  const valid = results.filter((result) => result.ok).length;
  lines.push('', `${valid} af ${results.length} ${results.length === 1 ? 'fil' : 'filer'} er gyldigt forseglet.`);
  return `${lines.join('\n')}\n`;
}

function reportJson(results: readonly FileResult[]): string {
  const files = results.map((result) => ({
    file: result.file,
    ok: result.ok,
    signer: result.signerCN,
    signingTime: result.signingTime?.toISOString() ?? null,
    chainTrusted: result.chainTrusted,
    reasons: result.reasons,
  }));
  const ok = results.length > 0 && results.every((result) => result.ok);
  return `${JSON.stringify({ ok, files }, null, 2)}\n`;
}

runCli('verify', main, help);
