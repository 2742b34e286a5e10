import { countNoun } from '../diagnostics/danish.ts';
import type { Repository } from '../model/repository.ts';
import type { Kommune } from '../model/types.ts';
import { formatDate } from '../basics/format.ts';
import { councilOf, deadlineState, type DeadlineState, type DocumentDeadline, shortDocumentLabel } from '../kinds/index.ts';

export interface FristerReportOptions {
  today: string;
  /** Only this kommune (and its sundhedsråd's cases). */
  kommune?: string;
  /** Every deadline with its state, not only the overdue and the next ones. */
  all?: boolean;
}

const stateLabel: Record<DeadlineState, string> = {
  opfyldt: 'opfyldt',
  aaben: 'åben',
  overskredet: 'OVERSKREDET',
  kommende: 'kommende',
  passeret: 'passeret',
  aflyst: 'aflyst',
};

interface Row {
  d: DocumentDeadline;
  state: DeadlineState;
}

function line(repo: Repository, { d, state }: Row, dateWidth: number, all: boolean): string {
  const what = state === 'overskredet' && d.missing ? `mangler ${d.missing}` : d.betegnelse;
  const done = state === 'opfyldt' && d.done ? ` (${formatDate(d.done)})` : '';
  const tag = all ? `${stateLabel[state]}${done}`.padEnd(14) + '  ' : '';
  return `      ${formatDate(d.dato).padEnd(dateWidth)}  ${tag}${shortDocumentLabel(repo, d.doc)}: ${what}`;
}

/** The rows worth showing for one group of deadlines: all of them, or the overdue and each document's next. */
function select(rows: Row[], options: FristerReportOptions): { overdue: Row[]; next: Row[]; all: Row[] } {
  const overdue = rows.filter((r) => r.state === 'overskredet');
  const next: Row[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    if ((r.state !== 'aaben' && r.state !== 'kommende') || seen.has(r.d.doc.data.id)) continue;
    seen.add(r.d.doc.data.id);
    next.push(r);
  }
  return { overdue, next, all: options.all ? rows : [] };
}

function block(repo: Repository, title: string, rows: Row[], options: FristerReportOptions, dateWidth: number): string[] {
  if (rows.length === 0) return [];
  const { overdue, next, all } = select(rows, options);
  const out = [`  ${title}`];
  if (options.all) {
    out.push(...all.map((r) => line(repo, r, dateWidth, true)));
    return out;
  }
  if (overdue.length > 0) out.push('    Overskredet:', ...overdue.map((r) => line(repo, r, dateWidth, false)));
  if (next.length > 0) out.push('    Næste:', ...next.map((r) => line(repo, r, dateWidth, false)));
  if (overdue.length === 0 && next.length === 0) out.push('    Ingen åbne frister.');
  return out;
}

/**
 * The deadline report `npm run frister` prints: per sundhedsråd, its cases' deadlines, then per
 * kommune the overdue deadlines and the next one of each document.
 */
export function fristerReport(repo: Repository, deadlines: readonly DocumentDeadline[], options: FristerReportOptions): string {
  const rows: Row[] = deadlines.map((d) => ({ d, state: deadlineState(d, options.today) }));
  const dateWidth = Math.max(0, ...rows.map((r) => formatDate(r.d.dato).length));
  // A kommune's own documents; a council's cases are listed under their sundhedsråd instead.
  const ofKommune = (k: Kommune) => rows.filter((r) => councilOf(r.d.doc) === undefined && r.d.kommuner.includes(k.kode));

  const groups: Array<{ title: string; cases: Row[]; kommuner: Kommune[] }> = [];
  const placed = new Set<string>();
  for (const raad of repo.sundhedsraadList) {
    const kommuner = raad.kommuner.map((c) => repo.kommune(c)).filter((k): k is Kommune => k !== undefined);
    kommuner.forEach((k) => placed.add(k.kode));
    const cases = rows.filter((r) => councilOf(r.d.doc) === raad.id);
    groups.push({ title: raad.navn, cases, kommuner });
  }
  groups.push({ title: 'Kommuner uden bekræftet sundhedsråd', cases: [], kommuner: repo.kommuner.filter((k) => !placed.has(k.kode)) });

  const out = [`Frister pr. ${formatDate(options.today)}`];
  for (const g of groups) {
    const kommuner = g.kommuner.filter((k) => options.kommune === undefined || k.kode === options.kommune);
    const cases = options.kommune === undefined || kommuner.length > 0 ? g.cases : [];
    const body = [
      ...block(repo, 'Sager', cases, options, dateWidth),
      ...kommuner.flatMap((k) => block(repo, `${k.navn} (${k.kode})`, ofKommune(k), options, dateWidth)),
    ];
    if (body.length > 0) out.push('', g.title, ...body);
  }
  const shown = rows.filter((r) => options.kommune === undefined || r.d.kommuner.includes(options.kommune));
  const overdue = shown.filter((r) => r.state === 'overskredet').length;
  const upcoming = shown
    .filter((r) => r.state === 'aaben' || r.state === 'kommende')
    .map((r) => r.d.dato)
    .sort()[0];
  out.push(
    '',
    `${overdue > 0 ? '⚠' : '✔'} ${countNoun(overdue, 'overskredet frist', 'overskredne frister')}${upcoming ? ` · næste frist ${formatDate(upcoming)}` : ''}`,
  );
  return out.join('\n') + '\n';
}
