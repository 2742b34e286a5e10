/** What a run looked at, for the closing line of a report. */
export interface RunSummary {
  files: number;
  /** Number of documents per kind, e.g. { hsa: 24, delingsaftale: 8, sag: 1 }. */
  documents: Record<string, number>;
}
