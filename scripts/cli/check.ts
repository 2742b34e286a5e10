import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkRepository } from '../check/check-repository.ts';
import { CONFIG_FILE, ConfigError, effectiveSeverity, loadConfig, type Config } from '../check/config.ts';
import { citationText } from '../check/rule.ts';
import { rules } from '../check/rules/index.ts';
import { hasErrors } from '../diagnostics/diagnostic.ts';
import { severityLabel } from '../diagnostics/danish.ts';
import { reportGithub } from '../diagnostics/report-github.ts';
import { reportJson } from '../diagnostics/report-json.ts';
import { reportSummary } from '../diagnostics/report-summary.ts';
import { reportText } from '../diagnostics/report-text.ts';
import { loadRepository } from '../load/load-repository.ts';
import { registry, renderedDocuments } from '../kinds/index.ts';
import { Repository } from '../model/repository.ts';
import { ciShards, DOCUMENTS_PER_SHARD, MAX_SHARDS } from '../pipeline/shard.ts';
import { signedTextRenderer } from '../pipeline/signed-text.ts';
import { compileValidators } from '../validate/schemas.ts';
import { parseCommandLine, parseIsoDateOption, REPO_ROOT, runCli, todayInDenmark, UsageError } from './cli.ts';

const help = `Brug: npm run check -- [valg] [fil eller mappe …]

Kontrollerer alle YAML-filer under agreements/: YAML-syntaks, JSON Schema,
henvisninger mellem filer og konsistensregler (frister, bilag, dækning).
Med filer eller mapper (fx agreements/midt-og-vestsjaelland/lejre) vises kun
fundene i dem; henvisninger kontrolleres stadig mod hele repository'et.

Valg:
  --format text|json|github  Rapportens form (standard: text)
  --today ÅÅÅÅ-MM-DD         Dato for kontrol af overskredne frister (standard: i dag)
  --strict                   Overskredne frister (reglerne forsinket/…) er fejl, ikke advarsler
  --list-rules               Vis regelkataloget (id, alvor, beskrivelse, kilde) i stedet for at kontrollere
  --root MAPPE               Kontrollér et andet repository (standard: dette)
  --changed-since REF        Til pull requests, med --format github: anmærk kun fund i filer,
                             som er ændret siden REF (fra det fælles udgangspunkt, som en pull
                             request), og fejl i alle filer (de blokerer); de øvrige advarsler
                             tælles i én note. Fx --changed-since origin/main
  --summary FIL              Føj hele rapporten som Markdown til FIL, grupperet efter fil og
                             regel, de ændrede filer først; i GitHub Actions er FIL
                             "$GITHUB_STEP_SUMMARY" (jobbets oversigt)
  --ci-shards FIL            Skriv også i FIL, hvilke dele (--shard I/N) udgivelsens
                             build deles i, som JSON-liste, fx ["1/2","2/2"]: én del pr.
                             ${DOCUMENTS_PER_SHARD} dokumenter, højst ${MAX_SHARDS} (se README: Performance at scale)
  --ci-shard-count N         Brug N dele (1–${MAX_SHARDS}) i stedet for at regne efter antallet
  -h, --help                 Vis denne hjælp

Reglernes alvor kan ændres i ${CONFIG_FILE} i repository'ets rod, fx
  {"rules": {"kapacitet/ukendt": "off", "bilag/foraeldet-version": "warning"}}
(værdier: "error", "warning" eller "off"). Låste regler (markeret »låst« i
kataloget) sikrer, at de forseglede dokumenter er sande, og kan ikke svækkes.
Regler med engelske id'er har fået danske (se »Hed tidligere« i kataloget); de
gamle id'er virker i denne udgave endnu, med en advarsel om det nye id.

Afslutningskode: 0 ingen fejl (advarsler er tilladt), 1 fejl fundet, 2 forkert brug eller intern fejl.
`;

const formats = ['text', 'json', 'github'] as const;
type Format = (typeof formats)[number];

