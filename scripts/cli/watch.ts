import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkRepository } from '../check/check-repository.ts';
import { countNoun } from '../diagnostics/danish.ts';
import { signedTextRenderer } from '../pipeline/signed-text.ts';
import { TreeWatcher } from '../tooling/tree-watcher.ts';
import { classifyChange, planJob, WATCHED, type Change } from '../tooling/watch-plan.ts';
import { runJob } from '../tooling/watch-runner.ts';
import { parseCommandLine, parseIsoDateOption, REPO_ROOT, runCli, todayInDenmark, UsageError } from './cli.ts';

const help = `Brug: npm run watch -- [valg]

Overvåger agreements/ og templates/. Hver gang du gemmer en fil, kontrolleres
data, og det ændrede dokument dannes igen i out/ (Markdown og PDF). Ændres en
skabelon eller referencedata, dannes alle dokumenter igen. Resultatet vises som
én linje: ✔ når dokumentet er dannet, ✖ med linje og fejl, når noget skal rettes.

Valg:
  --out MAPPE         Outputmappe (standard: out)
  --today ÅÅÅÅ-MM-DD  Dato for kontrol af frister (standard: dagen, filen gemmes)
  --debounce MS       Vent så mange millisekunder efter sidste ændring (standard: 300)
  --root MAPPE        Et andet repository (standard: dette)
  -h, --help          Vis denne hjælp

Stop med Ctrl-C (en igangværende dannelse gøres færdig først; tryk igen for at
stoppe med det samme).

Afslutningskode: 0 stoppet med Ctrl-C, 2 forkert brug.
`;

const clock = new Intl.DateTimeFormat('da-DK', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Europe/Copenhagen' });

function say(line: string): void {
  process.stdout.write(`[${clock.format(new Date())}] ${line}\n`);
}

async function main(): Promise<number> {
  const { values } = parseCommandLine({
    out: { type: 'string', default: 'out' },
    today: { type: 'string' },
    debounce: { type: 'string', default: '300' },
    root: { type: 'string' },
  });
  const fixedToday = values.today === undefined ? undefined : parseIsoDateOption(values.today, '--today');
  if (!/^\d+$/.test(values.debounce) || Number(values.debounce) > 60_000)
    throw new UsageError(`--debounce skal være et antal millisekunder (0–60000), ikke »${values.debounce}«`);
  const debounceMs = Number(values.debounce);
  const root = path.resolve(values.root ?? REPO_ROOT);
  for (const dir of WATCHED) if (!existsSync(path.join(root, dir))) throw new UsageError(`mappen ${dir}/ findes ikke i ${root}`);
  const options = () => ({ root, out: values.out, today: fixedToday ?? todayInDenmark(), env: process.env });

  // A first check, so the starting point is known before anything is saved.
  const first = await checkRepository(root, { today: options().today, markdown: signedTextRenderer(root) });
  const errors = first.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = first.diagnostics.length - errors;
  say(
    `Overvåger agreements/ og templates/ (Ctrl-C stopper). Kontrol: ${errors > 0 ? `✖ ${countNoun(errors, 'fejl', 'fejl')}` : '✔ ingen fejl'}${warnings > 0 ? `, ${countNoun(warnings, 'advarsel', 'advarsler')}` : ''}.`,
  );

  // Editors often report one save as several events; a file whose bytes did not change since
  // the last time it was seen is not worth a second build.
  const seen = new Map<string, string>();
  const unchanged = (change: Change): boolean => {
    if (change.type === 'removed') {
      seen.delete(change.file);
      return false;
    }
    let hash: string;
    try {
      hash = createHash('sha256')
        .update(readFileSync(path.join(root, change.file)))
        .digest('hex');
    } catch {
      return false;
    }
    if (seen.get(change.file) === hash) return true;
    seen.set(change.file, hash);
    return false;
  };

  let pending: Change[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopping = false;

  const drain = async () => {
    while (pending.length > 0 && !stopping) {
      const job = planJob(pending);
      pending = [];
      if (job) for (const line of await runJob(job, options())) say(line);
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      // One build at a time: changes saved meanwhile are taken in the next round.
      running ??= drain()
        .catch((error: unknown) => say(`✖ intern fejl: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          running = undefined;
          if (pending.length > 0 && !stopping) schedule();
        });
    }, debounceMs);
  };

  const watcher = new TreeWatcher(
    root,
    WATCHED,
    (relative) => {
      if (stopping) return;
      const change = classifyChange(root, relative);
      if (!change || unchanged(change)) return;
      pending.push(change);
      schedule();
    },
    (error) => say(`✖ overvågningen fejlede: ${error.message}`),
  );

  return new Promise<number>((resolve) => {
    const stop = () => {
      if (stopping) {
        // Second Ctrl-C: the user does not want to wait. The next build cleans up any leftovers.
        process.exit(130);
      }
      stopping = true;
      clearTimeout(timer);
      watcher.close();
      if (running) say('Stopper, når den igangværende dannelse er færdig …');
      void (running ?? Promise.resolve()).then(() => {
        say('Stoppet.');
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve(0);
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

runCli('watch', main, help);
