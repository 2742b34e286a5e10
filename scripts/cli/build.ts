import { countNoun } from '../diagnostics/danish.ts';
import type { BuildResult } from '../pipeline/build.ts';
import { noopBuild, noopOptionsOf } from '../pipeline/noop.ts';
import { parseShard } from '../pipeline/shard.ts';
import { parseCommandLine, parseIsoDateOption, REPO_ROOT, runCli, todayInDenmark, UsageError } from './cli.ts';
import { progressReporter } from './progress.ts';

const help = `Brug: npm run build -- [valg]

Kontrollerer data (som npm run check) og danner derefter alle dokumenter som
Markdown og forseglet PDF i out/, med kommunepakker og out/manifest.json.
Finder kontrollen fejl, dannes intet, og out/ forbliver som før. Dokumenter,
hvis data, skabeloner og programkode er uændrede siden sidst, genbruges.

Valg:
  --only ID|KOMMUNE   Dan kun ét dokument (id) eller én kommunes dokumenter
                      (kommunekode eller navn, fx 350 eller lejre); resten
                      af out/ bevares
  --shard I/N         Dan kun del I af N (til parallelle CI-job); saml
                      delene bagefter med npm run merge
  --force             Dan alt igen, også det uændrede
  --jobs N            Antal tråde til PDF-dannelsen (standard: efter mængden;
                      én tråd, til der er mange dokumenter at danne)
  --out MAPPE         Outputmappe (standard: out)
  --today ÅÅÅÅ-MM-DD  Dato for kontrol af frister (standard: i dag)
  --strict            Overskredne frister er fejl (som npm run check -- --strict)
  --require-certificate
                      Stop hvis der ikke er angivet et rigtigt certifikat
                      (til den build, der udgiver PDF'erne)
  --json              Skriv et JSON-resumé (til målinger) i stedet for tekst
  --root MAPPE        Byg et andet repository (standard: dette)
  -q, --quiet         Ingen fremdriftslinjer
  -h, --help          Vis denne hjælp

Forsegling: se README (AFTALER_SIGN_P12 / AFTALER_SIGN_P12_BASE64 og
AFTALER_SIGN_PASSPHRASE). Uden dem bruges et lokalt testcertifikat i .signing/.
Med regionens certifikat forsegles et dokument med »Udestår« i teksten ikke:
PDF'en skrives uforseglet og siger det under titlen, og manifest.json siger
"sealed": false (npm run verify godtager den kun sådan). Testcertifikatet
forsegler også udkast.
Tidspunkt: SOURCE_DATE_EPOCH, ellers tidspunktet for seneste commit.
Tidsstempel (PAdES B-T): »segl.tidsstempel_url« i .aftalerrc.json; uden den
kontaktes ingen server, og PDF'erne er de samme fra gang til gang. Svarer
tjenesten ikke, afbrydes build, og out/ forbliver som før.
AFTALER_FONT_SHARING=0 slår fontdelingen fra (langsommere, men samme PDF'er).

Afslutningskode: 0 færdig, 1 fejl i data, skabeloner eller nøgler, 2 forkert brug.
`;

