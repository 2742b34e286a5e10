import path from 'node:path';
import { checkRepository } from '../check/check-repository.ts';
import { severityLabel } from '../diagnostics/danish.ts';
import { loadRepository } from '../load/load-repository.ts';
import { Repository } from '../model/repository.ts';
import { FileExistsError, writeNewFileAtomic } from '../tooling/atomic-write.ts';
import { ArgumentError } from '../tooling/lookup.ts';
import { recordTermination, TerminationRefusal } from '../tooling/opsigelse.ts';
import { ScaffoldError, scaffold, scaffoldKinds, type ScaffoldRequest } from '../tooling/scaffold.ts';
import { SchemaDocs } from '../validate/schema-docs.ts';
import { suggest } from '../basics/quote.ts';
import { compileValidators } from '../validate/schemas.ts';
import { parseCommandLine, parseIsoDateOption, REPO_ROOT, runCli, todayInDenmark, UsageError } from './cli.ts';

/** One kind's lines in the help: its options, then what it is, with an example. */
function kindHelp(kind: ReturnType<typeof scaffoldKinds>[number]): string[] {
  const options = kind.scaffold.options.map((o) => {
    const text = o.value ? `--${o.name} ${o.value}` : `--${o.name}`;
    return o.required ? text : `[${text}]`;
  });
  const pad = ' '.repeat(17);
  return [`  ${kind.id.padEnd(15)}${options.join(' ')}`, ...kind.scaffold.help.map((line) => `${pad}${line}`)];
}

const help = `Brug: npm run new -- <type> [valg]

Opretter en ny YAML-fil under agreements/ med alle påkrævede felter, en dansk
forklaring over hvert felt (fra skemaet), id og filnavn efter navnereglerne,
datoer og vilkår fra fristkalenderen, null for det, der ikke kendes endnu, og
»Udestår: …« i de tekster, der skal skrives. Status er altid udkast.

Typer og valg:
${scaffoldKinds().flatMap(kindHelp).join('\n')}

Opsigelse af en eksisterende aftale:
  opsigelse      --dokument ID --dato ÅÅÅÅ-MM-DD --part region|kommune
                 Registrerer, at aftalen er opsagt: sætter status: opsagt og
                 tilføjer opsigelse.meddelt i aftalens fil (kommentarer og
                 tekst bevares) og skriver ophørsdatoen (datoen plus varslet).
                 fx npm run new -- opsigelse --dokument hsa-holbaek-akutsygepleje --dato 2027-03-15 --part kommune

Øvrige valg:
  --today ÅÅÅÅ-MM-DD  Oprettelsesdato; en ny samarbejdsaftales version (standard: i dag)
  --dry-run           Vis filen i stedet for at skrive den
  --root MAPPE        Et andet repository (standard: dette)
  -h, --help          Vis denne hjælp

Kommunen kan angives med kode (316), ASCII-navn (holbaek) eller navn (Holbæk).
Opgaver: se agreements/reference/opgaver.yaml (fx akutsygepleje). En fil, der
allerede findes, overskrives aldrig.

Afslutningskode: 0 oprettet, 1 filen findes allerede eller data mangler,
2 forkert brug (fx ukendt kommune eller opgave).
`;

/** The request from the parsed options: every option the kind requires, and none it does not use. */
function requestOf(kind: ReturnType<typeof scaffoldKinds>[number], values: Record<string, string | boolean | undefined>): ScaffoldRequest {
  const given = Object.keys(values).filter((k) => !COMMON_OPTIONS.includes(k) && values[k] !== undefined);
  const known = kind.scaffold.options.map((o) => o.name);
  const stray = given.filter((k) => !known.includes(k));
  if (stray.length > 0) throw new UsageError(`${kind.id} bruger ikke ${stray.map((k) => `--${k}`).join(', ')}`);
  for (const option of kind.scaffold.options) {
    const value = values[option.name];
    if (option.required && (typeof value !== 'string' || value.trim() === '')) throw new UsageError(`${kind.id} kræver --${option.name}`);
  }
  return { kind: kind.id, ...Object.fromEntries(known.map((name) => [name, values[name]])) };
}

/** Options of the command itself, not of a kind. */
const COMMON_OPTIONS = ['today', 'dry-run', 'root', 'help'];

