/**
 * parseMarkdown keeps the trees of recent texts (most documents of a kind give the same text
 * before their data is substituted), so it must hand every caller a tree of its own.
 */
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../scripts/render/markdown.ts';

const TEXT = '# Titel\n\n§ 1. Formål med [link](https://example.org "titel")\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] punkt\n- punkt\n';

describe('parseMarkdown', () => {
  it('gives a tree equal to a fresh parse, every time', () => {
    const first = parseMarkdown(TEXT);
    const second = parseMarkdown(TEXT);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(first.children.length).toBeGreaterThan(3);
  });

  it('is not affected by what a caller did to an earlier tree', () => {
    const before = parseMarkdown(TEXT);
    const mutated = parseMarkdown(TEXT);
    mutated.children.splice(0, 1);
    const heading = parseMarkdown(TEXT).children[0]!;
    expect(heading.type).toBe('heading');
    if (heading.type === 'heading') heading.depth = 6;
    expect(parseMarkdown(TEXT)).toEqual(before);
  });

  it('keeps null and empty values as the parser gives them', () => {
    const tree = parseMarkdown('```\nkode\n```\n');
    const code = tree.children[0]!;
    expect(code).toMatchObject({ type: 'code', lang: null, meta: null, value: 'kode' });
    expect(parseMarkdown('```\nkode\n```\n')).toEqual(tree);
  });
});
