import path from 'node:path';
import { checkRepository } from '../check/check-repository.ts';
import { countNoun } from '../diagnostics/danish.ts';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { SourceStore } from '../diagnostics/sources.ts';
import { OutputLockedError } from '../emit/output-dir.ts';
import { BuildError, build } from '../pipeline/build.ts';
import { signedTextRenderer } from '../pipeline/signed-text.ts';
import { TemplateError } from '../render/template-error.ts';
import { SigningError } from '../sign/errors.ts';
import type { Change, Job } from './watch-plan.ts';

export interface RunOptions {
  root: string;
  out: string;
  today: string;
  env: NodeJS.ProcessEnv;
}

const seconds = (ms: number) => `${new Intl.NumberFormat('da-DK', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(ms / 1000)} s`;

/** »file:line:col: message«, the first error, preferring the files that were just saved. */
function firstError(diagnostics: readonly Diagnostic[], sources: SourceStore, preferred: readonly string[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const first = errors.find((d) => preferred.includes(d.file)) ?? errors[0]!;
  const { start } = sources.resolve(first.file, first.span);
  const more = errors.length > 1 ? ` (+${countNoun(errors.length - 1, 'fejl', 'fejl')} mere; se npm run check)` : '';
  return `${first.file}:${start.line}:${start.column}: ${first.message}${more}`;
}

function warnings(diagnostics: readonly Diagnostic[]): string {
  const n = diagnostics.filter((d) => d.severity === 'warning').length;
  return n > 0 ? ` (${countNoun(n, 'advarsel', 'advarsler')})` : '';
}

function what(changes: readonly Change[]): string {
  const templates = changes.filter((c) => c.type === 'template');
  if (templates.length > 0) return `skabelon ${templates.map((c) => c.file).join(', ')} ændret`;
  const reference = changes.filter((c) => c.type === 'reference');
  if (reference.length > 0) return `referencedata ${reference.map((c) => c.file).join(', ')} ændret`;
  return changes.map((c) => c.file).join(', ');
}

/**
 * Runs one job and returns the Danish lines to print (one per rendered document or problem).
 * Never throws for what staff can fix: data errors, template errors, key problems and a locked
 * out/ all become a »✖« line, and the watcher keeps watching.
 */
export async function runJob(job: Job, options: RunOptions): Promise<string[]> {
  const started = performance.now();
  const saved = job.changes.map((c) => c.file);
  try {
    if (job.type === 'check') {
      const check = await checkRepository(options.root, { today: options.today, markdown: signedTextRenderer(options.root) });
      const gone = `${what(job.changes)} fjernet`;
      if (hasErrors(check.diagnostics)) return [`✖ ${gone}; kontrol: ${firstError(check.diagnostics, check.load.sources, saved)}`];
      return [`✔ ${gone}; kontrol: ingen fejl${warnings(check.diagnostics)}`];
    }
    const targets = job.type === 'all' ? [undefined] : job.ids;
    const lines: string[] = [];
    for (const only of targets) {
      const result = await build({ root: options.root, out: options.out, only, today: options.today, env: options.env });
      if (!result.ok && result.reason === 'check') {
        lines.push(`✖ ${only ?? what(job.changes)}: ${firstError(result.check.diagnostics, result.check.load.sources, saved)}`);
        break; // the other documents would report the same errors
      }
      if (!result.ok) {
        lines.push(`✖ ${result.only}: intet dokument med dette id (stemmer »id« med filnavnet?)`);
        continue;
      }
      const pdf = result.entries.find((e) => e.id === only && e.path.endsWith('.pdf') && !e.path.startsWith('kommuner/'));
      const where = pdf ? ` → ${path.posix.join(options.out, pdf.path)}` : '';
      const scope = only ?? `${what(job.changes)}: ${countNoun(result.documents, 'dokument', 'dokumenter')} dannet igen`;
      lines.push(`✔ ${scope}${only ? ' kontrolleret og dannet' : ''}${where} på ${seconds(performance.now() - started)}${warnings(result.diagnostics)}`);
    }
    return lines;
  } catch (error) {
    if (error instanceof TemplateError) return [`✖ ${error.file}:${error.line}:${error.column}: ${error.message}`];
    if (error instanceof SigningError || error instanceof OutputLockedError || error instanceof BuildError) return [`✖ ${error.message}`];
    return [`✖ intern fejl: ${error instanceof Error ? error.message : String(error)}`];
  }
}
