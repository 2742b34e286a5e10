/**
 * The claimed signing time: SOURCE_DATE_EPOCH when set (reproducible builds,
 * https://reproducible-builds.org/specs/source-date-epoch/), otherwise now.
 * Whole seconds either way, since PDF dates (/M) have no finer resolution.
 */
import { SigningError } from './errors.ts';

export function signingTimeFromEnv(env: NodeJS.ProcessEnv, now: () => Date = () => new Date()): Date {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw === '') {
    return new Date(Math.floor(now().getTime() / 1000) * 1000);
  }
  // The spec says a malformed value must be an error, not silently ignored.
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw new SigningError('sign/bad-source-date-epoch', `SOURCE_DATE_EPOCH skal være et helt antal sekunder siden 1970, ikke »${raw}«.`);
  }
  return new Date(Number(raw) * 1000);
}
