import { execFileSync } from 'node:child_process';
import { signingTimeFromEnv } from '../sign/signing-time.ts';

/**
 * The time a build seals with: SOURCE_DATE_EPOCH when set; otherwise the commit time of HEAD,
 * the reproducible-builds convention, so two builds of one commit give identical PDFs; only
 * outside a git checkout, now.
 */
export function buildTime(root: string, env: NodeJS.ProcessEnv): Date {
  if (env.SOURCE_DATE_EPOCH) return signingTimeFromEnv(env);
  try {
    const seconds = execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (/^\d+$/.test(seconds)) return signingTimeFromEnv({ SOURCE_DATE_EPOCH: seconds });
  } catch {
    // not a git checkout, or git missing: fall through to now
  }
  return signingTimeFromEnv({});
}
