/**
 * The logical structure of one rendered PDF, as plain values (issue 17).
 *
 * A StructTag is one structure element to be (PDF 32000-1 14.7.2): its standard type, its parent,
 * and its kids in reading order. Tags are made in the Markdown's order before layout
 * (tag-definition.ts), so the tree reads as the Markdown does whatever order the page drawing
 * follows; the marked-content pieces and annotations are added as pdfmake draws them
 * (pdfmake-hooks.ts), and the tree is written into the PDF once, at the end (write-structure.ts).
 */

/** The standard structure types this project writes (PDF 32000-1 14.8.4); no role map needed. */
export type StructRole =
  | 'Document'
  | 'Part'
  | 'Div'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'H4'
  | 'H5'
  | 'H6'
  | 'P'
  | 'BlockQuote'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'Table'
  | 'THead'
  | 'TBody'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'TOC'
  | 'TOCI'
  | 'Link'
  | 'Form';

export interface StructAttributes {
  /** Table header cells: which cells they head. */
  scope?: 'Column' | 'Row';
  /** Table cells spanning more than one column or row. */
  colSpan?: number;
  rowSpan?: number;
  /** Lists: how the items are numbered (List attribute owner). */
  listNumbering?: 'Decimal' | 'Disc' | 'None';
  /** Alternate description (the signature field). */
  alt?: string;
}

/** A marked-content sequence on a page: the page's dictionary (a pdfkit reference) and its MCID. */
interface MarkedContentRef {
  kind: 'mcid';
  page: unknown;
  mcid: number;
  /** The page's array in the parent tree, whose entry `mcid` gets the element. */
  parents: unknown[];
}

/** An annotation (a link, the signature field) that belongs to an element, with its parent-tree key. */
interface AnnotationRef {
  kind: 'annotation';
  annotation: unknown;
  page: unknown;
  key: number;
}

export type StructKid = StructTag | MarkedContentRef | AnnotationRef;

/** Table parts are written even when empty, so every row keeps its cells. */
const KEPT_EMPTY: ReadonlySet<StructRole> = new Set(['Table', 'THead', 'TBody', 'TR', 'TH', 'TD']);

export class StructTag {
  readonly kids: StructKid[] = [];
  /** Children made on demand (a table of contents row, a link), by key: one per key however often layout runs. */
  private memo: Map<string, StructTag> | undefined;
  /** What a link annotation of this element says to a screen reader (its /Contents). */
  contents: string | undefined;

  constructor(
    readonly role: StructRole,
    readonly parent: StructTag | null,
    readonly attributes: StructAttributes = {},
  ) {
    parent?.kids.push(this);
  }

  child(role: StructRole, attributes?: StructAttributes): StructTag {
    return new StructTag(role, this, attributes);
  }

  /** The child made for `key` the first time, the same one afterwards. */
  childFor(key: string, role: StructRole, attributes?: StructAttributes): StructTag {
    this.memo ??= new Map();
    let tag = this.memo.get(key);
    if (tag === undefined) {
      tag = this.child(role, attributes);
      this.memo.set(key, tag);
    }
    return tag;
  }

  /** Whether the element is written: it has content below it, or it is a table part. */
  get written(): boolean {
    return KEPT_EMPTY.has(this.role) || this.kids.some((kid) => !(kid instanceof StructTag) || kid.written);
  }
}
