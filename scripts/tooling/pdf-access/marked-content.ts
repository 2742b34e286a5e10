/**
 * Is every piece of a page's visible content either tagged (part of the structure tree) or an
 * artifact? Walks the page's content stream(s) and checks:
 * - every text-showing operator (Tj, TJ, ', ") lies in a marked-content sequence that is an
 *   /Artifact (BMC or BDC, at any enclosing level) or a BDC with an /MCID that the structure
 *   tree's /ParentTree has an element for (page /StructParents → array → entry MCID not null);
 * - every path painting operator, shading, XObject (Do) and inline image lies in marked content
 *   at all (a drawn rule or a logo that is not an artifact is reported too);
 * - BMC/BDC and EMC are balanced.
 * Form XObjects' own content is not descended into.
 */
import { type Operand, type Operation, parsedOperations } from './content-stream.ts';
import { type AccessFinding, finding, shorten } from './findings.ts';
import type { PdfDict, PdfObjects, PdfPage, PdfValue } from './pdf-objects.ts';

const TEXT_OPERATORS = new Set(['Tj', 'TJ', "'", '"']);
const PAINT_OPERATORS = new Set(['f', 'F', 'f*', 'S', 's', 'B', 'B*', 'b', 'b*', 'sh', 'Do', 'BI']);
/** How many offending places a message names per page. */
const EXAMPLES = 3;

/** One open marked-content sequence. */
interface Marked {
  artifact: boolean;
  mcid: number | undefined;
}

/** What one page's content streams hold outside the structure tree. */
export interface PageMarking {
  /** Text-showing operations in no marked content, or only in marked content without MCID. */
  untaggedText: Place[];
  /** Text in marked content whose MCID the parent tree has no element for. */
  unknownMcid: Place[];
  /** Painting operations in no marked content at all. */
  unmarkedPainting: Place[];
  /** EMC without an open sequence, or sequences still open at the end. */
  unbalanced: string[];
  /** A content stream that could not be read. */
  unreadable: string | undefined;
}

interface Place {
  /** 1-based index of the content stream of the page. */
  stream: number;
  offset: number;
  /** The operation as written, shortened. */
  text: string;
  mcid?: number;
}

/**
 * Checks one page's content streams. `hasElement(mcid)` says whether the parent tree has a
 * structure element for that MCID on this page; `properties` resolves a named property list
 * (`/P /MC0 BDC`) from the page's /Resources /Properties.
 */
export function checkPageMarking(
  streams: readonly Uint8Array[],
  hasElement: (mcid: number) => boolean,
  properties: (name: string) => Map<string, Operand> | undefined = () => undefined,
): PageMarking {
  const result: PageMarking = { untaggedText: [], unknownMcid: [], unmarkedPainting: [], unbalanced: [], unreadable: undefined };
  const stack: Marked[] = [];
  for (const [index, bytes] of streams.entries()) {
    const place = (op: Operation, mcid?: number): Place => ({
      stream: index + 1,
      offset: op.start,
      text: shorten(Buffer.from(bytes.subarray(op.start, Math.min(op.end, op.start + 200))).toString('latin1'), 40),
      ...(mcid === undefined ? {} : { mcid }),
    });
    const { operations: ops, error } = parsedOperations(bytes);
    for (const op of ops) {
      if (op.operator === 'BMC' || op.operator === 'BDC') {
        stack.push(openSequence(op, properties));
      } else if (op.operator === 'EMC') {
        if (stack.pop() === undefined) result.unbalanced.push(`EMC uden BMC/BDC (indholdsstrøm ${index + 1}, byte ${op.start})`);
      } else if (TEXT_OPERATORS.has(op.operator)) {
        if (stack.some((m) => m.artifact)) continue;
        const mcid = stack.findLast((m) => m.mcid !== undefined)?.mcid;
        if (mcid === undefined) result.untaggedText.push(place(op));
        else if (!hasElement(mcid)) result.unknownMcid.push(place(op, mcid));
      } else if (PAINT_OPERATORS.has(op.operator) && stack.length === 0) {
        result.unmarkedPainting.push(place(op));
      }
    }
    if (error) {
      result.unreadable = `indholdsstrøm ${index + 1}, byte ${error.offset}: ${error.message}`;
      return result;
    }
  }
  if (stack.length > 0) result.unbalanced.push(`${stack.length} mærket indhold (BMC/BDC) uden EMC ved sidens slutning`);
  return result;
}

