import { checkRepository, type CheckResult } from '../check/check-repository.ts';
import { hasErrors } from '../diagnostics/diagnostic.ts';
import { reportText } from '../diagnostics/report-text.ts';
import type { Repository } from '../model/repository.ts';
import { signedTextRenderer } from '../pipeline/signed-text.ts';

export type Checked = { ok: true; repo: Repository; check: CheckResult } | { ok: false; report: string; check: CheckResult };

/**
 * The data as the overviews read it: only after `npm run check` finds no errors. A status or
 * calendar made from data with errors would silently leave the broken documents out, and a
 * missing deadline is worse than none printed; so, like the build, these commands stop and
 * show the errors.
 */
export async function checkedRepository(root: string, today: string): Promise<Checked> {
  const check = await checkRepository(root, { today, markdown: signedTextRenderer(root) });
  if (!hasErrors(check.diagnostics)) return { ok: true, repo: check.repo, check };
  const errors = check.diagnostics.filter((d) => d.severity === 'error');
  return { ok: false, check, report: reportText(errors, check.load.sources, { files: check.load.files, documents: [] }) };
}