async function main(): Promise<number> {
  const { values, positionals } = parseCommandLine(
    {
      format: { type: 'string', default: 'text' },
      today: { type: 'string' },
      'list-rules': { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      root: { type: 'string' },
      'ci-shards': { type: 'string' },
      'ci-shard-count': { type: 'string' },
      'changed-since': { type: 'string' },
      summary: { type: 'string' },
    },
    true,
  );
  const format = values.format as Format;
  if (!formats.includes(format)) throw new UsageError(`--format skal være en af ${formats.join(', ')}, ikke »${values.format}«`);

  const shardCount = values['ci-shard-count'] === undefined ? undefined : Number(values['ci-shard-count']);
  if (shardCount !== undefined && !(Number.isInteger(shardCount) && shardCount >= 1 && shardCount <= MAX_SHARDS))
    throw new UsageError(`--ci-shard-count skal være et helt tal fra 1 til ${MAX_SHARDS}, ikke »${values['ci-shard-count']!}«`);
  if (shardCount !== undefined && values['ci-shards'] === undefined) throw new UsageError('--ci-shard-count kræver --ci-shards FIL');
  if (values['changed-since'] !== undefined && format !== 'github')
    throw new UsageError('--changed-since virker kun med --format github (det er anmærkningerne på en pull request, det begrænser)');

  const root = values.root ?? REPO_ROOT;
  const strict = values.strict;
  let config: Config;
  try {
    config = await loadConfig(root, rules);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }

  if (values['list-rules']) {
    // Deadline rules cite the frist calendar's own sources, so the catalogue reads the data.
    const load = await loadRepository(root, compileValidators(root));
    const repo = new Repository(load.documents);
    const catalogue = rules.map((r) => ({
      id: r.id,
      severity: effectiveSeverity(r, config, { strict }),
      defaultSeverity: r.severity,
      overdue: r.overdue === true,
      locked: r.locked === true,
      description: r.description,
      citation: citationText(r.citation, repo),
      // The id before the ids became Danish; .aftalerrc.json accepts it for one release.
      ...(r.formerId === undefined ? {} : { formerId: r.formerId }),
    }));
    if (format === 'json') {
      process.stdout.write(JSON.stringify(catalogue, null, 2) + '\n');
      return 0;
    }
    const width = Math.max(...catalogue.map((r) => r.id.length)) + 2;
    const label = (s: (typeof catalogue)[number]['severity']) => (s === 'off' ? 'fra' : severityLabel[s]);
    for (const r of catalogue) {
      const note = r.overdue && !strict && r.severity === 'warning' ? ' (fejl med --strict)' : r.locked ? ' (låst)' : '';
      const former = r.formerId === undefined ? '' : `\n${' '.repeat(width + 10)}Hed tidligere: ${r.formerId}`;
      process.stdout.write(
        `${r.id.padEnd(width)}${label(r.severity).padEnd(10)}${r.description}${note}\n${' '.repeat(width + 10)}Kilde: ${r.citation}${former}\n`,
      );
    }
    return 0;
  }

  const today = values.today === undefined ? todayInDenmark() : parseIsoDateOption(values.today, '--today');
  const scope = scopeOf(root, positionals);
  const changed = values['changed-since'] === undefined ? undefined : await changedFiles(root, values['changed-since']);
  const checked = await checkRepository(root, { today, strict, markdown: signedTextRenderer(root) });
  const { load, repo } = checked;
  const inScope = (file: string) => scope === undefined || scope.some((s) => file === s || file.startsWith(`${s}/`));
  const diagnostics = checked.diagnostics.filter((d) => inScope(d.file));
  const outside = checked.diagnostics.length - diagnostics.length;
  // Documents first, then reference data, each with its kind's Danish nouns.
  const ordered = [...registry.documents(), ...registry.reference()].flatMap((k) => {
    const n = scope === undefined ? load.counts[k.id as keyof typeof load.counts] : load.documents.filter((d) => d.kind === k.id && inScope(d.file)).length;
    return n ? [{ nouns: k.nouns, count: n }] : [];
  });
  const files = scope === undefined ? load.files : load.sources.files().filter(inScope).length;

  // Appended, as GitHub expects of a step summary; a relative name is taken from where npm was started.
  const summaryFile = values.summary === undefined ? undefined : path.resolve(process.env.INIT_CWD ?? process.cwd(), values.summary);
  if (summaryFile !== undefined) {
    const markdown = reportSummary(diagnostics, load.sources, { files, documents: ordered }, changed === undefined ? {} : { changed });
    try {
      appendFileSync(summaryFile, markdown);
    } catch (error) {
      throw new UsageError(`--summary: kan ikke skrive i ${values.summary!} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  }

  if (format === 'json') process.stdout.write(reportJson(diagnostics, load.sources));
  else if (format === 'github') {
    const jobSummary = process.env.GITHUB_STEP_SUMMARY;
    const leftOutAt =
      summaryFile === undefined
        ? undefined
        : jobSummary !== undefined && path.resolve(jobSummary) === summaryFile
          ? 'står i jobbets oversigt'
          : `står i ${values.summary!}`;
    process.stdout.write(
      reportGithub(diagnostics, load.sources, { ...(changed === undefined ? {} : { changed }), ...(leftOutAt === undefined ? {} : { leftOutAt }) }),
    );
  } else {
    process.stdout.write(reportText(diagnostics, load.sources, { files, documents: ordered }));
    if (scope !== undefined && outside > 0) process.stdout.write(`(${outside} fund i andre filer end ${scope.join(', ')} er ikke vist)\n`);
  }
  if (hasErrors(diagnostics)) return 1;
  // Counted as the build counts (the documents it renders), after a clean check: with errors
  // there is nothing to build. A relative name is taken from where npm was started, as merge does.
  if (values['ci-shards'] !== undefined)
    writeFileSync(
      path.resolve(process.env.INIT_CWD ?? process.cwd(), values['ci-shards']),
      JSON.stringify(ciShards(renderedDocuments(repo).length, shardCount)) + '\n',
    );
  return 0;
}

/** The files changed since `ref`, as a pull request counts them, relative to the root; a git problem is a usage error. */
async function changedFiles(root: string, ref: string): Promise<Set<string>> {
  // Loaded only when asked for: git.ts brings zx, which costs about what a whole check does.
  const { changedSince, GitError, openGit } = await import('../diff/git.ts');
  try {
    return await changedSince(await openGit(root), ref);
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(`--changed-since: ${error.message}`);
    throw error;
  }
}

/**
 * The files and folders named on the command line, relative to the repository root; undefined
 * for none (everything). A name is taken from where npm was started, as merge does.
 */
function scopeOf(root: string, names: readonly string[]): string[] | undefined {
  if (names.length === 0) return undefined;
  const from = process.env.INIT_CWD ?? process.cwd();
  return names.map((name) => {
    const absolute = path.resolve(from, name);
    const relative = path.relative(path.resolve(root), absolute).split(path.sep).join('/');
    if (relative.startsWith('..') || path.isAbsolute(relative)) throw new UsageError(`»${name}« ligger ikke i repository'et (${root})`);
    if (!existsSync(absolute)) throw new UsageError(`»${name}« findes ikke`);
    return relative === '' ? '.' : relative.replace(/\/$/, '');
  });
}

runCli('check', main, help);
