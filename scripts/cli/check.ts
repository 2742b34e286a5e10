import { parseArgs } from 'node:util';
import { checkRepository } from '../check/check-repository.ts';
import { rules } from '../check/rules/index.ts';
import { hasErrors } from '../diagnostics/diagnostic.ts';
import { reportGithub } from '../diagnostics/report-github.ts';
import { reportJson } from '../diagnostics/report-json.ts';
import { reportText } from '../diagnostics/report-text.ts';
import { kinds } from '../model/kinds.ts';
import { REPO_ROOT, UsageError, parseIsoDateOption, runCli, todayInDenmark } from './cli.ts';

const help = `Brug: npm run check -- [valg]

Kontrollerer alle YAML-filer under agreements/: YAML-syntaks, JSON Schema,
henvisninger mellem filer og konsistensregler (frister, bilag, dækning).

Valg:
  --format text|json|github  Rapportens form (standard: text)
  --today ÅÅÅÅ-MM-DD         Dato for kontrol af overskredne frister (standard: i dag)
  --list-rules               Vis regelkataloget i stedet for at kontrollere
  --root MAPPE               Kontrollér et andet repository (standard: dette)
  -h, --help                 Vis denne hjælp

Afslutningskode: 0 ingen fejl (advarsler er tilladt), 1 fejl fundet, 2 forkert brug eller intern fejl.
`;

const formats = ['text', 'json', 'github'] as const;
type Format = (typeof formats)[number];

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        format: { type: 'string', default: 'text' },
        today: { type: 'string' },
        'list-rules': { type: 'boolean', default: false },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const format = values.format as Format;
  if (!formats.includes(format)) throw new UsageError(`--format skal være en af ${formats.join(', ')}, ikke »${values.format}«`);

  if (values['list-rules']) {
    const catalogue = rules.map(({ id, severity, description, citation }) => ({ id, severity, description, citation }));
    if (format === 'json') process.stdout.write(JSON.stringify(catalogue, null, 2) + '\n');
    else for (const r of catalogue) process.stdout.write(`${r.id.padEnd(32)} ${r.severity.padEnd(8)} ${r.description}\n${' '.repeat(42)}Kilde: ${r.citation}\n`);
    return 0;
  }

  const today = values.today === undefined ? todayInDenmark() : parseIsoDateOption(values.today, '--today');
  const { load, diagnostics } = await checkRepository(values.root ?? REPO_ROOT, { today });
  const documents = Object.fromEntries(kinds.filter((k) => load.counts[k]).map((k) => [k, load.counts[k]!]));
  const documentOrder = ['hsa', 'delingsaftale', 'anmodning', 'sag', 'region', 'opgaver', 'frister'];
  const ordered = Object.fromEntries(documentOrder.filter((k) => k in documents).map((k) => [k, documents[k]!]));

  if (format === 'json') process.stdout.write(reportJson(diagnostics, load.sources));
  else if (format === 'github') process.stdout.write(reportGithub(diagnostics, load.sources));
  else process.stdout.write(reportText(diagnostics, load.sources, { files: load.files, documents: ordered }));
  return hasErrors(diagnostics) ? 1 : 0;
}

runCli('check', main);
