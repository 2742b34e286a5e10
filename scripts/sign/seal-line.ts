/**
 * The visible seal line the renderer puts on the last page. The date is shown
 * in Danish time regardless of the build machine's time zone, so the same
 * SOURCE_DATE_EPOCH gives the same text everywhere.
 */
const SEAL_DATE = new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeZone: 'Europe/Copenhagen' });

export function formatSealLine(subjectCN: string, signingTime: Date): string {
  return `Elektronisk forseglet af Region Østdanmark · ${subjectCN} · ${SEAL_DATE.format(signingTime)}`;
}
