import { NOT_SET } from '../basics/format.ts';

export interface DocumentMeta {
  title: string;
  /** Label/value rows shown under the title (Markdown list, PDF table). */
  titleBlock: Array<{ label: string; value: string }>;
  runningHeader: string;
  subject: string;
  keywords: string[];
  draft: boolean;
  /** ISO date the PDF's CreationDate comes from: the document's own latest date. */
  date: string;
  /** Kommuner the document concerns (all of the case's sundhedsråd for a case). */
  kommuner: string[];
  opgave: string | null;
  version: string | null;
  status: string | null;
}

export const orNotSet = (v: string | null | undefined, f: (x: string) => string = (x) => x) => (v ? f(v) : NOT_SET);

export function latest(...dates: Array<string | null | undefined>): string | undefined {
  return dates
    .filter((d): d is string => typeof d === 'string')
    .sort()
    .at(-1);
}
