/**
 * Writes a document's structure (struct-tag.ts) into the pdfkit document, once, after pdfmake
 * has drawn every page and before the document is ended: one structure element dictionary per
 * written tag, the marked-content references and OBJRs as their kids, and the parent tree that
 * leads from each page's MCIDs and each annotation back to its element (PDF 32000-1 14.7.4).
 *
 * pdfkit's own structure API (doc.struct) builds the tree as content is drawn; here the tree is
 * known in the Markdown's order before drawing and filled while drawing, which that API cannot
 * express, so the dictionaries are written directly with pdfkit's object references.
 */
import type { FieldTagging } from '../../../sign/placeholder.ts';
import type { StructAttributes, StructTag } from './struct-tag.ts';

/** The parts of pdfkit's document written to here. */
interface Ref {
  data: Record<string, unknown>;
  end(): void;
}
interface StructureDoc {
  ref(data: Record<string, unknown>): Ref;
  getStructTreeRoot(): Ref;
  getStructParentTree(): { add(key: number, value: unknown): void };
  createStructParentTreeNextKey(): number;
  page: { dictionary: unknown; annotations: unknown[] };
}

function attributesOf(attributes: StructAttributes): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const table: Record<string, unknown> = {};
  if (attributes.scope) table.Scope = attributes.scope;
  if (attributes.colSpan) table.ColSpan = attributes.colSpan;
  if (attributes.rowSpan) table.RowSpan = attributes.rowSpan;
  if (Object.keys(table).length > 0) out.A = { O: 'Table', ...table };
  if (attributes.listNumbering) out.A = { O: 'List', ListNumbering: attributes.listNumbering };
  if (attributes.alt !== undefined) out.Alt = new String(attributes.alt);
  return out;
}

/** Writes `tag` and everything below it; returns its reference, or undefined when it is not written. */
function writeTag(doc: StructureDoc, tag: StructTag, parent: Ref, written: (tag: StructTag) => boolean): Ref | undefined {
  if (!written(tag)) return undefined;
  const ref = doc.ref({ Type: 'StructElem', S: tag.role, P: parent, ...attributesOf(tag.attributes) });
  const kids: unknown[] = [];
  let page: unknown;
  for (const kid of tag.kids) {
    if ('role' in kid) {
      const child = writeTag(doc, kid, ref, written);
      if (child) kids.push(child);
    } else if (kid.kind === 'mcid') {
      page ??= kid.page;
      kids.push(kid.page === page ? kid.mcid : { Type: 'MCR', Pg: kid.page, MCID: kid.mcid });
      kid.parents[kid.mcid] = ref;
    } else {
      kids.push({ Type: 'OBJR', Obj: kid.annotation, Pg: kid.page });
      doc.getStructParentTree().add(kid.key, ref);
    }
  }
  if (page !== undefined) ref.data.Pg = page;
  ref.data.K = kids.length === 1 ? kids[0] : kids;
  ref.end();
  return ref;
}

/** Writes the tree below `root` as the document's structure. */
export function writeStructure(doc: unknown, root: StructTag): void {
  const pdf = doc as StructureDoc;
  const treeRoot = pdf.getStructTreeRoot();
  const memo = new Map<StructTag, boolean>();
  const written = (tag: StructTag): boolean => {
    let known = memo.get(tag);
    if (known === undefined) {
      known = tag.written;
      memo.set(tag, known);
    }
    return known;
  };
  const top = writeTag(pdf, root, treeRoot, written);
  treeRoot.data.K = top ? [top] : [];
}

/**
 * Ties an annotation that is not drawn by pdfmake (the signature field) to a `Form` element at
 * the end of the document; returns the parent-tree key the annotation must carry as /StructParent.
 * Call before writeStructure.
 */
export function reserveFormField(doc: unknown, root: StructTag, alt: string): FieldTagging {
  const pdf = doc as StructureDoc;
  const key = pdf.createStructParentTreeNextKey();
  return {
    key,
    attach(annotation) {
      root.child('Form', { alt }).kids.push({ kind: 'annotation', annotation, page: pdf.page.dictionary, key });
    },
  };
}