/** The marked-content sequence a BMC or BDC opens: an artifact, and its MCID (direct or from a named property list). */
export function openSequence(op: Operation, properties: (name: string) => Map<string, Operand> | undefined): Marked {
  const [tag, props] = op.operands;
  const artifact = tag !== null && typeof tag === 'object' && 'name' in tag && tag.name === 'Artifact';
  if (op.operator === 'BMC') return { artifact, mcid: undefined };
  const dict = props instanceof Map ? props : props !== null && typeof props === 'object' && 'name' in props ? properties(props.name) : undefined;
  const mcid = dict?.get('MCID');
  return { artifact, mcid: typeof mcid === 'number' && Number.isInteger(mcid) ? mcid : undefined };
}

/** The parent tree's entry for one key (a number tree: /Nums pairs, /Kids below). */
export function parentTreeEntry(objects: PdfObjects, tree: PdfValue | undefined, key: number): PdfValue | undefined {
  const seen = new Set<PdfDict>();
  let node = objects.dict(tree);
  while (node !== undefined && !seen.has(node)) {
    seen.add(node);
    const nums = objects.array(node['/Nums']);
    if (nums !== undefined) {
      for (let i = 0; i + 1 < nums.length; i += 2) if (objects.resolve(nums[i]) === key) return nums[i + 1];
      return undefined;
    }
    const kids = objects.array(node['/Kids']) ?? [];
    node = undefined;
    for (const kid of kids) {
      const kidDict = objects.dict(kid);
      const limits = objects.array(kidDict?.['/Limits']);
      const low = objects.resolve(limits?.[0]);
      const high = objects.resolve(limits?.[1]);
      if (typeof low === 'number' && typeof high === 'number' && (key < low || key > high)) continue;
      if (limits === undefined) {
        // Limits are required on intermediate nodes; without them, search every kid.
        const found = parentTreeEntry(objects, kid, key);
        if (found !== undefined) return found;
        continue;
      }
      node = kidDict;
      break;
    }
  }
  return undefined;
}

/** Pages named one by one; the pages with problems after these are summed up in one finding. */
const PAGES_SHOWN = 5;

/** The marked-content findings for every page of a PDF: per page for the first pages with problems, then one summary. */
export function markedContentFindings(objects: PdfObjects): AccessFinding[] {
  const findings: AccessFinding[] = [];
  const morePages: number[] = [];
  let pagesShown = 0;
  const parentTree = objects.dict(objects.catalog?.['/StructTreeRoot'])?.['/ParentTree'];
  for (const [index, page] of objects.pages.entries()) {
    const pageNumber = index + 1;
    const pageFound: AccessFinding[] = [];
    const streams: Uint8Array[] = [];
    for (const ref of page.contents) {
      const stream = objects.stream(ref);
      if (stream === undefined) continue;
      if (stream.dict['/Filter'] !== undefined) {
        pageFound.push(
          finding('pdf/marked-content', `indholdet på side ${pageNumber} kan ikke afkodes: det kan ikke kontrolleres, om teksten er mærket`, pageNumber),
        );
        continue;
      }
      streams.push(stream.data);
    }
    const marking = checkPageMarking(streams, mcidLookup(objects, page, parentTree), propertyLookup(objects, page));
    pageFound.push(...pageFindings(marking, pageNumber));
    if (pageFound.length === 0) continue;
    if (pagesShown++ < PAGES_SHOWN) findings.push(...pageFound);
    else morePages.push(pageNumber);
  }
  if (morePages.length > 0) {
    findings.push(
      finding(
        'pdf/marked-content',
        `problemer med mærket indhold også på ${morePages.length} ${morePages.length === 1 ? 'side' : 'sider'} mere (side ${pageList(morePages)}): ` +
          'tekst eller grafik, som en skærmlæser springer over eller ikke kan placere i strukturen',
      ),
    );
  }
  return findings;
}

