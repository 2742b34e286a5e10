/**
 * No heading ends a page, and the closing lines (the seal line) never stand alone on the last
 * page: pdfmake's pageBreakBefore hook for the document definition.
 */
import type { Node, NodeQueries, Table } from 'pdfmake/interfaces.js';

/** pdfmake lists the running header and footer among a page's nodes: they are told by their style. */
const FRAME_STYLES = new Set(['runningHeader', 'draftMark', 'footer']);

/** Room a heading needs below it on its page: two lines of body text (11 pt × 1.25) and a margin. */
const KEEP_WITH_HEADING = 2 * 11 * 1.25 + 8;

/** What a table row adds to its cells' height: 3 + 3 pt padding and up to 0.8 pt of rule (styles.ts). */
const ROW_FRAME = 3 + 3 + 0.8;

/**
 * Height of what a table cannot split at its start: its header rows and first body row, which
 * pdfmake moves to the next page as one block (keepWithHeaderRows, dontBreakRows). Taken from the
 * cells' heights of the layout pass the hook runs after (pdfmake's `__height`, the same figure it
 * uses for row spans); undefined when not a table or not measured.
 *
 * Needed because pdfmake reports the positions of that block where it was tried, not where it
 * went: a table whose start did not fit below a heading still seems to begin on the heading's
 * page, and the heading was left alone at the page's foot.
 */
function tableStartHeight(table: Table | undefined): number | undefined {
  if (table === undefined) return undefined;
  let height = 0;
  for (const row of table.body.slice(0, (table.headerRows ?? 0) + 1)) {
    const cells = row.map((cell: unknown) => (cell as { __height?: unknown } | null)?.__height);
    if (cells.length === 0 || !cells.every((h): h is number => typeof h === 'number')) return undefined;
    height += Math.max(...cells) + ROW_FRAME;
  }
  return height;
}

/**
 * A heading moves to the next page when nothing of its section follows it on its page, when what
 * follows starts so low that fewer than two of its lines fit there, or when it is a table whose
 * header and first row do not fit there. pdfmake lays the document out again after each break it
 * inserts, so breaks are rare by design.
 */
export function keepHeadingWithNext(node: Node, queries: NodeQueries): boolean {
  const inBody = (n: Node): boolean => typeof n.style !== 'string' || !FRAME_STYLES.has(n.style);
  if (node.headlineLevel === undefined) return keepLastWithClosing(node, queries, inBody);
  const following = queries.getFollowingNodesOnPage().filter(inBody);
  if (following.length === 0) return queries.getNodesOnNextPage().some(inBody);
  const next = following[0];
  if (next === undefined) return false;
  // A table is measured even when it seems to end on this page: a short one that did not fit
  // moved whole to the next page, but is reported where it was tried.
  const tableStart = tableStartHeight(next.table);
  if (tableStart === undefined && next.pageNumbers.length < 2) return false;
  const { pageInnerHeight, verticalRatio } = next.startPosition;
  const needed = Math.max(KEEP_WITH_HEADING, tableStart ?? 0);
  return (1 - verticalRatio) * pageInnerHeight < needed;
}

/** The id of the closing lines' stack (document.ts): what must not stand alone on a page. */
export const CLOSING_ID = 'closing-lines';

/**
 * Height the closing lines need: the stack's 18 pt margin, the seal line's 24 pt margin and two
 * lines at 8.5 pt (a long certificate name wraps before the date).
 */
const CLOSING_HEIGHT = 18 + 24 + 2 * 8.5 * 1.3;

const isClosing = (n: Node): boolean => n.id === CLOSING_ID || n.style === 'closing' || n.style === 'sealLine';

/**
 * The last block of text before the closing moves to the next page when nothing but the closing
 * lines would be there: a page holding only »Elektronisk forseglet af …« reads as a page lost.
 * The closing is one unbreakable block, which pdfmake reports where it was tried even when it
 * moved on: so it is taken to move when the room below its tried start is less than it needs.
 * Only a single-page block of text moves (a paragraph, a list item), never a list or a table.
 */
function keepLastWithClosing(node: Node, queries: NodeQueries, inBody: (n: Node) => boolean): boolean {
  // pdfmake passes a stack's `stack` too, though its types leave it out.
  const leaf = node.text !== undefined || ('stack' in node && node.ol === undefined && node.ul === undefined && node.table === undefined);
  if (!leaf || isClosing(node) || node.pageNumbers.length !== 1) return false;
  const following = queries.getFollowingNodesOnPage().filter(inBody);
  if (following.length === 0) {
    const next = queries.getNodesOnNextPage().filter(inBody);
    return next.length > 0 && next.every(isClosing);
  }
  if (!following.every(isClosing)) return false;
  const closing = following.find((n) => n.id === CLOSING_ID);
  if (closing === undefined) return false;
  const { pageInnerHeight, verticalRatio } = closing.startPosition;
  return (1 - verticalRatio) * pageInnerHeight < CLOSING_HEIGHT;
}
