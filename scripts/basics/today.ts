/** Today's date in Copenhagen as YYYY-MM-DD (deadlines are Danish calendar days). */
export function todayInDenmark(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
