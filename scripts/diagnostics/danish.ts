/** Danish words used in reports; plural selection through Intl, not string tricks. */
const plural = new Intl.PluralRules('da-DK');

export function countNoun(n: number, one: string, other: string): string {
  return `${n} ${plural.select(n) === 'one' ? one : other}`;
}

export const severityLabel = { error: 'fejl', warning: 'advarsel' } as const;
