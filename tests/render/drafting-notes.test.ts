/**
 * markDraftingNotes marks »Udestår …« and counts the notes it marked: the count decides whether
 * the publishing build seals a document (emit/unsealed.ts), so it must match what a reader sees.
 */
import { describe, expect, it } from 'vitest';
import { draftingNotesIn, markDraftingNotes } from '../../scripts/render/drafting-notes.ts';
import { parseMarkdown, stringifyMarkdown } from '../../scripts/render/markdown.ts';

const mark = (markdown: string) => {
  const { tree, notes } = markDraftingNotes(parseMarkdown(markdown));
  return { markdown: stringifyMarkdown(tree), notes };
};

describe('drafting notes are counted as they are marked', () => {
  it('counts one note per line that has the word: paragraphs, hard line breaks, table cells, headings', () => {
    expect(mark('Ingen noter her; det beløb, der udestår, er betalt.\n')).toEqual({
      markdown: 'Ingen noter her; det beløb, der udestår, er betalt.\n',
      notes: 0,
    });
    expect(mark('Udestår: beløbet.\n').notes).toBe(1);
    // Twice on one line is one note: it runs to the end of the line.
    expect(mark('Udestår: beløbet. Udestår: datoen.\n').notes).toBe(1);
    expect(mark('Udestår: beløbet.\\\nUdestår: datoen.\n').notes).toBe(2);
    expect(mark('| Felt | Værdi |\n| - | - |\n| Beløb | Udestår |\n| Dato | Udestår |\n').notes).toBe(2);
    expect(mark('## Udestår: overskrift\n\n- Udestår: punkt\n').notes).toBe(2);
  });

  it('marks as before: the Markdown says *[Udestår: …]*', () => {
    expect(mark('Tekst. Udestår: beløbet.\n').markdown).toBe('Tekst. *\\[Udestår: beløbet.]*\n');
  });

  it('counts plain text (a title or title-block value) line by line', () => {
    expect(draftingNotesIn('Horisontal samarbejdsaftale')).toBe(0);
    expect(draftingNotesIn('Udestår')).toBe(1);
    expect(draftingNotesIn('Udestår: a\nUdestår: b')).toBe(2);
    expect(draftingNotesIn('det der udestår')).toBe(0);
  });
});
