import { parseArgs } from 'node:util';
import { countNoun } from '../diagnostics/danish.ts';
import { reportText } from '../diagnostics/report-text.ts';
import { ConfigError } from '../check/config.ts';
import { OutputLockedError } from '../emit/output-dir.ts';
import { BuildError, build } from '../pipeline/build.ts';
import { TemplateError } from '../render/template-error.ts';
import { SigningError } from '../sign/errors.ts';
import { REPO_ROOT, UsageError, parseIsoDateOption, runCli, todayInDenmark } from './cli.ts';

const help = `Brug: npm run build -- [valg]

Kontrollerer data (som npm run check) og danner derefter alle dokumenter som
Markdown og forseglet PDF i out/, med out/manifest.json. Finder kontrollen fejl,
dannes intet, og out/ forbliver som før.

Valg:
  --only ID|KODE      Dan kun ét dokument (id) eller én kommunes dokumenter
                      (kommunekode); resten af out/ bevares
  --out MAPPE         Outputmappe (standard: out)
  --today ÅÅÅÅ-MM-DD  Dato for kontrol af frister (standard: i dag)
  --root MAPPE        Byg et andet repository (standard: dette)
  --require-certificate
                      Stop hvis der ikke er angivet et rigtigt certifikat
                      (til den build, der udgiver PDF'erne)
  -q, --quiet         Ingen fremdriftslinjer
  -h, --help          Vis denne hjælp

Forsegling: se README (AFTALER_SIGN_P12 / AFTALER_SIGN_P12_BASE64 og
AFTALER_SIGN_PASSPHRASE). Uden dem bruges et lokalt testcertifikat i .signing/.
Tidspunkt: SOURCE_DATE_EPOCH, ellers tidspunktet for seneste commit.

Afslutningskode: 0 færdig, 1 fejl i data, skabeloner eller nøgler, 2 forkert brug.
`;

function progressReporter(quiet: boolean) {
  const stream = process.stderr;
  let lastShown = -1;
  return (done: number, total: number, id: string) => {
    if (quiet) return;
    if (stream.isTTY) {
      stream.write(`\r\x1b[K[${String(done).padStart(String(total).length)}/${total}] ${id}`);
      if (done === total) stream.write('\r\x1b[K');
      return;
    }
    // In logs: about ten lines per build, not one per document.
    const step = Math.max(1, Math.ceil(total / 10));
    if (done === total || done - lastShown >= step) {
      lastShown = done;
      stream.write(`[${done}/${total}]${id ? ` ${id}` : ''}\n`);
    }
  };
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        only: { type: 'string' },
        out: { type: 'string', default: 'out' },
        today: { type: 'string' },
        root: { type: 'string' },
        quiet: { type: 'boolean', short: 'q', default: false },
        'require-certificate': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const today = values.today === undefined ? todayInDenmark() : parseIsoDateOption(values.today, '--today');
  const started = performance.now();
  try {
    const result = await build({ root: values.root ?? REPO_ROOT, out: values.out, only: values.only, today, env: process.env, requireCertificate: values['require-certificate'], onProgress: progressReporter(values.quiet) });
    if (!result.ok && result.reason === 'no-match') throw new UsageError(`intet dokument og ingen kommune matcher --only »${result.only}«`);
    if (!result.ok) {
      const { load, diagnostics } = result.check;
      process.stdout.write(reportText(diagnostics, load.sources, { files: load.files, documents: {} }));
      process.stdout.write('Build afbrudt: ret fejlene ovenfor. Der er ikke skrevet noget i out/.\n');
      return 1;
    }
    const warnings = result.check.diagnostics.length;
    if (warnings > 0) process.stdout.write(`⚠ ${countNoun(warnings, 'advarsel', 'advarsler')} fra kontrollen (se npm run check)\n`);
    const pdfs = result.entries.filter((e) => e.path.endsWith('.pdf'));
    const development = pdfs.some((e) => e.developmentSigned);
    const bundles = new Set(result.entries.filter((e) => e.kind === 'samlet').map((e) => e.path)).size;
    process.stdout.write(
      `✔ ${countNoun(result.documents, 'dokument', 'dokumenter')} og ${countNoun(bundles, 'kommunepakke', 'kommunepakker')} dannet i ${values.out}/ (${countNoun(pdfs.length, 'forseglet PDF', 'forseglede PDF’er')}) på ${((performance.now() - started) / 1000).toFixed(1)} s` +
        (development ? '\n  Forseglet med det lokale TESTCERTIFIKAT: kun til udvikling.\n' : '\n'),
    );
    return 0;
  } catch (error) {
    if (error instanceof TemplateError) {
      process.stdout.write(`${error.file}:${error.line}:${error.column}  fejl  ${error.rule}  ${error.message}\nBuild afbrudt: der er ikke skrevet noget i out/.\n`);
      return 1;
    }
    if (error instanceof SigningError || error instanceof OutputLockedError || error instanceof BuildError) {
      process.stdout.write(`Build afbrudt: ${error.message}\n`);
      return 1;
    }
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

runCli('build', main);
