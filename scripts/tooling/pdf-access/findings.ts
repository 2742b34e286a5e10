/**
 * What the accessibility checker reports: one value per problem, with the rule it breaks, a
 * Danish message for the staff (what is wrong and what it means for a reader) and, where the
 * problem sits on one page, that page (1-based).
 */

/** The checks, one id each. Closed: a reporter can list them, a test can name them. */
export const ACCESS_RULES = [
  'pdf/read',
  'pdf/tagged',
  'pdf/xmp',
  'pdf/pdfa-id',
  'pdf/pdfua-id',
  'pdf/title',
  'pdf/language',
  'pdf/display-title',
  'pdf/output-intent',
  'pdf/fonts',
  'pdf/marked-content',
  'pdf/annotations',
  'pdf/structure-text',
] as const;

export type AccessRule = (typeof ACCESS_RULES)[number];

export interface AccessFinding {
  rule: AccessRule;
  message: string;
  /** 1-based page number, when the problem is on one page. */
  page?: number;
}

export function finding(rule: AccessRule, message: string, page?: number): AccessFinding {
  return page === undefined ? { rule, message } : { rule, message, page };
}

/** Text shown in a message, cut to `max` characters with an ellipsis. */
export function shorten(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
