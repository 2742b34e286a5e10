import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { countNoun } from '../diagnostics/danish.ts';
import { fsProblem } from '../emit/fs-problem.ts';
import { SigningError } from '../sign/errors.ts';
import { signingTimeFromEnv } from '../sign/signing-time.ts';
import { GitError } from '../diff/git.ts';
import { reportJson } from '../diff/report-json.ts';
import { COMMENT_LIMIT, reportMarkdown } from '../diff/report-markdown.ts';
import { runDiff, WORKING_TREE } from '../diff/run.ts';
import { SnapshotError } from '../diff/snapshot.ts';
import { describeRevision, hasChanges } from '../diff/types.ts';
import { parseCommandLine, parseIsoDateOption, REPO_ROOT, runCli, todayInDenmark, UsageError } from './cli.ts';
import { progressReporter } from './progress.ts';

const help = `Brug: npm run diff -- [valg] [FRA] [TIL]

Viser, hvad en ændring betyder for selve aftalerne (ændringsmarkering): begge
revisioner dannes med den nuværende pipeline og sammenlignes dokument for
dokument – ændrede felter i data og ændret tekst, afsnit for afsnit.

  FRA   Git-revision at sammenligne fra (standard: merge-base mellem HEAD og
        main; findes main ikke, bruges origin/main og ellers HEAD)
  TIL   Git-revision at sammenligne med (standard: arbejdskopien, som den
        ligger på disken, også ændringer der ikke er committet)

Revisionerne hentes direkte fra gits objekter til en midlertidig mappe (ikke
med git archive, som .gitattributes kan ændre); arbejdskopien, index, HEAD og
grene røres ikke.

Valg:
  --format markdown|json  Rapportens form (standard: markdown, til en
                          kommentar på en pull request)
  --out FIL               Skriv rapporten til FIL i stedet for standard-output
  --pdf MAPPE             Dan også en PDF med ændringsmarkering for hvert
                          ændret dokument: <id>-aendringer.pdf
  --docx MAPPE            Dan også en Word-fil for hvert ændret dokument,
                          hvor hver ændring er en registreret ændring (Spor
                          ændringer) med forfatter og tidspunkt fra den nye
                          revisions commit: <id>-aendringer.docx
  --fail-on-change        Afslut med kode 1, hvis et dokument er ændret,
                          tilføjet eller fjernet (til en CI-kontrol)
  --today ÅÅÅÅ-MM-DD      Dato for kontrol af overskredne frister (standard: i dag)
  -q, --quiet             Ingen fremdriftslinjer
  --root MAPPE            Sammenlign i et andet repository (standard: dette)
  -h, --help              Vis denne hjælp

Begge revisioner kontrolleres som med npm run check (med deres egen
.aftalerrc.json). Bryder den nye revision en regel, dannes og sammenlignes den
alligevel: fundene står først i rapporten (og på stderr), og afslutningskoden
er 1. Fundene er dem i filer, som ændringen rører, og alle fejl; de øvrige
advarsler tælles kun. Kan en revision slet ikke dannes (ugyldig YAML, brud på
skemaet, en ødelagt skabelon eller konfiguration), vises fejlene, og der dannes
ingen rapport.

Tager det mere end et sekund, viser stderr, hvor langt sammenligningen er.

Afslutningskode: 0 rapport dannet uden fejl, 1 fejl i den nye revision (rapporten
er dannet), ændringer fundet med --fail-on-change, eller en revision, der ikke
kan dannes, 2 forkert brug eller intern fejl.
`;

const formats = ['markdown', 'json'] as const;
type Format = (typeof formats)[number];

/**
 * Where an output goes must not be a file where a folder is meant, or a folder where a file is:
 * checked before the comparison, which can take a minute, and not after it.
 */
function checkTarget(option: '--out' | '--pdf' | '--docx', value: string | undefined): void {
  if (value === undefined) return;
  // »--docx ""« would resolve to the current folder and scatter files there.
  if (value.trim() === '') throw new UsageError(`${option} skal have ${option === '--out' ? 'en fil' : 'en mappe'} efter sig, ikke en tom tekst`);
  let stat;
  try {
    stat = statSync(path.resolve(value));
  } catch {
    return; // made when written; a parent that cannot be made is reported then
  }
  const folder = option !== '--out';
  if (folder && !stat.isDirectory()) throw new UsageError(`${option} skal være en mappe, men »${value}« er en fil`);
  if (!folder && stat.isDirectory()) throw new UsageError(`${option} skal være en fil, men »${value}« er en mappe`);
}

/** Writes one output; a problem of the machine (no access, a full disk) is a Danish line, not an internal error. */
async function writeOutput(what: string, target: string, write: () => Promise<void> | void): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    const problem = fsProblem(error);
    if (problem === undefined) throw error;
    process.stderr.write(`diff: ${what} kan ikke skrives i ${problem.path ?? target}: ${problem.reason}\n`);
    return false;
  }
}

