import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { loadRepository, type LoadResult } from '../load/load-repository.ts';
import { attributeDiagnostics } from '../load/git-attributes.ts';
import { trackedGeneratedDiagnostics } from '../load/tracked-generated.ts';
import { Repository } from '../model/repository.ts';
import { compileValidators } from '../validate/schemas.ts';
import { CONFIG_FILE, configDiagnostics, effectiveSeverity, loadConfig, type Config } from './config.ts';
import { runRules, type MarkdownOf, type RuleMeta } from './rule.ts';
import { rules } from './rules/index.ts';

export interface CheckResult {
  load: LoadResult;
  repo: Repository;
  diagnostics: Diagnostic[];
  /** The repository's configuration (.aftalerrc.json), for what else it sets (the calendars' reminders). */
  config: Config;
}

export interface CheckOptions {
  /** »Today« for overdue findings, YYYY-MM-DD. */
  today: string;
  /** Overdue findings are errors rather than warnings. */
  strict?: boolean;
  /**
   * The renderer for a loaded repository (render/markdown-of.ts gives the real one): lets
   * underskrift/laast-tekst compare each signed agreement with the text it would render to
   * now. Without it that rule checks nothing; `check` and `build` always pass it.
   */
  markdown?: (repo: Repository) => MarkdownOf;
}

/**
 * load → validate → check: everything `npm run check` does, as a function, with the
 * repository's rule configuration (.aftalerrc.json) applied, so `check` and `build` always
 * agree on what is an error. A broken configuration throws ConfigError.
 */
export async function checkRepository(root: string, options: CheckOptions): Promise<CheckResult> {
  const config = await loadConfig(root, rules);
  const validators = compileValidators(root);
  const load = await loadRepository(root, validators);
  const repo = new Repository(load.documents, load.brokenIds);
  const severity = (rule: RuleMeta) => effectiveSeverity(rule, config, { strict: options.strict ?? false });
  if (config.text !== undefined) load.sources.addText(CONFIG_FILE, config.text);
  const diagnostics = [
    ...trackedGeneratedDiagnostics(root),
    ...attributeDiagnostics(root),
    ...load.diagnostics,
    ...configDiagnostics(config),
    ...runRules(rules, repo, { today: options.today, root, severity, markdown: options.markdown?.(repo), validators, strict: options.strict ?? false }),
  ];
  // The spans the rules located, for the next check of the same texts.
  load.saveCache();
  return { load, repo, diagnostics, config };
}
