/** What a run looked at, for the closing line of a report. */
export interface RunSummary {
  files: number;
  /** Documents per kind, in reporting order, with the kind's Danish nouns (»delingsaftale«, »delingsaftaler«). */
  documents: ReadonlyArray<{ nouns: readonly [one: string, other: string]; count: number }>;
}
