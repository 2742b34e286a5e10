/**
 * Values from the data in the Markdown that GitHub shows: the job summary of `check` and the
 * pull-request comment of `diff`. Every such value passes through one of these, so a field
 * containing `</details>`, `| a |`, `# x` or `**` cannot change the report's structure, and
 * »@region/jura« or »#12« in a field cannot notify anyone or link an issue.
 *
 * GitHub finds mentions and references in the rendered text, after Markdown: a backslash
 * (»\@name«) is consumed by Markdown first and does not stop them (github/markup#1168). An empty
 * HTML comment after the sign does, and leaves nothing in the text a reader sees or copies.
 */

/** `@name`, `#12`, `owner/repo#12`: the sign, when what follows would make a mention or reference. */
const REFERENCE = /(?<!&)([@#])(?=[\p{L}\p{N}_])/gu;
const BREAK = '<!-- -->';

/**
 * Text inside a Markdown line (a sentence, a table cell): one line, every character that could
 * start emphasis, code, a link, HTML, an entity, a table cell, a heading or math escaped, and
 * mentions and references broken.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]()<>&|#!~$]/g, (c) => `\\${c}`)
    .replace(REFERENCE, `$1${BREAK}`);
}

/** Text inside HTML (the report's collapsible sections): entities, no blank lines, mentions and references broken. */
export function escapeHtml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
      // A blank line would end the HTML block and let Markdown back in.
      .replace(/\r?\n/g, '<br>')
      .replace(REFERENCE, `$1${BREAK}`)
  );
}