/** »7, 8, 9, 10, 11, 12, 13, 14, 15, 16 …«: the first ten page numbers. */
const pageList = (pages: readonly number[]) => `${pages.slice(0, 10).join(', ')}${pages.length > 10 ? ' …' : ''}`;

function mcidLookup(objects: PdfObjects, page: PdfPage, parentTree: PdfValue | undefined): (mcid: number) => boolean {
  const key = objects.resolve(page.dict['/StructParents']);
  const entry = typeof key === 'number' ? objects.array(parentTreeEntry(objects, parentTree, key)) : undefined;
  return (mcid) => {
    const element = objects.resolve(entry?.[mcid]);
    return element !== undefined && element !== null;
  };
}

export function propertyLookup(objects: PdfObjects, page: PdfPage): (name: string) => Map<string, Operand> | undefined {
  return (name) => {
    const resources = objects.dict(inherited(objects, page.dict, '/Resources'));
    const list = objects.dict(objects.dict(resources?.['/Properties'])?.[`/${name}`]);
    if (list === undefined) return undefined;
    const mcid = objects.resolve(list['/MCID']);
    return new Map<string, Operand>(typeof mcid === 'number' ? [['MCID', mcid]] : []);
  };
}

/** A page attribute, looked up through /Parent as the page tree inherits it. */
export function inherited(objects: PdfObjects, page: PdfDict, key: string): PdfValue | undefined {
  let node: PdfDict | undefined = page;
  for (let depth = 0; node !== undefined && depth < 64; depth++) {
    if (node[key] !== undefined) return node[key];
    node = objects.dict(node['/Parent']);
  }
  return undefined;
}

const examples = (places: readonly Place[]) =>
  places
    .slice(0, EXAMPLES)
    .map((p) => `strøm ${p.stream} byte ${p.offset}: »${p.text}«`)
    .join('; ');

const pieces = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function pageFindings(marking: PageMarking, page: number): AccessFinding[] {
  const out: AccessFinding[] = [];
  if (marking.unreadable !== undefined) {
    out.push(
      finding('pdf/marked-content', `indholdet på side ${page} kan ikke læses (${marking.unreadable}): det kan ikke kontrolleres, om teksten er mærket`, page),
    );
  }
  if (marking.untaggedText.length > 0) {
    out.push(
      finding(
        'pdf/marked-content',
        `tekst uden for mærket indhold på side ${page} (${pieces(marking.untaggedText.length, 'tekststykke', 'tekststykker')}, fx ${examples(marking.untaggedText)}): ` +
          'en skærmlæser springer den over eller læser den i forkert rækkefølge',
        page,
      ),
    );
  }
  if (marking.unknownMcid.length > 0) {
    const ids = [...new Set(marking.unknownMcid.map((p) => p.mcid))].slice(0, 5).join(', ');
    out.push(
      finding(
        'pdf/marked-content',
        `tekst på side ${page} er mærket med MCID ${ids}, som strukturtræet (ParentTree) ikke kender (${pieces(marking.unknownMcid.length, 'tekststykke', 'tekststykker')}): ` +
          'teksten hører ikke til noget element, så en skærmlæser finder den ikke',
        page,
      ),
    );
  }
  if (marking.unmarkedPainting.length > 0) {
    out.push(
      finding(
        'pdf/marked-content',
        `grafik uden for mærket indhold på side ${page} (${pieces(marking.unmarkedPainting.length, 'tegneoperation', 'tegneoperationer')}, fx ${examples(marking.unmarkedPainting)}): ` +
          'streger og billeder skal være artefakter eller en del af strukturen, ellers ved en skærmlæser ikke, om de betyder noget',
        page,
      ),
    );
  }
  if (marking.unbalanced.length > 0) {
    out.push(
      finding(
        'pdf/marked-content',
        `mærket indhold på side ${page} er ikke afbalanceret (${marking.unbalanced.slice(0, EXAMPLES).join('; ')}): strukturen kan ikke læses pålideligt`,
        page,
      ),
    );
  }
  return out;
}
