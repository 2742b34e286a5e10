import path from 'node:path';
import { countNoun } from '../diagnostics/danish.ts';
import { fsProblem } from '../emit/fs-problem.ts';
import { OutputLockedError } from '../emit/output-dir.ts';
import { MergeError, mergeShards } from '../pipeline/merge.ts';
import { parseCommandLine, REPO_ROOT, runCli, UsageError } from './cli.ts';

const help = `Brug: npm run merge -- [--out MAPPE] DEL-MAPPE…

Samler outputmapperne fra en opdelt build (npm run build -- --shard I/N --out
MAPPE) til én mappe med ét samlet manifest. Hver fil kontrolleres mod sin dels
manifest; en fil, der findes i flere dele, skal være ens i dem alle.

Valg:
  --out MAPPE   Den samlede mappe (standard: out)
  -h, --help    Vis denne hjælp

Afslutningskode: 0 samlet, 1 delene passer ikke sammen (eller et manifest
nævner en sti uden for sin mappe), 2 forkert brug.
`;

async function main(): Promise<number> {
  const parsed = parseCommandLine({ out: { type: 'string', default: 'out' } }, true);
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError('angiv mindst én mappe fra en opdelt build');
  const resolve = (p: string) => path.resolve(process.env.INIT_CWD ?? REPO_ROOT, p);
  try {
    const entries = mergeShards(positionals.map(resolve), resolve(values.out));
    process.stdout.write(`✔ ${countNoun(positionals.length, 'del', 'dele')} samlet i ${values.out}/ (${countNoun(entries.length, 'fil', 'filer')})\n`);
    return 0;
  } catch (error) {
    if (error instanceof MergeError || error instanceof OutputLockedError) {
      process.stdout.write(`Sammenlægning afbrudt: ${error.message}\n`);
      return 1;
    }
    // Copying into the staging folder can still meet a full disk: the machine's problem, not a bug.
    const problem = fsProblem(error);
    if (problem) {
      process.stdout.write(`Sammenlægning afbrudt: ${problem.path ?? values.out}: ${problem.reason}; ret det, og kør igen. ${values.out}/ er uændret.\n`);
      return 1;
    }
    throw error;
  }
}

runCli('merge', main, help);
