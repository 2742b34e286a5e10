import type { Repository } from '../model/repository.ts';
import { regionName } from '../kinds/common.ts';
import { kommuneName } from '../model/names.ts';
import {
  renderedDocuments,
  documentName,
  documentMeta,
  documentDeadlines,
  type DocumentDeadline,
  concernsLabel,
  shortDocumentLabel,
  noticeText,
  terminationOf,
} from '../kinds/index.ts';
import { formatDate } from '../basics/format.ts';
import { signingTimeFromEnv } from '../sign/signing-time.ts';
import { latestDay } from '../model/dates.ts';
import { serializeCalendar, type IcsEvent } from './ics.ts';

export const FRISTER_ICS = 'frister.ics';

/** The domain part of every UID; .invalid (RFC 2606) as for the schemas' $id: it names, never resolves. */
const UID_DOMAIN = 'aftaler.invalid';

/**
 * DTSTAMP for the whole calendar. Never the wall clock, so the same data gives the same file:
 * SOURCE_DATE_EPOCH when set (as for the PDFs' seal time), otherwise the latest date recorded in
 * any document (the same date a document's PDF is dated with), so recording a new step moves
 * the stamp forward and calendar clients see the events as updated.
 */
function calendarStamp(repo: Repository, env: NodeJS.ProcessEnv): Date {
  if (env.SOURCE_DATE_EPOCH) return signingTimeFromEnv(env);
  const documents = renderedDocuments(repo);
  const latest = latestDay(...documents.map((d) => documentMeta(repo, d).date)) ?? '1970-01-01';
  return new Date(`${latest}T00:00:00Z`);
}

/** The calendar's SEQUENCE: minutes from 2026-01-01 to its stamp, so a later stamp gives a higher one. */
function calendarSequence(stamp: Date): number {
  return Math.max(0, Math.floor((stamp.getTime() - Date.UTC(2026, 0, 1)) / 60_000));
}

/** Days before a deadline its reminder comes, unless configured (.aftalerrc.json, »kalender«). */
const DEFAULT_REMINDER_DAYS = 14;

/** Stable per (document, deadline): re-importing the file updates an event instead of adding one. */
export function eventUid(d: DocumentDeadline): string {
  return `${d.doc.data.id}.${d.source}@${UID_DOMAIN}`;
}

/** », efter fristen (begrundet: …)«: a late step stays visible as late, with why. */
const lateText = (begrundelser: readonly string[]) =>
  `, efter fristen (${begrundelser.length > 0 ? `begrundet: ${begrundelser.join('; ')}` : 'uden begrundelse'})`;

function statusText(d: DocumentDeadline): string {
  const t = d.cancelled ? terminationOf(d.doc) : undefined;
  if (t) return `Aflyst: aftalen er ${noticeText(t)}`;
  if (d.done === undefined) return 'Dato fastsat i data';
  if (d.done !== null) return `Opfyldt ${formatDate(d.done)}${d.late ? lateText(d.late.begrundelser) : ''}`;
  return `Ikke registreret${d.missing ? `: ${d.missing}` : ''}`;
}

function kommunerText(repo: Repository, d: DocumentDeadline): string {
  return d.kommuner.map((k) => `${kommuneName(repo, k)} (${k})`).join(', ');
}

/**
 * One event per document deadline. Summary and description depend on the data only, not on the
 * day the file is made, so an unchanged repository gives an identical file; whether a step is
 * overdue is for `npm run frister` to say on the day.
 */
function deadlineEvent(repo: Repository, d: DocumentDeadline, reminderDays: number): IcsEvent {
  const description = [
    `Dokument: ${documentName(repo, d.doc)} (${d.doc.data.id})`,
    `${d.kommuner.length === 1 ? 'Kommune' : 'Kommuner'}: ${kommunerText(repo, d) || '(ingen bekræftede kommuner)'}`,
    `Frist: ${d.betegnelse}`,
    `Dato: ${formatDate(d.dato)}`,
    `Status: ${statusText(d)}`,
    `Kilde: ${d.kilde.dokument}, ${d.kilde.afsnit}`,
    `Fil: ${d.doc.file}`,
  ].join('\n');
  return {
    uid: eventUid(d),
    date: d.dato,
    summary: `${d.done ? (d.late ? '✔ efter fristen: ' : '✔ ') : ''}${concernsLabel(repo, d.doc)} – ${shortDocumentLabel(repo, d.doc)}: ${d.betegnelse}`,
    description,
    categories: ['Frist', concernsLabel(repo, d.doc)],
    // A terminated agreement's steps after the notice: kept, so that clients that imported them remove them (RFC 5545 §3.8.1.11).
    ...(d.cancelled ? { status: 'CANCELLED' as const } : {}),
    // A reminder for what is still to do; none for a step done or cancelled.
    ...(d.done || d.cancelled ? {} : { alarmDays: reminderDays }),
  };
}

/**
 * out/frister.ics: every deadline of every document; a terminated agreement's end, and its later
 * steps as cancelled. With `kommune` (a code), that kommune's deadlines only: the calendar in its
 * package (kommune-package.ts).
 */
export interface CalendarOptions {
  env: NodeJS.ProcessEnv;
  /** Days before each open deadline its reminder comes; 0 for none. */
  reminderDays?: number;
}

export function fristerIcs(repo: Repository, options: CalendarOptions & { kommune?: string }): string {
  return calendarOf(repo, options, documentDeadlines(repo), calendarStamp(repo, options.env), options.kommune);
}

/**
 * What a build writes: out/frister.ics and each kommune's calendar (fristerIcs with `kommune`),
 * with the deadlines and the stamp worked out once for all of them. Depends on the data and
 * SOURCE_DATE_EPOCH only, not on the day.
 */
export function fristerCalendars(
  repo: Repository,
  options: CalendarOptions,
  codes: readonly string[],
): { files: { [FRISTER_ICS]: string }; kommuner: Map<string, string> } {
  const all = documentDeadlines(repo);
  const stamp = calendarStamp(repo, options.env);
  return {
    files: { [FRISTER_ICS]: calendarOf(repo, options, all, stamp, undefined) },
    kommuner: new Map(codes.map((code) => [code, calendarOf(repo, options, all, stamp, code)])),
  };
}

function calendarOf(repo: Repository, options: CalendarOptions, all: readonly DocumentDeadline[], stamp: Date, kommune: string | undefined): string {
  const region = regionName(repo);
  const deadlines = all.filter((d) => kommune === undefined || d.kommuner.includes(kommune));
  return serializeCalendar({
    prodId: `-//${region}//aftaler frister//DA`,
    name: `Frister – opgaveflyt 2027 (${kommune === undefined ? region : kommuneName(repo, kommune)})`,
    stamp,
    sequence: calendarSequence(stamp),
    events: deadlines.map((d) => deadlineEvent(repo, d, options.reminderDays ?? DEFAULT_REMINDER_DAYS)),
  });
}
