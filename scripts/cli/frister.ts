import path from 'node:path';
import { countNoun } from '../diagnostics/danish.ts';
import { SigningError } from '../sign/errors.ts';
import { checkedRepository } from '../tooling/checked-repository.ts';
import { documentDeadlines } from '../kinds/index.ts';
import { FRISTER_ICS, fristerIcs } from '../emit/frister-calendar.ts';
import { fristerReport } from '../tooling/frister-report.ts';
import { ArgumentError, findKommune } from '../tooling/lookup.ts';
import { OutputLockedError, runningBuild } from '../emit/output-dir.ts';
import { writeIntoOutput } from '../tooling/outputs.ts';
import { parseCommandLine, parseIsoDateOption, REPO_ROOT, runCli, todayInDenmark, UsageError } from './cli.ts';

const help = `Brug: npm run frister -- [valg]

Viser for hver kommune de overskredne frister og den næste frist for hvert af
kommunens dokumenter (samarbejdsaftaler, delingsaftale, anmodninger), og for
hvert sundhedsråd fristerne for dets sager. Alle datoer og kilder kommer fra
data: fristkalenderen (agreements/reference/frister.yaml) og dokumenterne selv.

Skriver også alle frister for alle dokumenter som kalenderfil, out/frister.ics,
der kan importeres i Outlook, Google Kalender og lignende. Importeres en nyere
fil, opdateres de samme begivenheder i stedet for at blive lagt ind to gange.

Valg:
  --today ÅÅÅÅ-MM-DD    Dato, fristerne vurderes pr. (standard: i dag)
  --kommune KODE|NAVN   Kun én kommune, fx 316 eller holbaek
  --all                 Vis alle frister med status, også de opfyldte
  --out MAPPE           Mappe til frister.ics (standard: out)
  --no-calendar         Skriv ikke frister.ics
  --root MAPPE          Et andet repository (standard: dette)
  -h, --help            Vis denne hjælp

En frist er overskredet fra dagen efter fristens dato, når trinnet ikke er
registreret i data (fx begge godkendelsesdatoer i en samarbejdsaftale).
Kalenderens tidsstempel er SOURCE_DATE_EPOCH, ellers den seneste dato i data.

Afslutningskode: 0 færdig (også når frister er overskredet), 1 fejl i data
(ret dem først; se npm run check) eller out/ kan ikke skrives, 2 forkert brug.
`;

async function main(): Promise<number> {
  const { values } = parseCommandLine({
    today: { type: 'string' },
    kommune: { type: 'string' },
    all: { type: 'boolean', default: false },
    out: { type: 'string', default: 'out' },
    'no-calendar': { type: 'boolean', default: false },
    root: { type: 'string' },
  });
  const today = values.today === undefined ? todayInDenmark() : parseIsoDateOption(values.today, '--today');
  const root = values.root ?? REPO_ROOT;
  const checked = await checkedRepository(root, today);
  if (!checked.ok) {
    process.stdout.write(checked.report + 'Fristerne vises ikke: ret fejlene ovenfor (se npm run check).\n');
    return 1;
  }
  const { repo } = checked;
  let kommune: string | undefined;
  try {
    kommune = values.kommune === undefined ? undefined : findKommune(repo, values.kommune).kode;
  } catch (error) {
    if (error instanceof ArgumentError) throw new UsageError(error.message);
    throw error;
  }

  const deadlines = documentDeadlines(repo);
  process.stdout.write(fristerReport(repo, deadlines, { today, kommune, all: values.all }));

  if (!values['no-calendar']) {
    const outDir = path.resolve(root, values.out);
    const builder = runningBuild(outDir);
    if (builder !== undefined) {
      process.stdout.write(
        `${FRISTER_ICS} er ikke skrevet: en build (proces ${builder}) skriver netop nu til ${values.out}/; kør kommandoen igen, når den er færdig.\n`,
      );
      return 1;
    }
    let ics: string;
    try {
      ics = fristerIcs(repo, { env: process.env, reminderDays: checked.check.config.reminderDays });
    } catch (error) {
      if (error instanceof SigningError) throw new UsageError(error.message);
      throw error;
    }
    try {
      writeIntoOutput(outDir, { [FRISTER_ICS]: ics });
    } catch (error) {
      if (!(error instanceof OutputLockedError)) throw error;
      process.stdout.write(`${FRISTER_ICS} er ikke skrevet: ${error.message}\n`);
      return 1;
    }
    process.stdout.write(`Kalender: ${path.join(values.out, FRISTER_ICS)} (${countNoun(deadlines.length, 'frist', 'frister')})\n`);
  }
  return 0;
}

runCli('frister', main, help);
