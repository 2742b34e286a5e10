/** Told how far a long run has come: `done` of `total` steps, or a phase without a count (total 0). */
export type Progress = (done: number, total: number, label: string) => void;

interface ProgressOptions {
  quiet?: boolean;
  /** Say nothing until the run has taken this long: a quick run stays silent. */
  delayMs?: number;
  /** Put before each line in a log (»diff: «), so the line says which command wrote it. */
  prefix?: string;
  /** Where to write and the clock; process.stderr and performance.now() unless a test says so. */
  stream?: Pick<NodeJS.WriteStream, 'write' | 'isTTY'>;
  now?: () => number;
}

/**
 * Progress on stderr: one line rewritten in place on a terminal; in a log about ten lines per
 * counted phase, not one per document, and each uncounted phase once.
 */
export function progressReporter({
  quiet = false,
  delayMs = 0,
  prefix = '',
  stream = process.stderr,
  now = () => performance.now(),
}: ProgressOptions): Progress {
  const started = now();
  let lastShown = 0;
  let lastPhase: string | undefined;
  return (done, total, label) => {
    if (quiet || (total === 0 && label === '')) return;
    if (now() - started < delayMs) return;
    const count = total > 0 ? `[${String(done).padStart(String(total).length)}/${total}]` : '';
    const text = [count, label].filter(Boolean).join(' ');
    if (stream.isTTY) {
      stream.write(`\r\x1b[K${prefix}${text}`);
      if (total > 0 && done === total) stream.write('\r\x1b[K');
      return;
    }
    if (total === 0) {
      if (label !== lastPhase) stream.write(`${prefix}${label}\n`);
      lastPhase = label;
      return;
    }
    const step = Math.max(1, Math.ceil(total / 10));
    if (done === total || done - lastShown >= step || done < lastShown) {
      lastShown = done;
      stream.write(`${prefix}[${done}/${total}]${label ? ` ${label}` : ''}\n`);
    }
  };
}
