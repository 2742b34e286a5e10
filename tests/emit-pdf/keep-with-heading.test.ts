/**
 * The page-break hook in isolation, with the node and page queries pdfmake hands it: a heading
 * never ends a page, and the closing lines (the seal line) never stand alone on the last page,
 * even when pdfmake reports the unbreakable closing where it was tried rather than where it went.
 * The layout tests check the same on every built PDF.
 */
import type { Node, NodeQueries } from 'pdfmake/interfaces.js';
import { describe, expect, it } from 'vitest';
import { CLOSING_ID, keepHeadingWithNext } from '../../scripts/emit/pdf/keep-with-heading.ts';

const PAGE = 700;
const at = (ratio: number, pages = [1], extra: Partial<Node> = {}): Node =>
  ({
    pageNumbers: pages,
    pages: 2,
    startPosition: {
      pageNumber: pages[0]!,
      pageOrientation: 'portrait',
      pageInnerHeight: PAGE,
      pageInnerWidth: 400,
      left: 0,
      top: 0,
      verticalRatio: ratio,
      horizontalRatio: 0,
    },
    ...extra,
  }) as Node;
const queries = (following: Node[], next: Node[] = []): NodeQueries => ({
  getFollowingNodesOnPage: () => following,
  getNodesOnNextPage: () => next,
  getPreviousNodesOnPage: () => [],
});
const closing = (ratio: number) => at(ratio, [1], { id: CLOSING_ID, stack: true });
const sealLine = (ratio: number) => at(ratio, [1], { text: 'Elektronisk forseglet af …', style: 'sealLine' });

describe('keepHeadingWithNext', () => {
  it('moves a heading with nothing of its section after it on the page', () => {
    expect(keepHeadingWithNext(at(0.95, [1], { headlineLevel: 2, text: '§ 5' }), queries([], [at(0, [2], { text: 'Tekst' })]))).toBe(true);
    expect(keepHeadingWithNext(at(0.5, [1], { headlineLevel: 2, text: '§ 5' }), queries([at(0.55, [1, 2], { text: 'Tekst' })]))).toBe(false);
  });

  it('moves the last block of text when the closing lines that follow it will not fit below it', () => {
    const last = at(0.9, [1], { stack: true });
    // 5 % of 700 pt is 35 pt: less than the closing needs, so pdfmake will move it on alone.
    expect(keepHeadingWithNext(last, queries([closing(0.95), sealLine(0.96)]))).toBe(true);
    // 20 % is 140 pt: it fits, nothing moves.
    expect(keepHeadingWithNext(last, queries([closing(0.8), sealLine(0.81)]))).toBe(false);
    // Reported on the next page already, with nothing else there.
    expect(keepHeadingWithNext(last, queries([], [closing(0), sealLine(0.01)]))).toBe(true);
  });

  it('moves neither a list nor a table, nor text that more body follows', () => {
    const list = at(0.9, [1], { ol: [] });
    expect(keepHeadingWithNext(list, queries([closing(0.95)]))).toBe(false);
    expect(keepHeadingWithNext(at(0.9, [1], { text: 'Tekst' }), queries([at(0.93, [1], { text: 'Mere' }), closing(0.95)]))).toBe(false);
    expect(keepHeadingWithNext(at(0.9, [1], { text: 'Tekst' }), queries([], [at(0, [2], { text: 'Mere' }), closing(0.1)]))).toBe(false);
  });
});
