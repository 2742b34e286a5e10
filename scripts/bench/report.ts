/**
 * The targets of the benchmark (a 2-core machine, the 46-kommune set) and its two outputs: a
 * Danish table for people, and every figure as JSON for scripts and the README.
 */
import { countNoun } from '../diagnostics/danish.ts';
import type { BenchResult, BuildStep } from './bench.ts';

interface Target {
  id: 'cpu-mod-typst' | 'markdown' | 'forhaandsvisning' | 'check' | 'uaendret-build' | 'en-hsa-build' | 'fuld-build' | 'hukommelse';
  label: string;
  /** The measured value (seconds, milliseconds, a factor or MB); null when it was not measured. */
  value: number | null;
  limit: number;
  unit: 's' | 'ms' | '×' | 'MB';
  /** `max`: the value must be at most the limit; `min`: at least. */
  kind: 'max' | 'min';
  /** null: not measured, so neither met nor missed. */
  ok: boolean | null;
}

function target(t: Omit<Target, 'ok'>): Target {
  const ok = t.value === null ? null : t.kind === 'max' ? t.value <= t.limit : t.value >= t.limit;
  return { ...t, ok };
}

function targets(r: BenchResult): Target[] {
  return [
    target({
      id: 'cpu-mod-typst',
      label: 'CPU pr. dokument, alle trin: vores ÷ Typst',
      value: r.typst.available ? r.typst.cpuRatio : null,
      limit: 1,
      unit: '×',
      kind: 'max',
    }),
    target({ id: 'markdown', label: 'Markdown-trinnet pr. dokument (CPU, varmt)', value: r.markdownStage.cpuPerDocumentMs, limit: 5, unit: 'ms', kind: 'max' }),
    target({ id: 'forhaandsvisning', label: 'Forhåndsvisning af ét dokument (kold)', value: r.previewBuild.seconds, limit: 1, unit: 's', kind: 'max' }),
    target({ id: 'check', label: 'Kontrol (check)', value: r.check.seconds, limit: 1, unit: 's', kind: 'max' }),
    target({ id: 'uaendret-build', label: 'Build igen uden ændringer', value: r.noopBuild.seconds, limit: 0.3, unit: 's', kind: 'max' }),
    target({ id: 'en-hsa-build', label: 'Build efter ændring af én HSA', value: r.editBuild.seconds, limit: 1, unit: 's', kind: 'max' }),
    target({ id: 'fuld-build', label: 'Fuld build (Markdown, PDF, Word, forsegling)', value: r.fullBuild.seconds, limit: 8, unit: 's', kind: 'max' }),
    target({ id: 'hukommelse', label: 'Største hukommelsesforbrug (RSS)', value: r.peakRssMb, limit: 300, unit: 'MB', kind: 'max' }),
  ];
}

/** Danish number: decimal comma, `digits` decimals. */
function dk(value: number, digits = 2): string {
  return value.toFixed(digits).replace('.', ',');
}

function formatValue(value: number | null, unit: Target['unit']): string {
  if (value === null) return 'ikke målt';
  if (unit === 'MB') return `${Math.round(value)} MB`;
  if (unit === '×') return `${dk(value, value < 10 ? 2 : 1)}×`;
  if (unit === 'ms') return `${dk(value, 1)} ms`;
  return `${dk(value)} s`;
}

/** A target's limit as written in Danish: »≤ 0,3 s«, »≤ 1×«. */
function formatLimit(x: Target): string {
  const n = String(x.limit).replace('.', ',');
  return `${x.kind === 'max' ? '≤' : '≥'} ${n}${x.unit === '×' ? '×' : ` ${x.unit}`}`;
}

function mark(ok: boolean | null): string {
  return ok === null ? '–' : ok ? '✔' : '✖';
}

/** Characters as a reader counts them (a letter with a combining accent is one). */
function width(text: string): number {
  return [...new Intl.Segmenter('da', { granularity: 'grapheme' }).segment(text)].length;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => width(r[c] ?? ''))));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === r.length - 1 ? cell : cell + ' '.repeat(widths[c]! - width(cell))))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function cacheNote(step: BuildStep): string {
  if (step.rendered === null) return '';
  return `${step.rendered} dannet${step.reused === null ? '' : `, ${step.reused} genbrugt`}`;
}

