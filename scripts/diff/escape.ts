/**
 * Escaping for the pull-request report. Every value from the data passes through one of these,
 * so a field containing `</details>`, `| a |`, `# x` or `**` cannot change the report's
 * structure.
 */

/** Text inside HTML (the report's collapsible sections): entities, and no blank lines. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/\r?\n/g, '<br>'); // a blank line would end the HTML block and let Markdown back in
}

/**
 * Text inside a Markdown line (a sentence, a table cell): one line, and every character that
 * could start emphasis, code, a link, HTML, an entity, a table cell, a heading or math escaped.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_[\]()<>&|#!~$]/g, (c) => `\\${c}`);
}