async function main(): Promise<number> {
  const parsed = parseCommandLine(
    {
      format: { type: 'string', default: 'markdown' },
      out: { type: 'string' },
      pdf: { type: 'string' },
      docx: { type: 'string' },
      'fail-on-change': { type: 'boolean', default: false },
      today: { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
      root: { type: 'string' },
    },
    true,
  );
  const { values, positionals } = parsed;
  const format = values.format as Format;
  if (!formats.includes(format)) throw new UsageError(`--format skal være en af ${formats.join(', ')}, ikke »${values.format}«`);
  if (positionals.length > 2) throw new UsageError(`højst to revisioner (FRA og TIL), ikke ${positionals.length}`);
  const [base, head] = positionals;
  const today = values.today === undefined ? todayInDenmark() : parseIsoDateOption(values.today, '--today');

  checkTarget('--out', values.out);
  checkTarget('--pdf', values.pdf);
  checkTarget('--docx', values.docx);
  // The Word redline of the working tree is dated SOURCE_DATE_EPOCH: a malformed one is said now, not after the comparison.
  if (values.docx !== undefined && process.env.SOURCE_DATE_EPOCH) {
    try {
      signingTimeFromEnv(process.env);
    } catch (error) {
      if (error instanceof SigningError) throw new UsageError(error.message);
      throw error;
    }
  }

  const root = path.resolve(values.root ?? REPO_ROOT);
  let result;
  try {
    result = await runDiff({
      root,
      base,
      head,
      today,
      onNote: (note) => process.stderr.write(`diff: ${note}\n`),
      // A template change renders every document of its kind twice: say how far it has come.
      onProgress: progressReporter({ quiet: values.quiet, delayMs: 1000, prefix: 'diff: ' }),
    });
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(error.message);
    if (error instanceof SnapshotError) {
      const which = error.label === WORKING_TREE ? 'arbejdskopien' : `revisionen ${error.label}`;
      // Paths in the report are the revision's own files (git show ${error.label}:<fil> shows one).
      process.stderr.write(
        `diff: ${which} kan ikke dannes:\n\n${error.report}\nRet fejlene (se npm run check), eller sammenlign med en anden revision. Der er ikke dannet nogen rapport.\n`,
      );
      return 1;
    }
    throw error;
  }

  // The findings first, as check prints them: the report follows them on a terminal.
  if (result.findings.text !== '') process.stderr.write(`diff: fund i ${describeRevision(result.head)}:\n\n${result.findings.text}\n`);
  const report = format === 'json' ? reportJson(result) : reportMarkdown(result);
  const out = values.out;
  let written = true;
  if (out === undefined) process.stdout.write(report);
  else {
    // Its folder is made as --pdf's and --docx's are: »--out aendringer/rapport.md« in a fresh checkout.
    written = await writeOutput('Rapporten', out, () => {
      mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
      writeFileSync(path.resolve(out), report);
    });
  }
  if (format === 'markdown' && report.length > COMMENT_LIMIT) {
    process.stderr.write(
      `diff: rapporten er ${report.length} tegn; en kommentar på GitHub må højst være ${COMMENT_LIMIT}. Brug --pdf, eller sammenlign færre ændringer ad gangen.\n`,
    );
  }
  const pdf = values.pdf;
  if (pdf !== undefined) {
    // Loaded only when asked for: pdfmake and the fonts are most of the command's start-up time.
    const { writeRedlines } = await import('../diff/write-redlines.ts');
    written =
      (await writeOutput('PDF’erne med ændringsmarkering', pdf, async () => {
        const files = await writeRedlines(result, path.resolve(pdf));
        process.stderr.write(`diff: ${countNoun(files.length, 'PDF med ændringsmarkering', 'PDF’er med ændringsmarkering')} skrevet i ${pdf}\n`);
      })) && written;
  }
  const docx = values.docx;
  if (docx !== undefined) {
    // Loaded only when asked for, as the PDFs are: plain diff does not pay for the Word writer.
    const { writeRedlineDocx } = await import('../diff/write-redlines-docx.ts');
    written =
      (await writeOutput('Word-filerne med registrerede ændringer', docx, async () => {
        const files = await writeRedlineDocx(result, root, path.resolve(docx));
        process.stderr.write(
          `diff: ${countNoun(files.length, 'Word-fil med registrerede ændringer', 'Word-filer med registrerede ændringer')} skrevet i ${docx}\n`,
        );
      })) && written;
  }
  if (!written) return 1;
  if (result.findings.errors > 0) {
    process.stderr.write(`diff: ${describeRevision(result.head)} har ${countNoun(result.findings.errors, 'fejl', 'fejl')}; rapporten er dannet alligevel.\n`);
    return 1;
  }
  return values['fail-on-change'] && hasChanges(result) ? 1 : 0;
}

runCli('diff', main, help);
