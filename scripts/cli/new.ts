import path from 'node:path';
import { checkRepository } from '../check/check-repository.ts';
import { severityLabel } from '../diagnostics/danish.ts';
import { loadRepository } from '../load/load-repository.ts';
import { documentKinds, type DocumentKind } from '../model/kinds.ts';
import { Repository } from '../model/repository.ts';
import { FileExistsError, writeNewFileAtomic } from '../tooling/atomic-write.ts';
import { ArgumentError } from '../tooling/lookup.ts';
import { ScaffoldError, scaffold, type ScaffoldRequest } from '../tooling/scaffold.ts';
import { SchemaDocs } from '../validate/schema-docs.ts';
import { suggest } from '../basics/quote.ts';
import { compileValidators } from '../validate/schemas.ts';
import { parseCommandLine, parseIsoDateOption, REPO_ROOT, runCli, todayInDenmark, UsageError } from './cli.ts';

const help = `Brug: npm run new -- <type> [valg]

Opretter en ny YAML-fil under agreements/ med alle påkrævede felter, en dansk
forklaring over hvert felt (fra skemaet), id og filnavn efter navnereglerne,
datoer og vilkår fra fristkalenderen, null for det, der ikke kendes endnu, og
»Udestår: …« i de tekster, der skal skrives. Status er altid udkast.

Typer og valg:
  hsa            --kommune KODE|NAVN --opgave OPGAVE
                 Horisontal samarbejdsaftale, fx
                 npm run new -- hsa --kommune 316 --opgave akutsygepleje
  delingsaftale  --kommune KODE|NAVN
                 Delingsaftale; opgaverne følger sagens indstilling
  anmodning      --kommune KODE|NAVN --opgave OPGAVE
                 Anmodning om fortsat kommunal drift
  sag            --sundhedsraad ID --sags-id SAGS-ID --punkt N --titel TEKST
                 --dokid DOKID [--lukket]
                 Sag til et sundhedsråd, fx
                 npm run new -- sag --sundhedsraad midt-og-vestsjaelland \\
                   --sags-id EMN-2026-1234 --punkt 4 --titel "Nærsundhedsplan" --dokid 12345678

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

function required(value: string | undefined, option: string, kind: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${kind} kræver ${option}`);
  return value;
}

function requestOf(kind: DocumentKind, v: Record<string, string | boolean | undefined>): ScaffoldRequest {
  const s = (key: string) => (typeof v[key] === 'string' ? (v[key] as string) : undefined);
  switch (kind) {
    case 'hsa':
    case 'anmodning':
      return { kind, kommune: required(s('kommune'), '--kommune', kind), opgave: required(s('opgave'), '--opgave', kind) };
    case 'delingsaftale':
      return { kind, kommune: required(s('kommune'), '--kommune', kind) };
    case 'sag': {
      const punkt = required(s('punkt'), '--punkt', kind);
      if (!/^\d+$/.test(punkt)) throw new UsageError(`--punkt skal være et helt tal, ikke »${punkt}«`);
      return { kind, sundhedsraad: required(s('sundhedsraad'), '--sundhedsraad', kind), sagsId: required(s('sags-id'), '--sags-id', kind), punkt: Number(punkt), titel: required(s('titel'), '--titel', kind), dokid: s('dokid'), aaben: v.lukket !== true };
    }
  }
}

/** Options that belong to other types are mistakes worth saying (»--opgave« on a delingsaftale). */
const allowed: Record<DocumentKind, string[]> = {
  hsa: ['kommune', 'opgave'],
  delingsaftale: ['kommune'],
  anmodning: ['kommune', 'opgave'],
  sag: ['sundhedsraad', 'sags-id', 'punkt', 'titel', 'dokid', 'lukket'],
};

async function main(): Promise<number> {
  const parsed = parseCommandLine({
    kommune: { type: 'string' },
    opgave: { type: 'string' },
    sundhedsraad: { type: 'string' },
    'sags-id': { type: 'string' },
    punkt: { type: 'string' },
    titel: { type: 'string' },
    dokid: { type: 'string' },
    lukket: { type: 'boolean' },
    today: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    root: { type: 'string' },
  }, true);
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(`angiv præcis én type: ${documentKinds.join(', ')}`);
  const kindArg = positionals[0]!;
  if (!(documentKinds as readonly string[]).includes(kindArg)) {
    const guess = suggest(kindArg, documentKinds);
    throw new UsageError(`ukendt type »${kindArg}«${guess ? ` – mente du »${guess}«?` : `; brug en af: ${documentKinds.join(', ')}`}`);
  }
  const kind = kindArg as DocumentKind;
  const given = Object.keys(values).filter((k) => !['today', 'dry-run', 'root', 'help'].includes(k) && values[k as keyof typeof values] !== undefined);
  const stray = given.filter((k) => !allowed[kind].includes(k));
  if (stray.length > 0) throw new UsageError(`${kind} bruger ikke ${stray.map((k) => `--${k}`).join(', ')}`);
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
    result = scaffold(repo, new SchemaDocs(root), requestOf(kind, values), { today });
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

runCli('new', main, help);