async function main(): Promise<number> {
  const { values } = parseCommandLine({
    only: { type: 'string' },
    shard: { type: 'string' },
    force: { type: 'boolean', default: false },
    jobs: { type: 'string' },
    out: { type: 'string', default: 'out' },
    today: { type: 'string' },
    strict: { type: 'boolean', default: false },
    root: { type: 'string' },
    json: { type: 'boolean', default: false },
    quiet: { type: 'boolean', short: 'q', default: false },
    'require-certificate': { type: 'boolean', default: false },
  });
  const today = values.today === undefined ? todayInDenmark() : parseIsoDateOption(values.today, '--today');
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (values.shard !== undefined && !shard) throw new UsageError(`--shard skal have formen I/N med 1 ≤ I ≤ N, fx 2/3, ikke »${values.shard}«`);
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) throw new UsageError(`--jobs skal være et helt tal ≥ 1, ikke »${values.jobs!}«`);
  const started = performance.now();
  const options = {
    root: values.root ?? REPO_ROOT,
    out: values.out,
    only: values.only,
    shard,
    force: values.force,
    jobs,
    today,
    strict: values.strict,
    env: process.env,
    requireCertificate: values['require-certificate'],
    onProgress: progressReporter({ quiet: values.quiet || values.json }),
  };
  // Nothing changed since the last build of everything: say so without loading the check and
  // the rendering stack (pipeline/noop.ts).
  const fast = options.force || options.only !== undefined || shard !== undefined ? undefined : noopBuild(noopOptionsOf(options));
  if (fast) {
    const result: BuildResult = { ok: true, ...fast, rendered: [], reused: fast.documents, bundles: { total: fast.bundles, rebuilt: 0 }, changed: false };
    return report(result, values, started, true);
  }
  const { ConfigError } = await import('../check/config.ts');
  const { reportText } = await import('../diagnostics/report-text.ts');
  const { OutputLockedError } = await import('../emit/output-dir.ts');
  const { BuildError, build } = await import('../pipeline/build.ts');
  const { TemplateError } = await import('../render/template-error.ts');
  const { SigningError } = await import('../sign/errors.ts');
  try {
    const result = await build(options);
    if (!result.ok && result.reason === 'no-match')
      throw new UsageError(`intet dokument og ingen kommune matcher --only »${result.only}«${result.guess ? ` – mente du ${result.guess}?` : ''}`);
    if (!result.ok) {
      const { load, diagnostics } = result.check;
      process.stdout.write(reportText(diagnostics, load.sources, { files: load.files, documents: [] }));
      process.stdout.write('Build afbrudt: ret fejlene ovenfor. Der er ikke skrevet noget i out/.\n');
      return 1;
    }
    return report(result, values, started);
  } catch (error) {
    if (error instanceof TemplateError) {
      process.stdout.write(
        `${error.file}:${error.line}:${error.column}  fejl  ${error.rule}  ${error.message}\nBuild afbrudt: der er ikke skrevet noget i out/.\n`,
      );
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

/** The summary of a finished build: one line for staff, or JSON with --json. */
function report(result: Extract<BuildResult, { ok: true }>, values: { json: boolean; out: string }, started: number, fast = false): number {
  const seconds = (performance.now() - started) / 1000;
  const pdfs = result.entries.filter((e) => e.path.endsWith('.pdf'));
  if (values.json) {
    const summary = {
      documents: result.documents,
      rendered: result.rendered.length,
      reused: result.reused,
      bundles: result.bundles.rebuilt,
      files: result.entries.length,
      seconds: Number(seconds.toFixed(3)),
      // maxRSS is in kilobytes and covers the worker threads, which share the process.
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      renderedIds: result.rendered,
      // Nothing had changed since the last build of everything, so nothing was checked (pipeline/noop.ts).
      fastPath: fast,
    };
    process.stdout.write(JSON.stringify(summary) + '\n');
    return 0;
  }
  const warnings = result.diagnostics.length;
  if (warnings > 0) process.stdout.write(`⚠ ${countNoun(warnings, 'advarsel', 'advarsler')} fra kontrollen (se npm run check)\n`);
  const development = pdfs.some((e) => e.developmentSigned);
  // Left unsealed by a build with the region's certificate: drafts that still say »Udestår« (emit/unsealed.ts).
  const unsealed = pdfs.filter((e) => e.sealed === false).length;
  const what = `${countNoun(result.documents, 'dokument', 'dokumenter')} og ${countNoun(result.bundles.total, 'kommunepakke', 'kommunepakker')}`;
  const how = result.changed ? `${result.rendered.length} dannet, ${result.reused} uændrede` : 'alt var allerede opdateret';
  const sealed = countNoun(pdfs.length - unsealed, 'forseglet PDF', 'forseglede PDF’er');
  process.stdout.write(
    `✔ ${what} i ${values.out}/: ${how} · ${sealed}${unsealed > 0 ? `, ${unsealed} ikke forseglet` : ''} · ${seconds.toFixed(1)} s\n` +
      (unsealed > 0 ? `  ${countNoun(unsealed, 'PDF', 'PDF’er')} med udestående tekst (Udestår) er ikke forseglet; manifest.json siger hvilke.\n` : '') +
      (development ? '  Forseglet med det lokale TESTCERTIFIKAT: kun til udvikling.\n' : ''),
  );
  return 0;
}

runCli('build', main, help);
