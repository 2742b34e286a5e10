/**
 * Danish names of the date fields, for messages staff read: »regionsrådets godkendelse«
 * says more to a caseworker than »godkendelser.regionsraad«.
 */
const labels: Record<string, string> = {
  'godkendelser.regionsraad': 'regionsrådets godkendelse',
  'godkendelser.kommunalbestyrelse': 'kommunalbestyrelsens godkendelse',
  ikrafttraeden: 'ikrafttrædelsen',
  'evaluering.senest': 'evalueringen',
  udkast_fremsendt: 'fremsendelsen af udkastet',
  aftalt: 'aftaleindgåelsen',
  'delingsraad.afgoerelse': 'Delingsrådets afgørelse',
  meddelt: 'meddelelsen til ministeriet',
  periode_start: 'periodens start',
  periode_slut: 'periodens slut',
};

/** The label of a date field by its data path, lower case for use inside a sentence. */
export function dateLabel(path: ReadonlyArray<string | number>): string {
  const key = path.join('.');
  return labels[key] ?? `»${key}«`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** »a«, »b og c«, »a, b og c«. */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} og ${items.at(-1)!}`;
}
