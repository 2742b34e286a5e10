import { gitSync } from '../load/git-sync.ts';
import { signingTimeFromEnv } from '../sign/signing-time.ts';

/**
 * The time a build seals with: SOURCE_DATE_EPOCH when set; otherwise the commit time of HEAD,
 * the reproducible-builds convention, so two builds of one commit give identical PDFs; only
 * outside a git checkout (or without git), now.
 */
export function buildTime(root: string, env: NodeJS.ProcessEnv): Date {
  if (env.SOURCE_DATE_EPOCH) return signingTimeFromEnv(env);
  const seconds = gitSync(root, ['log', '-1', '--format=%ct'])?.trim();
  if (seconds !== undefined && /^\d+$/.test(seconds)) return signingTimeFromEnv({ SOURCE_DATE_EPOCH: seconds });
  return signingTimeFromEnv({});
}
