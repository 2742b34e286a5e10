/** What can be wrong with a template; positioned in the template file, never a stack trace. */
export type TemplateRuleId = 'template/syntax' | 'template/missing-variable' | 'template/bare-value' | 'template/unknown-helper';

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
