/**
 * Each text is measured once per layout, not once per layout attempt (issue 18).
 *
 * pdfmake lays a document out again from the start whenever the pageBreakBefore hook asks for a
 * break (keep-with-heading.ts: a heading must not end a page), about 2.3 attempts per document,
 * and every attempt measures the whole document again, because laying a text out consumes its
 * measured pieces (`_inlines`, shifted off one by one and split where a word is broken). Measuring
 * — breaking the text into pieces, shaping every word and summing widths — was three quarters of
 * the layout time.
 *
 * DocMeasure#measureLeaf is wrapped: the first time a text node is measured, copies of its pieces
 * and its widths are kept (keyed by the node object, which the attempts share); a later attempt
 * gets fresh copies of those instead of measuring again. The style stack a node is measured
 * under is the same in every attempt of one layout (the same tree, the same DocMeasure), and a
 * node whose text was replaced (a contents entry, via `_textRef`) is measured again. Pieces are
 * plain objects whose own members the layout sets or changes (position, text and width of a
 * broken piece, the hyphen shown): a shallow copy per piece is a piece as measured.
 *
 * As in soft-hyphens.ts, the member is checked before it is wrapped; if pdfmake (pinned exactly in
 * package.json) has changed, nothing is wrapped and layout measures every attempt, as before —
 * slower, the same output (tests/emit-pdf/measure-once.test.ts compares the bytes).
 */
import { pdfmakePrototypes } from './pdfmake-internals.ts';

type Piece = Record<string, unknown>;

interface TextNode {
  text?: unknown;
  _inlines?: Piece[];
  _minWidth?: number;
  _maxWidth?: number;
}

interface Measured {
  text: unknown;
  pieces: Piece[];
  minWidth: number | undefined;
  maxWidth: number | undefined;
}

const copyPieces = (pieces: readonly Piece[]): Piece[] => pieces.map((piece) => ({ ...piece }));

let installed: boolean | undefined;

/** Installs the wrap once per thread; false when pdfmake's shape is not the expected one. */
export function installMeasureOnce(): boolean {
  if (installed !== undefined) return installed;
  if (process.env.AFTALER_MEASURE_ONCE === '0') return (installed = false);
  const found = pdfmakePrototypes({ measure: ['DocMeasure', ['measureLeaf']] });
  if (typeof found === 'string') {
    process.emitWarning(`hver tekst måles igen ved hvert layoutforsøg, fordi pdfmake ikke har den forventede form (${found})`);
    return (installed = false);
  }
  const { measure } = found;
  const measureLeaf = measure.measureLeaf as (this: unknown, node: TextNode) => TextNode;
  const measured = new WeakMap<TextNode, Measured>();
  measure.measureLeaf = function (this: unknown, node: TextNode): TextNode {
    const known = measured.get(node);
    // measureLeaf itself replaces a contents entry's text first; compare after that would.
    const text = (node as { _textRef?: { _textNodeRef?: { text?: unknown } } })._textRef?._textNodeRef?.text || node.text;
    if (known && known.text === text) {
      node.text = text;
      node._inlines = copyPieces(known.pieces);
      node._minWidth = known.minWidth;
      node._maxWidth = known.maxWidth;
      return node;
    }
    const result = measureLeaf.call(this, node);
    if (Array.isArray(result._inlines)) {
      measured.set(result, { text: result.text, pieces: copyPieces(result._inlines), minWidth: result._minWidth, maxWidth: result._maxWidth });
    }
    return result;
  };
  return (installed = true);
}