function cpuText(seconds: number | null): string {
  return seconds === null ? '?' : `${dk(seconds)} s`;
}

function msText(ms: number | null): string {
  return ms === null ? '?' : `${dk(ms, ms < 100 ? 1 : 0)} ms`;
}

function ratioText(ratio: number | null): string {
  return ratio === null ? '?' : dk(ratio, ratio < 10 ? 2 : 1);
}

/**
 * Ours, pandoc + WeasyPrint and Typst side by side per document: wall time (depends on how many
 * ran at once) and CPU time (does not), and ours ÷ theirs for each. A reference that was not
 * measured is one line saying why.
 */
function comparison(r: BenchResult): string[] {
  const rows: string[][] = [['Pr. dokument', 'Vægtid', 'CPU', 'Dokumenter', 'Vores ÷ deres (væg · CPU)']];
  const documents = r.fullBuild.documents ?? r.dataset.documents;
  rows.push(['Vores (fuld build)', `${dk(r.fullBuild.seconds / documents, 3)} s`, msText(r.cpuPerDocumentMs), `${documents}, ${r.machine.nproc} kerner`, '']);
  const missing: string[] = [];
  const refs = [
    ['pandoc + WeasyPrint', r.pandoc],
    ['Typst', r.typst],
  ] as const;
  for (const [name, ref] of refs) {
    if (!ref.available) {
      missing.push(`${name}: ${ref.reason}`);
      continue;
    }
    const at = 'parallel' in ref ? `${ref.parallel} ad gangen` : '1 ad gangen';
    rows.push([
      name,
      `${dk(ref.perDocumentSeconds, 3)} s`,
      msText(ref.cpuPerDocumentMs),
      `${ref.documents}, ${at}${ref.failed ? `, ${ref.failed} fejlede` : ''}`,
      `${ratioText(ref.wallRatio)} · ${ratioText(ref.cpuRatio)}`,
    ]);
  }
  return [table(rows), ...missing];
}

