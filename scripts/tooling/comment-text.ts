/**
 * Wraps text into comment lines of at most `width` characters (words are never split). A list
 * item (»- …«) continues with a hanging indent, so the item stays readable as one.
 */
export function wrapComment(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const hang = paragraph.startsWith('- ') ? '  ' : '';
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = `${hang}${word}`;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * The text for yaml's `commentBefore`: one comment line per element, each with the space that
 * follows »#«. An empty element becomes a bare »#« line (yaml prints a truly empty comment line
 * as a blank line, which would split the comment).
 */
export function commentBlock(lines: readonly string[]): string {
  return lines.map((l) => ` ${l}`).join('\n');
}
