import type { Seal } from '../emit/pdf-file.ts';
import { loadRepository } from '../load/load-repository.ts';
import { Repository } from '../model/repository.ts';
import { loadTemplates, type TemplateSet } from '../render/templates.ts';
import { loadSigningIdentity, type SigningIdentity } from '../sign/keys.ts';
import type { TimestampOptions } from '../sign/timestamp.ts';
import { compileValidators } from '../validate/schemas.ts';

/** Everything rendering needs, made once per thread: data, templates, the seal. */
export interface RenderContext {
  root: string;
  repo: Repository;
  templates: TemplateSet;
  seal: Seal;
  author: string;
  /** The commit the data was read from, which a .docx names (source-commit.ts); null outside git. */
  commit: string | null;
}

/** Who a document is by, in its document properties: the region. */
export const documentAuthor = (repo: Repository): string => repo.ofKind('region')[0]?.data.navn ?? 'Region Østdanmark';

/** The TSA named in the configuration (`segl.tidsstempel_url`) as the seal takes it. */
function timestampOf(url: string | undefined): TimestampOptions | undefined {
  return url === undefined ? undefined : { url };
}

/** A render context from what the caller has already loaded (the main thread loads it early). */
export function renderContext(
  root: string,
  repo: Repository,
  templates: TemplateSet,
  identity: SigningIdentity,
  sealTime: Date,
  commit: string | null,
  timestampUrl?: string,
): RenderContext {
  const timestamp = timestampOf(timestampUrl);
  const seal: Seal = { identity, time: sealTime, reason: 'Forseglet af Region Østdanmark', location: 'Region Østdanmark', ...(timestamp ? { timestamp } : {}) };
  return { root, repo, templates, seal, author: documentAuthor(repo), commit };
}

/** A worker's render context: it loads the data again (files only: the main thread has checked them). */
export async function createContext(
  root: string,
  env: NodeJS.ProcessEnv,
  sealTime: Date,
  commit: string | null,
  timestampUrl?: string,
): Promise<RenderContext> {
  const repo = new Repository((await loadRepository(root, compileValidators(root))).documents);
  return renderContext(root, repo, loadTemplates(root), await loadSigningIdentity({ root, env }), sealTime, commit, timestampUrl);
}
