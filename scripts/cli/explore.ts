import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { parseCommandLine, REPO_ROOT, runCli, UsageError } from './cli.ts';

const help = `Brug: npm run explore -- [valg]

Kører egenskabstestene (testfiler under tests/ der bruger fast-check) med nye,
tilfældige seeds. npm test og CI bruger altid det samme faste seed, så deres
resultat kun afhænger af koden; her ledes der efter fejl, som det faste seed
ikke rammer. For hver fejl vises seed, test og modeksempel samt kommandoen,
der genskaber den.

Valg:
  --seeds N       Antal kørsler, hver med sit eget seed (standard: 5)
  --seed S        Kør kun med dette seed (genskaber en tidligere fejl)
  --num-runs M    Antal eksempler pr. egenskab (standard: testens eget antal)
  -h, --help      Vis denne hjælp

Miljøvariablerne FC_SEED og FC_RUNS virker også direkte på npm test, fx
  FC_SEED=123 FC_RUNS=500 npx vitest run tests/hardening/properties.test.ts

Afslutningskode: 0 ingen fejl, 1 mindst én kørsel fejlede, 2 forkert brug.
`;

const VITEST = path.join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs');

function positiveInteger(text: string, option: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`${option} skal være et positivt heltal, ikke »${text}«`);
  return n;
}

/** Test files that use fast-check: every property in the suite, including ones added later. */
function propertyTestFiles(): string[] {
  const files = readdirSync(path.join(REPO_ROOT, 'tests'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => path.relative(REPO_ROOT, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((file) => /from ['"]fast-check['"]/.test(readFileSync(path.join(REPO_ROOT, file), 'utf8')));
  return files.sort();
}

/** The lines of a failed vitest run that say which property failed and on what value. */
function failureLines(output: string): string[] {
  const lines = stripVTControlCharacters(output).split('\n');
  const picked = lines.filter((l) => /^\s*FAIL\s.*>/.test(l) || /Counterexample:|\{ seed: -?\d+, path:|Property failed after/.test(l)).map((l) => l.trim());
  // Not a property failure (a syntax error, a failing hook): show the end of the output instead.
  return picked.length > 0 ? picked : lines.filter((l) => l.trim() !== '').slice(-20);
}

async function main(): Promise<number> {
  const { values } = parseCommandLine({
    seeds: { type: 'string' },
    seed: { type: 'string' },
    'num-runs': { type: 'string' },
  });
  if (values.seed !== undefined && values.seeds !== undefined) throw new UsageError('brug enten --seed eller --seeds, ikke begge');
  if (values.seed !== undefined && !/^-?\d+$/.test(values.seed)) throw new UsageError(`--seed skal være et heltal, ikke »${values.seed}«`);
  const numRuns = values['num-runs'] === undefined ? undefined : positiveInteger(values['num-runs'], '--num-runs');
  // fast-check seeds are 32-bit integers; a fresh one per run, from a source no test shares.
  const seeds =
    values.seed !== undefined ? [Number(values.seed)] : Array.from({ length: positiveInteger(values.seeds ?? '5', '--seeds') }, () => randomInt(2 ** 31));

  const files = propertyTestFiles();
  if (files.length === 0) throw new UsageError('ingen testfiler under tests/ bruger fast-check');
  process.stdout.write(`Egenskabstest: ${files.join(', ')}\n`);

  const failed: number[] = [];
  for (const [i, seed] of seeds.entries()) {
    process.stdout.write(`Kørsel ${i + 1}/${seeds.length}, seed ${seed} … `);
    const env: NodeJS.ProcessEnv = { ...process.env, FC_SEED: String(seed) };
    if (numRuns !== undefined) env.FC_RUNS = String(numRuns);
    // Without CI, vitest writes no JSON report, so an exploration cannot overwrite CI's.
    delete env.CI;
    const started = Date.now();
    const run = spawnSync(process.execPath, [VITEST, 'run', ...files], { cwd: REPO_ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.error) throw new Error(`vitest kunne ikke startes: ${run.error.message}`);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (run.status === 0) {
      process.stdout.write(`ok (${seconds} s)\n`);
      continue;
    }
    failed.push(seed);
    process.stdout.write(`FEJL (${seconds} s)\n`);
    for (const line of failureLines(`${run.stdout}\n${run.stderr}`)) process.stdout.write(`    ${line}\n`);
    const runsPart = numRuns === undefined ? '' : ` FC_RUNS=${numRuns}`;
    process.stdout.write(`    Genskab: FC_SEED=${seed}${runsPart} npx vitest run ${files.join(' ')}\n`);
  }

  if (failed.length === 0) {
    process.stdout.write(`✔ Ingen fejl med ${seeds.length} seeds\n`);
    return 0;
  }
  process.stdout.write(`✖ ${failed.length} af ${seeds.length} kørsler fejlede; seeds: ${failed.join(', ')}\n`);
  return 1;
}

runCli('explore', main, help);