/** The human report (Danish). */
export function formatText(r: BenchResult): string {
  const t = targets(r);
  const d = r.dataset;
  const lines = [
    `Ydelsesmåling · SYNTETISKE data · ${r.date}`,
    `Datasæt: ${countNoun(d.kommuner, 'kommune', 'kommuner')} i ${d.sundhedsraad} sundhedsråd, ${countNoun(d.documents, 'dokument', 'dokumenter')} (${countNoun(d.hsa, 'samarbejdsaftale', 'samarbejdsaftaler')}, ${countNoun(d.delingsaftaler, 'delingsaftale', 'delingsaftaler')}, ${countNoun(d.anmodninger, 'anmodning', 'anmodninger')}, ${countNoun(d.sager, 'sag', 'sager')})`,
    `Maskine: ${r.machine.cpu}, ${r.machine.nproc} kerner (nproc), ${r.machine.memoryGb} GB, Node ${r.machine.node}, load ${dk(r.machine.loadAverage)}${r.machine.busyCores === null ? '' : `, ${dk(r.machine.busyCores)} kerner optaget`} ved start`,
    '',
  ];
  const rows: string[][] = [['Måling', 'Resultat', 'Mål', '', 'Bemærkning']];
  const m = r.markdownStage;
  const note: Record<Target['id'], string> = {
    'cpu-mod-typst': r.typst.available ? `${msText(r.cpuPerDocumentMs)} mod ${msText(r.typst.cpuPerDocumentMs)} pr. dokument` : `Typst ${r.typst.reason}`,
    markdown: `${m.documents} dokumenter, vægtid ${dk(m.wallPerDocumentMs, 1)} ms; første gennemløb ${dk(m.firstPassCpuPerDocumentMs, 1)} ms CPU`,
    forhaandsvisning: `${r.previewBuild.only} · ${r.previewBuild.field} · CPU ${cpuText(r.previewBuild.cpuSeconds)}`,
    check: `${r.check.errors} fejl, ${countNoun(r.check.warnings, 'advarsel', 'advarsler')}`,
    'uaendret-build': cacheNote(r.noopBuild),
    'en-hsa-build': [cacheNote(r.editBuild), r.editBuild.field].filter(Boolean).join(' · '),
    'fuld-build': cacheNote(r.fullBuild),
    hukommelse: `check ${r.check.maxRssMb ?? '?'} MB, fuld build ${r.fullBuild.maxRssMb ?? '?'} MB, forhåndsvisning ${r.previewBuild.maxRssMb ?? '?'} MB`,
  };
  for (const x of t) rows.push([x.label, formatValue(x.value, x.unit), formatLimit(x), mark(x.ok), note[x.id]]);
  const w = r.wordStage;
  const share = r.cpuPerDocumentMs === null ? '' : `, ${dk((100 * w.cpuPerDocumentMs) / r.cpuPerDocumentMs, 0)} % af et dokuments CPU i den fulde build`;
  rows.push([
    'Word-trinnet (.docx) pr. dokument (CPU, varmt)',
    formatValue(w.cpuPerDocumentMs, 'ms'),
    '',
    '',
    `${w.documents} dokumenter, ${dk(w.bytesPerDocument / 1024, 0)} KB hver${share}; første gennemløb ${dk(w.firstPassCpuPerDocumentMs, 1)} ms CPU`,
  ]);
  rows.push(['Dokumenter pr. sekund (fuld build)', `${dk(r.documentsPerSecond, 1)}/s`, '', '', '']);
  if (r.cpuPerDocumentMs !== null) {
    rows.push([
      'CPU pr. dokument (fuld build, alle tråde)',
      `${dk(r.cpuPerDocumentMs, 0)} ms`,
      '',
      '',
      `CPU i alt: check ${cpuText(r.check.cpuSeconds)}, fuld build ${cpuText(r.fullBuild.cpuSeconds)}, uændret ${cpuText(r.noopBuild.cpuSeconds)}, én HSA ${cpuText(r.editBuild.cpuSeconds)}, forhåndsvisning ${cpuText(r.previewBuild.cpuSeconds)}`,
    ]);
  }
  rows.push(['Opstart af node + kontrol af den oversatte kode (indgår i alle tider)', `${dk(r.startupSeconds)} s`, '', '', '']);
  lines.push(table(rows));
  lines.push('');
  lines.push(...comparison(r));
  lines.push('');
  const measured = t.filter((x) => x.ok !== null);
  const met = measured.filter((x) => x.ok).length;
  lines.push(
    `${met === measured.length ? '✔' : '✖'} ${met} af ${measured.length} mål nået. Tider er fra start til slut af kommandoen (node scripts/launch.mjs …), inkl. opstart.`,
  );
  const busy = r.machine.busyCores ?? r.machine.loadAverage;
  if (busy > r.machine.nproc / 4) {
    lines.push(`Advarsel: andet arbejde brugte ${dk(busy)} af ${r.machine.nproc} kerner, da målingen startede; tiderne er usikre.`);
  }
  if (r.codeChanged) {
    lines.push(
      'Advarsel: programkoden (scripts/) blev ændret under målingen, så cachen blev ugyldig; tiderne for build uden ændringer og efter én HSA er ikke retvisende. Kør igen.',
    );
  } else if (r.noopBuild.rendered !== null && r.noopBuild.rendered > 0) {
    lines.push(`Bemærk: build uden ændringer dannede ${r.noopBuild.rendered} dokumenter igen, skønt hverken data eller kode var ændret.`);
  }
  if (!r.buildJson) lines.push('Bemærk: build kender ikke --json; tallene er læst af dens tekst.');
  if (r.tempDir) lines.push(`Data og out/ er bevaret i ${r.tempDir}`);
  return `${lines.join('\n')}\n`;
}

/** Everything, for --json: the figures, the targets and whether each was met. */
export function formatJson(r: BenchResult): string {
  const t = targets(r);
  return `${JSON.stringify({ ...r, targets: t, allTargetsMet: t.every((x) => x.ok !== false) }, null, 2)}\n`;
}
