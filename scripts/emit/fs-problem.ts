/**
 * File system errors that come from the machine, not from the program or the data: a read-only
 * file or folder, a full disk. Staff can fix them, so they are reported as one Danish line with
 * the path and what to do (exit 1), not as an internal error.
 */
const REASONS: Record<string, string> = {
  EACCES: 'ingen adgang',
  EPERM: 'ikke tilladt; den er skrivebeskyttet eller låst',
  EROFS: 'filsystemet er skrivebeskyttet',
  ENOSPC: 'disken er fuld',
  EDQUOT: 'diskkvoten er opbrugt',
  EBUSY: 'den er i brug af et andet program',
  ENOTDIR: 'en del af stien er en fil, ikke en mappe',
  EISDIR: 'det er en mappe, ikke en fil',
  ENAMETOOLONG: 'stien er for lang',
  EMFILE: 'for mange åbne filer',
  ENFILE: 'for mange åbne filer',
  EIO: 'læse- eller skrivefejl på disken',
  ENOTEMPTY: 'mappen er ikke tom',
  EEXIST: 'den findes allerede',
  ELOOP: 'for mange symbolske links i stien',
};

/** The Danish reason for an environment error, or undefined for anything else (a bug). */
export function fsProblem(error: unknown): { reason: string; path: string | undefined } | undefined {
  const e = error as NodeJS.ErrnoException | undefined;
  const reason = typeof e?.code === 'string' ? REASONS[e.code] : undefined;
  return reason === undefined ? undefined : { reason, path: typeof e?.path === 'string' ? e.path : undefined };
}
