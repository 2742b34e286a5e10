import { NOT_SET } from '../basics/format.ts';

export interface DocumentMeta {
  title: string;
  /** Label/value rows shown under the title (Markdown list, PDF table). */
  titleBlock: Array<{ label: string; value: string }>;
  runningHeader: string;
  /**
   * A second header line: the document's identity on the left (DokID, version,
   * provenance) and its place on the right (»Bilag 3a til punkt 3, EMN-2025-10366«). Two short
   * lines instead of one that would wrap.
   */
  runningSubheader?: RunningSubheader;
  subject: string;
  /**
   * The title a PDF viewer shows (Info Title, XMP dc:title) when the heading alone is not unique
   * in the region: every sundhedsråd has a »Punkt 3: Opgaveflyt …«. Default: the generated name.
   */
  documentTitle?: string;
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

interface RunningSubheader {
  left: string;
  right: string | null;
}

export const orNotSet = (v: string | null | undefined, f: (x: string) => string = (x) => x) => (v ? f(v) : NOT_SET);

export function latest(...dates: Array<string | null | undefined>): string | undefined {
  return dates
    .filter((d): d is string => typeof d === 'string')
    .sort()
    .at(-1);
}
