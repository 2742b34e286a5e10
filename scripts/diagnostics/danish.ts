/** Danish words used in reports; plural selection through Intl, not string tricks. */
const plural = new Intl.PluralRules('da-DK');

export function countNoun(n: number, one: string, other: string): string {
  return `${n} ${plural.select(n) === 'one' ? one : other}`;
}

export const severityLabel = { error: 'fejl', warning: 'advarsel' } as const;

const kindNouns: Record<string, [string, string]> = {
  hsa: ['samarbejdsaftale (HSA)', 'samarbejdsaftaler (HSA)'],
  delingsaftale: ['delingsaftale', 'delingsaftaler'],
  anmodning: ['anmodning', 'anmodninger'],
  sag: ['sag', 'sager'],
  region: ['regionsfil', 'regionsfiler'],
  opgaver: ['opgavefil', 'opgavefiler'],
  frister: ['fristkalender', 'fristkalendere'],
};

export function kindCount(kind: string, n: number): string {
  const nouns = kindNouns[kind] ?? [kind, kind];
  return countNoun(n, nouns[0], nouns[1]);
}
