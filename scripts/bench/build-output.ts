/**
 * Reads what `npm run build` says about a run. With `--json` it prints one JSON object
 * ({documents, rendered, reused, bundles, files, seconds, maxRssMb}); older builds print only a
 * Danish summary line, from which the same figures are taken where it states them.
 */

export interface BuildFigures {
  documents: number | null;
  /** Documents rendered in this run; null when the build does not say. */
  rendered: number | null;
  /** Documents served from the cache. */
  reused: number | null;
  bundles: number | null;
  files: number | null;
  /** The build's own measure of its time, in seconds. */
  seconds: number | null;
  maxRssMb: number | null;
  /** True when the figures came from `--json`. */
  json: boolean;
}

const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The last line of stdout that parses as a JSON object, if any. */
function jsonSummary(stdout: string): Record<string, unknown> | undefined {
  for (const line of stdout.trim().split('\n').reverse()) {
    const text = line.trim();
    if (!text.startsWith('{')) continue;
    try {
      const value: unknown = JSON.parse(text);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // not the summary; keep looking
    }
  }
  return undefined;
}

const match = (text: string, re: RegExp): number | null => {
  const m = re.exec(text);
  return m ? Number(m[1]!.replace(',', '.')) : null;
};

export function parseBuildOutput(stdout: string): BuildFigures {
  const json = jsonSummary(stdout);
  if (json) {
    return {
      documents: numberOrNull(json.documents),
      rendered: numberOrNull(json.rendered),
      reused: numberOrNull(json.reused),
      bundles: numberOrNull(json.bundles),
      files: numberOrNull(json.files),
      seconds: numberOrNull(json.seconds),
      maxRssMb: numberOrNull(json.maxRssMb),
      json: true,
    };
  }
  // »✔ 33 dokumenter og 8 kommunepakker dannet i out/ (81 forseglede PDF’er) på 7.4 s«, or the
  // newer »✔ … i out/: 3 dannet, 30 uændrede · 81 forseglede PDF’er · 1.2 s« / »alt var allerede opdateret«.
  const line = stdout.split('\n').find((l) => l.startsWith('✔')) ?? '';
  const documents = match(line, /(\d+) dokument/);
  const upToDate = /alt var allerede opdateret/.test(line);
  const rendered = upToDate ? 0 : match(line, /(\d+) dannet,/);
  const reused = upToDate ? documents : match(line, /(\d+) uændrede/);
  return {
    documents,
    // Before the cache, every build rendered everything.
    rendered: rendered ?? (/ dannet i /.test(line) ? documents : null),
    reused: reused ?? (/ dannet i /.test(line) ? 0 : null),
    bundles: match(line, /(\d+) kommunepakke/),
    files: null,
    seconds: match(line, /([\d.,]+) s\s*$/),
    maxRssMb: null,
    json: false,
  };
}
