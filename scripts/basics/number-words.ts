const WORDS = ['nul', 'én', 'to', 'tre', 'fire', 'fem', 'seks', 'syv', 'otte', 'ni', 'ti', 'elleve', 'tolv'] as const;

/**
 * A count in Danish words where the sources write it so (»ni måneder«, »to år«): 1–12 in words,
 * other numbers in digits. »én« carries its accent so it reads as a number, not an article.
 */
export function countInWords(n: number, one: string, other: string): string {
  const word = (Number.isInteger(n) && n >= 1 ? WORDS[n] : undefined) ?? String(n);
  return `${word} ${n === 1 ? one : other}`;
}
