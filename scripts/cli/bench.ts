import { BenchError, runBench } from '../bench/bench.ts';
import { DEFAULT_KOMMUNER } from '../bench/generate.ts';
import { formatJson, formatText } from '../bench/report.ts';
import { maxKommuner, readRealRegion } from '../bench/region.ts';
import { TYPST_INSTALL } from '../bench/typst.ts';
import { parseCommandLine, REPO_ROOT, runCli, UsageError } from './cli.ts';

const help = `Brug: npm run bench -- [valg]

Måler hastighed og hukommelse på et stort SYNTETISK datasæt: danner et
repository med N kommuner i en midlertidig mappe og kører de rigtige kommandoer
på det: kontrol, fuld build (Markdown, PDF, Word og forsegling), samme build
igen uden ændringer, build efter ændring af ét beløb i én samarbejdsaftale, og
forhåndsvisning af ét dokument (build --only) efter ændring af en anden.
Markdown-trinnet og Word-trinnet (.docx) måles hver for sig. Vægtid og
CPU-tid pr. dokument sammenlignes med pandoc + WeasyPrint, når de er
installeret, og med Typst, når dens pakke er installeret (${TYPST_INSTALL});
Typst får de samme Markdown-filer omsat til Typst-opmærkning og samme skrift.
Resultatet vises med målene for hver måling (✔/✖).

Valg:
  --kommuner N         Antal kommuner (standard: ${DEFAULT_KOMMUNER}, hele Region Østdanmark;
                       98 svarer til hele landet, med syntetiske kommuner)
  --json               Skriv alle tal som JSON
  --keep               Bevar den midlertidige mappe med data og out/
  --no-pandoc          Spring sammenligningen med pandoc + WeasyPrint over
  --no-typst           Spring sammenligningen med Typst over
  --pandoc-sample N    Lad pandoc danne højst N dokumenter (jævnt fordelt)
  -h, --help           Vis denne hjælp

Afslutningskode: 0 målt (også når et mål ikke nås: se ✖), 1 et trin fejlede,
2 forkert brug.
`;

function positiveInteger(value: string, option: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`${option} skal være et helt tal fra 1 til ${max}, ikke »${value}«`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseCommandLine({
    kommuner: { type: 'string' },
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'no-pandoc': { type: 'boolean', default: false },
    'no-typst': { type: 'boolean', default: false },
    'pandoc-sample': { type: 'string' },
  });
  const kommuner = values.kommuner === undefined ? DEFAULT_KOMMUNER : positiveInteger(values.kommuner, '--kommuner', maxKommuner(readRealRegion(REPO_ROOT)));
  const pandocSample = values['pandoc-sample'] === undefined ? undefined : positiveInteger(values['pandoc-sample'], '--pandoc-sample');
  try {
    const result = await runBench({
      kommuner,
      keep: values.keep,
      pandoc: !values['no-pandoc'],
      typst: !values['no-typst'],
      pandocSample,
      // Progress goes to stderr, so --json output on stdout stays one clean document.
      onStep: (label) => process.stderr.write(`… ${label}\n`),
    });
    process.stdout.write(values.json ? formatJson(result) : formatText(result));
    return 0;
  } catch (error) {
    if (error instanceof BenchError) {
      process.stderr.write(`bench: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

runCli('bench', main, help);