async function main(): Promise<number> {
  // Every option any kind takes, as a string (or a flag); requestOf keeps each kind to its own.
  const kindOptions = Object.fromEntries(
    scaffoldKinds()
      .flatMap((k) => k.scaffold.options)
      .map((o) => [o.name, { type: o.value ? ('string' as const) : ('boolean' as const) }]),
  );
  const parsed = parseCommandLine(
    {
      ...kindOptions,
      today: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      root: { type: 'string' },
      ...TERMINATION_OPTIONS,
    },
    true,
  );
  const { values, positionals } = parsed;
  if (positionals[0] === 'opsigelse' && positionals.length === 1) return terminate(values);
  const stray = Object.keys(TERMINATION_OPTIONS).filter((k) => (values as Record<string, unknown>)[k] !== undefined);
  if (stray.length > 0) throw new UsageError(`${stray.map((k) => `--${k}`).join(', ')} hører til opsigelse (npm run new -- opsigelse …)`);
  const names = [...scaffoldKinds().map((k) => k.id), 'opsigelse'];
  if (positionals.length !== 1) throw new UsageError(`angiv præcis én type: ${names.join(', ')}`);
  const kindArg = positionals[0]!;
  const kind = scaffoldKinds().find((k) => k.id === kindArg);
  if (!kind) {
    const guess = suggest(kindArg, names);
    throw new UsageError(`ukendt type »${kindArg}«${guess ? ` – mente du »${guess}«?` : `; brug en af: ${names.join(', ')}`}`);
  }
  const request = requestOf(kind, values);
  const today = values.today === undefined ? todayInDenmark() : parseIsoDateOption(values.today, '--today');
  const root = values.root ?? REPO_ROOT;

  const load = await loadRepository(root, compileValidators(root));
  const brokenReference = load.diagnostics.filter((d) => d.severity === 'error' && d.file.startsWith('agreements/reference/'));
  if (brokenReference.length > 0) {
    process.stdout.write(`Referencedata har fejl (${[...new Set(brokenReference.map((d) => d.file))].join(', ')}); ret dem først (se npm run check).\n`);
    return 1;
  }
  const repo = new Repository(load.documents, load.brokenIds);

  let result;
  try {
    result = scaffold(repo, new SchemaDocs(root), request, { today });
  } catch (error) {
    if (error instanceof ArgumentError) throw new UsageError(error.message);
    if (error instanceof ScaffoldError) {
      process.stdout.write(`Ikke oprettet: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  if (values['dry-run']) {
    process.stdout.write(result.text);
    return 0;
  }
  const existing = repo.byId(result.id);
  if (existing && existing.file !== result.file) {
    process.stdout.write(`Ikke oprettet: dokumentet ${result.id} findes allerede i ${existing.file}\n`);
    return 1;
  }
  try {
    writeNewFileAtomic(path.join(root, result.file), result.text);
  } catch (error) {
    if (error instanceof FileExistsError) {
      process.stdout.write(`Ikke oprettet: ${result.file} findes allerede, og en eksisterende fil overskrives aldrig. Ret i den, eller slet den først.\n`);
      return 1;
    }
    throw error;
  }
  process.stdout.write(`✔ Oprettet ${result.file}\n`);
  for (const note of result.notes) process.stdout.write(`  ${note}\n`);

  // Say at once whether the new file passes the check, so staff start from a clean file.
  const check = await checkRepository(root, { today });
  const mine = check.diagnostics.filter((d) => d.file === result.file);
  if (mine.length === 0) process.stdout.write('  Kontrol: ingen fejl i den nye fil. Udfyld »Udestår: …« og null-felterne, og kør npm run check.\n');
  for (const d of mine) {
    const { start } = check.load.sources.resolve(d.file, d.span);
    process.stdout.write(`  ${d.file}:${start.line}:${start.column}  ${severityLabel[d.severity]}  ${d.rule}  ${d.message}\n`);
  }
  return mine.some((d) => d.severity === 'error') ? 1 : 0;
}

/** The options of `opsigelse`, which edits an existing file instead of scaffolding one. */
const TERMINATION_OPTIONS = { dokument: { type: 'string' }, dato: { type: 'string' }, part: { type: 'string' } } as const;

/** `npm run new -- opsigelse`: records a termination in the agreement's file, then checks it. */
async function terminate(values: Record<string, string | boolean | undefined>): Promise<number> {
  const known = ['dokument', 'dato', 'part', 'root', 'today', 'help', 'dry-run'];
  const stray = Object.keys(values).filter((k) => values[k] !== undefined && values[k] !== false && !known.includes(k));
  if (stray.length > 0) throw new UsageError(`opsigelse bruger ikke ${stray.map((k) => `--${k}`).join(', ')}`);
  if (values['dry-run']) throw new UsageError('opsigelse har ingen --dry-run; ændringen ses med git diff og kan fortrydes med git');
  for (const name of ['dokument', 'dato', 'part']) {
    const value = values[name];
    if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`opsigelse kræver --${name}`);
  }
  const dato = parseIsoDateOption(String(values.dato), '--dato');
  const today = values.today === undefined ? todayInDenmark() : parseIsoDateOption(String(values.today), '--today');
  const root = typeof values.root === 'string' ? values.root : REPO_ROOT;

  const load = await loadRepository(root, compileValidators(root));
  const repo = new Repository(load.documents, load.brokenIds);
  let result;
  try {
    result = recordTermination(root, repo, { dokument: String(values.dokument).trim(), dato, part: String(values.part).trim() });
  } catch (error) {
    if (error instanceof ArgumentError) throw new UsageError(error.message);
    if (error instanceof TerminationRefusal) {
      process.stdout.write(`Ikke opsagt: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  process.stdout.write(`✔ Opsigelsen er registreret i ${result.file}\n`);
  for (const line of result.lines) process.stdout.write(`  ${line}\n`);

  const check = await checkRepository(root, { today });
  const mine = check.diagnostics.filter((d) => d.file === result.file);
  if (mine.length === 0) process.stdout.write('  Kontrol: ingen fejl eller advarsler i filen.\n');
  for (const d of mine) {
    const { start } = check.load.sources.resolve(d.file, d.span);
    process.stdout.write(`  ${d.file}:${start.line}:${start.column}  ${severityLabel[d.severity]}  ${d.rule}  ${d.message}\n`);
  }
  return mine.some((d) => d.severity === 'error') ? 1 : 0;
}

runCli('new', main, help);
