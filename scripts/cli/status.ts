import path from 'node:path';
import { checkedRepository } from '../tooling/checked-repository.ts';
import { STATUS_MD, STATUS_PDF } from '../emit/manifest-paths.ts';
import { statusFiles, writeIntoOutput } from '../tooling/outputs.ts';
import { OutputLockedError, runningBuild } from '../emit/output-dir.ts';
import { parseCommandLine, parseIsoDateOption, REPO_ROOT, runCli, todayInDenmark } from './cli.ts';

const help = `Brug: npm run status -- [valg]

Danner en statusoversigt over opgaveflyttet som out/status.md og out/status.pdf:
for hvert sundhedsråd en tabel med kommuner og opgaver. I hver celle står
driftsmodellen efter sagens indstilling (kommunal drift, regional drift eller
anmodning), status og version for det dokument, der bærer den (samarbejdsaftale,
delingsaftale eller anmodning), og dokumentets næste eller overskredne frist.

Valg:
  --today ÅÅÅÅ-MM-DD  Dato, fristerne vurderes pr. (standard: i dag)
  --out MAPPE         Outputmappe (standard: out)
  --root MAPPE        Et andet repository (standard: dette)
  -h, --help          Vis denne hjælp

Afslutningskode: 0 færdig, 1 fejl i data (ret dem først; se npm run check),
en build skriver netop nu til out/, eller out/ kan ikke skrives, 2 forkert brug.
`;

async function main(): Promise<number> {
  const { values } = parseCommandLine({
    today: { type: 'string' },
    out: { type: 'string', default: 'out' },
    root: { type: 'string' },
  });
  const today = values.today === undefined ? todayInDenmark() : parseIsoDateOption(values.today, '--today');
  const root = values.root ?? REPO_ROOT;
  const checked = await checkedRepository(root, today);
  if (!checked.ok) {
    process.stdout.write(checked.report + 'Statusoversigten er ikke dannet: ret fejlene ovenfor (se npm run check).\n');
    return 1;
  }
  const outDir = path.resolve(root, values.out);
  const builder = runningBuild(outDir);
  if (builder !== undefined) {
    process.stdout.write(
      `Statusoversigten er ikke skrevet: en build (proces ${builder}) skriver netop nu til ${values.out}/; kør kommandoen igen, når den er færdig.\n`,
    );
    return 1;
  }
  const files = await statusFiles(checked.repo, { today });
  try {
    writeIntoOutput(outDir, files);
  } catch (error) {
    if (!(error instanceof OutputLockedError)) throw error;
    process.stdout.write(`Statusoversigten er ikke skrevet: ${error.message}\n`);
    return 1;
  }
  process.stdout.write(`✔ Statusoversigt pr. ${today} dannet: ${path.join(values.out, STATUS_MD)} og ${path.join(values.out, STATUS_PDF)}\n`);
  return 0;
}

runCli('status', main, help);
