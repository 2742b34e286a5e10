/** What can be wrong with a template; positioned in the template file, never a stack trace. */
export const templateRuleIds = ['template/syntax', 'template/missing-variable', 'template/bare-value', 'template/unknown-helper'] as const;
export type TemplateRuleId = (typeof templateRuleIds)[number];

export class TemplateError extends Error {
  constructor(
    readonly rule: TemplateRuleId,
    /** Repository-relative template path. */
    readonly file: string,
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}
