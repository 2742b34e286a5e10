import type { Seal } from '../emit/pdf-file.ts';
import { loadRepository } from '../load/load-repository.ts';
import { Repository } from '../model/repository.ts';
import { loadTemplates, type TemplateSet } from '../render/templates.ts';
import { loadSigningIdentity } from '../sign/keys.ts';
import { compileValidators } from '../validate/schemas.ts';

/** Everything rendering needs, made once per thread: data, templates, the seal. */
export interface RenderContext {
  root: string;
  repo: Repository;
  templates: TemplateSet;
  seal: Seal;
  author: string;
}

/**
 * Builds a render context. The main thread passes the repository it already checked; a worker
 * loads it again (files only — the check has already passed in the main thread).
 */
export async function createContext(root: string, env: NodeJS.ProcessEnv, sealTime: Date, repo?: Repository): Promise<RenderContext> {
  const data = repo ?? new Repository((await loadRepository(root, compileValidators(root))).documents);
  const templates = loadTemplates(root);
  const identity = await loadSigningIdentity({ root, env });
  const seal: Seal = { identity, time: sealTime, reason: 'Forseglet af Region Østdanmark', location: 'Region Østdanmark' };
  return { root, repo: data, templates, seal, author: data.ofKind('region')[0]?.data.navn ?? 'Region Østdanmark' };
}
