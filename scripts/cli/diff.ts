import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { countNoun } from '../diagnostics/danish.ts';
import { GitError } from '../diff/git.ts';
import { reportJson } from '../diff/report-json.ts';
import { COMMENT_LIMIT, reportMarkdown } from '../diff/report-markdown.ts';
import { runDiff, WORKING_TREE } from '../diff/run.ts';
import { SnapshotError } from '../diff/snapshot.ts';
import { hasChanges } from '../diff/types.ts';
import { parseCommandLine, REPO_ROOT, runCli, todayInDenmark, UsageError } from './cli.ts';

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
  --fail-on-change        Afslut med kode 1, hvis et dokument er ændret,
                          tilføjet eller fjernet (til en CI-kontrol)
  --root MAPPE            Sammenlign i et andet repository (standard: dette)
  -h, --help              Vis denne hjælp

Har en af revisionerne fejl i data eller skabeloner, vises fejlene, og der
dannes ingen rapport (ret fejlene, eller vælg en anden revision).

Afslutningskode: 0 rapport dannet, 1 ændringer fundet med --fail-on-change
eller fejl i en revisions data, 2 forkert brug eller intern fejl.
`;

const formats = ['markdown', 'json'] as const;
type Format = (typeof formats)[number];

async function main(): Promise<number> {
  const parsed = parseCommandLine(
    {
      format: { type: 'string', default: 'markdown' },
      out: { type: 'string' },
      pdf: { type: 'string' },
      'fail-on-change': { type: 'boolean', default: false },
      root: { type: 'string' },
    },
    true,
  );
  const { values, positionals } = parsed;
  const format = values.format as Format;
  if (!formats.includes(format)) throw new UsageError(`--format skal være en af ${formats.join(', ')}, ikke »${values.format}«`);
  if (positionals.length > 2) throw new UsageError(`højst to revisioner (FRA og TIL), ikke ${positionals.length}`);
  const [base, head] = positionals;

  let result;
  try {
    result = await runDiff({
      root: path.resolve(values.root ?? REPO_ROOT),
      base,
      head,
      today: todayInDenmark(),
      onNote: (note) => process.stderr.write(`diff: ${note}\n`),
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

  const report = format === 'json' ? reportJson(result) : reportMarkdown(result);
  if (values.out !== undefined) writeFileSync(path.resolve(values.out), report);
  else process.stdout.write(report);
  if (format === 'markdown' && report.length > COMMENT_LIMIT) {
    process.stderr.write(
      `diff: rapporten er ${report.length} tegn; en kommentar på GitHub må højst være ${COMMENT_LIMIT}. Brug --pdf, eller sammenlign færre ændringer ad gangen.\n`,
    );
  }
  if (values.pdf !== undefined) {
    // Loaded only when asked for: pdfmake and the fonts are most of the command's start-up time.
    const { writeRedlines } = await import('../diff/write-redlines.ts');
    const files = await writeRedlines(result, path.resolve(values.pdf));
    process.stderr.write(`diff: ${countNoun(files.length, 'PDF med ændringsmarkering', 'PDF’er med ændringsmarkering')} skrevet i ${values.pdf}\n`);
  }
  return values['fail-on-change'] && hasChanges(result) ? 1 : 0;
}

runCli('diff', main, help);
