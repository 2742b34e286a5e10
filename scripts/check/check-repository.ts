import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { loadRepository, type LoadResult } from '../load/load-repository.ts';
import { Repository } from '../model/repository.ts';
import { compileValidators } from '../validate/schemas.ts';
import { runRules } from './rule.ts';
import { rules } from './rules/index.ts';

export interface CheckResult {
  load: LoadResult;
  repo: Repository;
  diagnostics: Diagnostic[];
}

/** load → validate → check: everything `npm run check` does, as a function. */
export async function checkRepository(root: string, options: { today: string }): Promise<CheckResult> {
  const validators = compileValidators(root);
  const load = await loadRepository(root, validators);
  const repo = new Repository(load.documents, load.brokenIds);
  const diagnostics = [...load.diagnostics, ...runRules(rules, repo, { today: options.today })];
  return { load, repo, diagnostics };
}
