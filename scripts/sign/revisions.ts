/**
 * A sealed PDF that others have signed after us: our seal covers the first revision, and each
 * signer's tool appends an incremental update (ISO 32000-1 § 7.5.6) with its signature. An
 * update can change anything, so each one is read object by object and held to what adding a
 * signature needs:
 *
 * - new objects: any (a signature dictionary, its widget and appearance, DSS/VRI data);
 * - the catalog: only /AcroForm, /DSS, /Perms and /Extensions may change;
 * - the AcroForm: only /Fields (old fields kept, new ones signature fields), /SigFlags, /DR, /DA;
 *   never /XFA or /NeedAppearances (either makes a viewer draw the page differently);
 * - a page: only /Annots (old annotations kept, new ones signature widgets);
 * - the information dictionary: only /ModDate, /Producer and /Creator; the XMP metadata stream;
 * - everything else (content streams, fonts, images, the page tree, our seal) must stay
 *   exactly as it was, and no object may be deleted or pointed back at older bytes.
 *
 * That rules out the incremental-update attacks (new page content, a changed page, a new
 * xref pointing at other bytes) and the shadow attacks that hide or replace content through
 * an update (Mainka et al., "Shadow Attacks", NDSS 2021). Cross-reference streams and object
 * streams in an update are refused: this reader does not decompress them, and a refusal with
 * a reason is better than a check that reads less than a viewer does.
 */
import { parsePdfDate } from './pdf-date.ts';
import { derLength } from './pdf-signature.ts';
import {
  canonical,
  dictOf,
  type IndirectObject,
  nameOf,
  type PdfDict,
  PdfReader,
  PdfSyntaxError,
  type PdfValue,
  refOf,
  textOf,
  type XrefSection,
} from './pdf-objects.ts';

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/;

interface LaterSignature {
  /** 2 for the first update after the seal, and so on. */
  revision: number;
  /** The signature dictionary's object number. */
  object: number;
  byteRange: readonly [number, number, number, number];
  /** The DER CMS from /Contents, without the zero padding. */
  cms: Uint8Array<ArrayBuffer>;
  signedContent: Uint8Array<ArrayBuffer>;
  subFilter: string | null;
  /** /Name, /Reason and /M from the signature dictionary. */
  name: string | null;
  reason: string | null;
  signingTime: Date | null;
}

export type RevisionAnalysis =
  | {
      ok: true;
      /** Where the first revision (what our seal covers) ends. */
      sealEnd: number;
      /** Number of revisions, the sealed one included. */
      revisions: number;
      signatures: LaterSignature[];
    }
  | { ok: false; reason: string; sealEnd?: number };

/** The end of the first signature's ByteRange: the first revision, when our seal is the first signature. */
export function firstRevisionEnd(pdf: Buffer): number | undefined {
  const match = BYTE_RANGE.exec(pdf.toString('latin1'));
  if (!match) return undefined;
  const end = Number(match[3]) + Number(match[4]);
  return Number.isSafeInteger(end) && end > 0 && end <= pdf.length ? end : undefined;
}

interface Slot {
  offset: number;
  gen: number;
}

/** Which objects are in use after a revision, where each one is, and how to read it. */
class RevisionState {
  readonly #cache = new Map<number, IndirectObject>();

  constructor(
    readonly pdf: Buffer,
    readonly slots: ReadonlyMap<number, Slot>,
    readonly trailer: PdfDict,
    readonly xrefStart: number,
  ) {}

  object(num: number): IndirectObject | undefined {
    const slot = this.slots.get(num);
    if (!slot) return undefined;
    const cached = this.#cache.get(slot.offset);
    if (cached) return cached;
    const reader = new PdfReader(this.pdf, slot.offset);
    const parsed = reader.indirectObject((ref) => this.lengthOf(ref.num));
    if (parsed.num !== num || parsed.gen !== slot.gen) throw new PdfSyntaxError(`krydsreferencen for objekt ${num} peger på et andet objekt`, slot.offset);
    this.#cache.set(slot.offset, parsed);
    return parsed;
  }

  /** A value with one level of indirection followed. */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    const num = refOf(value);
    return num === undefined ? value : this.object(num)?.value;
  }

  private lengthOf(num: number): number | undefined {
    const value = this.object(num)?.value;
    return value?.type === 'number' ? value.value : undefined;
  }

  get root(): number | undefined {
    return refOf(this.trailer.entries.get('Root'));
  }

  catalog(): PdfDict | undefined {
    const root = this.root;
    return root === undefined ? undefined : dictOf(this.object(root)?.value);
  }
}

/** What each object is in a revision, for the rules and the messages. */
interface Roles {
  pages: Set<number>;
  contents: Set<number>;
  annotsArrays: Set<number>;
  acroForm: number | undefined;
  fieldsArray: number | undefined;
  info: number | undefined;
  infoValues: Set<number>;
  metadata: number | undefined;
}

const CATALOG_MAY_CHANGE = new Set(['AcroForm', 'DSS', 'Perms', 'Extensions']);
const ACROFORM_MAY_CHANGE = new Set(['Fields', 'SigFlags', 'DR', 'DA']);
const PAGE_MAY_CHANGE = new Set(['Annots']);
const INFO_MAY_CHANGE = new Set(['ModDate', 'Producer', 'Creator']);
const MAX_PAGE_TREE_NODES = 100_000;

/** Refusal of one revision, as one Danish line (the caller adds the file name). */
class Refusal extends Error {}

export function analyseRevisions(pdf: Buffer): RevisionAnalysis {
  const sealEnd = firstRevisionEnd(pdf);
  if (sealEnd === undefined) return { ok: false, reason: 'filen har ingen forsegling (ingen /ByteRange).' };
  try {
    let state = firstState(pdf, sealEnd);
    const signatures: LaterSignature[] = [];
    let position = sealEnd;
    let revision = 1;
    while (skipWhitespace(pdf, position) < pdf.length) {
      revision++;
      const update = readUpdate(pdf, position, revision);
      const next = applyUpdate(state, update, revision);
      checkChanges(state, next, update, revision);
      signatures.push(...updateSignatures(pdf, update, revision));
      state = next;
      position = update.end;
    }
    return { ok: true, sealEnd, revisions: revision, signatures };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.message, sealEnd };
    if (error instanceof PdfSyntaxError) return { ok: false, reason: `filen kan ikke læses ved byte ${error.offset}: ${error.message}.`, sealEnd };
    throw error;
  }
}

function skipWhitespace(pdf: Buffer, position: number): number {
  let at = position;
  while (at < pdf.length && [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20].includes(pdf[at]!)) at++;
  return at;
}

/** The sealed revision's objects, from its cross-reference table(s). */
function firstState(pdf: Buffer, sealEnd: number): RevisionState {
  const text = pdf.toString('latin1', 0, sealEnd);
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-64));
  if (!startxref) throw new Refusal('den forseglede revision slutter ikke med startxref og %%EOF.');
  const first = Number(startxref[1]);
  const slots = new Map<number, Slot>();
  let trailer: PdfDict | undefined;
  const seen = new Set<number>();
  for (let at: number | undefined = first; at !== undefined;) {
    if (seen.has(at) || at >= sealEnd) throw new Refusal('den forseglede revisions krydsreferencer er ugyldige.');
    seen.add(at);
    const section = new PdfReader(pdf, at).xrefSection();
    trailer ??= section.trailer;
    for (const [num, entry] of section.entries) if (!slots.has(num) && entry.inUse) slots.set(num, { offset: entry.offset, gen: entry.gen });
    const prev = section.trailer.entries.get('Prev');
    at = prev?.type === 'number' ? prev.value : undefined;
  }
  if (!trailer) throw new Refusal('den forseglede revision har ingen trailer.');
  return new RevisionState(pdf, slots, trailer, first);
}

interface Update {
  start: number;
  end: number;
  /** After "%%EOF", before any end-of-line. */
  eofEnd: number;
  objects: IndirectObject[];
  xref: XrefSection;
}

/** One incremental update: objects, a cross-reference table, trailer, startxref, %%EOF. */
function readUpdate(pdf: Buffer, start: number, revision: number): Update {
  const reader = new PdfReader(pdf, start);
  const objects: IndirectObject[] = [];
  for (;;) {
    reader.skip();
    if (reader.pos >= pdf.length) throw new Refusal(`revision ${revision} slutter uden krydsreferencetabel og %%EOF.`);
    const word = reader.peekWord();
    if (word === 'xref') break;
    if (!/^\d+$/.test(word)) throw new Refusal(`revision ${revision} kan ikke læses ved byte ${reader.pos} (hverken et objekt eller en krydsreferencetabel).`);
    const object = reader.indirectObject((ref) => lengthInUpdate(pdf, reader.pos, ref.num, ref.gen));
    if (dictOf(object.value)?.entries.get('Type')?.type === 'name') {
      const type = nameOf(dictOf(object.value)?.entries.get('Type'));
      if (type === 'XRef' || type === 'ObjStm') {
        throw new Refusal(
          `revision ${revision} bruger komprimerede krydsreferencer eller objektstrømme (objekt ${object.num} ${object.gen} R), som ikke kan kontrolleres.`,
        );
      }
    }
    objects.push(object);
  }
  const xref = reader.xrefSection();
  reader.expectWord('startxref');
  const startxref = reader.integer();
  if (startxref !== xref.start) throw new Refusal(`revision ${revision}: startxref peger ikke på revisionens krydsreferencetabel.`);
  const eofAt = skipWhitespace(pdf, reader.pos);
  if (pdf.toString('latin1', eofAt, eofAt + 5) !== '%%EOF') throw new Refusal(`revision ${revision} slutter ikke med %%EOF.`);
  const eofEnd = eofAt + 5;
  let end = eofEnd;
  if (pdf[end] === 0x0d) end++;
  if (pdf[end] === 0x0a) end++;
  return { start, end, eofEnd, objects, xref };
}

/** An indirect /Length defined later in the same update ("12 0 obj 345 endobj"). */
function lengthInUpdate(pdf: Buffer, from: number, num: number, gen: number): number | undefined {
  const match = new RegExp(`(?:^|[\\s>\\]])${num}\\s+${gen}\\s+obj\\s*(\\d+)\\s*endobj`).exec(pdf.toString('latin1', from));
  return match ? Number(match[1]) : undefined;
}

/** The objects in use after the update; refuses deletions and entries that point at other bytes. */
function applyUpdate(previous: RevisionState, update: Update, revision: number): RevisionState {
  const byStart = new Map<number, IndirectObject>();
  for (const object of update.objects) {
    if (update.objects.some((other) => other !== object && other.num === object.num)) {
      throw new Refusal(`revision ${revision} definerer objekt ${object.num} to gange.`);
    }
    byStart.set(object.start, object);
  }
  const slots = new Map(previous.slots);
  const listed = new Set<IndirectObject>();
  for (const [num, entry] of update.xref.entries) {
    if (!entry.inUse) {
      if (num !== 0 && previous.slots.has(num)) throw new Refusal(`revision ${revision} sletter objekt ${num} ${entry.gen} R.`);
      continue;
    }
    if (entry.offset >= update.start) {
      const object = byStart.get(entry.offset);
      if (object?.num !== num || object.gen !== entry.gen) {
        throw new Refusal(`revision ${revision}: krydsreferencen for objekt ${num} ${entry.gen} R peger ikke på objektet.`);
      }
      listed.add(object);
      slots.set(num, { offset: entry.offset, gen: entry.gen });
    } else {
      const before = previous.slots.get(num);
      if (before?.offset !== entry.offset || before.gen !== entry.gen) {
        throw new Refusal(`revision ${revision} ændrer indhold (objekt ${num} ${entry.gen} R peger på andre, ældre bytes).`);
      }
    }
  }
  const unlisted = update.objects.find((object) => !listed.has(object));
  if (unlisted) throw new Refusal(`revision ${revision}: objekt ${unlisted.num} ${unlisted.gen} R står ikke i krydsreferencetabellen.`);

  const trailer = update.xref.trailer;
  const same = (key: string) => canonical(trailer.entries.get(key)) === canonical(previous.trailer.entries.get(key));
  if (!same('Root')) throw new Refusal(`revision ${revision} ændrer indhold (et nyt dokumentkatalog i trailer /Root).`);
  if (trailer.entries.has('Info') && !same('Info')) throw new Refusal(`revision ${revision} ændrer indhold (nye dokumentoplysninger i trailer /Info).`);
  if (trailer.entries.has('Encrypt')) throw new Refusal(`revision ${revision} krypterer dokumentet.`);
  const prev = trailer.entries.get('Prev');
  if (prev?.type !== 'number' || prev.value !== previous.xrefStart) {
    throw new Refusal(`revision ${revision}: trailerens /Prev peger ikke på den forrige revisions krydsreferencer.`);
  }
  return new RevisionState(previous.pdf, slots, trailer, update.xref.start);
}

function roles(state: RevisionState): Roles {
  const result: Roles = {
    pages: new Set(),
    contents: new Set(),
    annotsArrays: new Set(),
    acroForm: undefined,
    fieldsArray: undefined,
    info: refOf(state.trailer.entries.get('Info')),
    infoValues: new Set(),
    metadata: undefined,
  };
  const catalog = state.catalog();
  if (!catalog) throw new Refusal('dokumentkataloget (trailer /Root) kan ikke findes.');
  result.metadata = refOf(catalog.entries.get('Metadata'));
  result.acroForm = refOf(catalog.entries.get('AcroForm'));
  result.fieldsArray = refOf(dictOf(state.resolve(catalog.entries.get('AcroForm')))?.entries.get('Fields'));
  const info = result.info === undefined ? undefined : dictOf(state.object(result.info)?.value);
  for (const key of INFO_MAY_CHANGE) {
    const num = refOf(info?.entries.get(key));
    if (num !== undefined) result.infoValues.add(num);
  }
  const stack: PdfValue[] = [catalog.entries.get('Pages') ?? { type: 'null' }];
  const visited = new Set<number>();
  while (stack.length > 0) {
    const node = stack.pop();
    const num = refOf(node);
    if (num === undefined || visited.has(num)) continue;
    if (visited.size > MAX_PAGE_TREE_NODES) throw new Refusal('sidetræet er for stort.');
    visited.add(num);
    const dict = dictOf(state.object(num)?.value);
    if (!dict) continue;
    const kids = dict.entries.get('Kids');
    if (kids?.type === 'array') stack.push(...kids.items);
    if (nameOf(dict.entries.get('Type')) !== 'Page') continue;
    result.pages.add(num);
    const contents = dict.entries.get('Contents');
    for (const item of contents?.type === 'array' ? contents.items : [contents]) {
      const ref = refOf(item);
      if (ref !== undefined) result.contents.add(ref);
    }
    const annots = refOf(dict.entries.get('Annots'));
    if (annots !== undefined) result.annotsArrays.add(annots);
  }
  return result;
}

/** What an object is, in the words of a refusal. */
function roleOf(state: RevisionState, r: Roles, num: number): string {
  if (r.contents.has(num)) return 'sideindhold';
  if (r.pages.has(num)) return 'side';
  if (num === state.root) return 'dokumentkatalog';
  if (num === r.acroForm) return 'formularfelter';
  const dict = dictOf(state.object(num)?.value);
  const type = nameOf(dict?.entries.get('Type'));
  const subtype = nameOf(dict?.entries.get('Subtype'));
  if (type === 'Pages') return 'sidetræ';
  if (type === 'Font' || type === 'FontDescriptor' || dict?.entries.has('Length1')) return 'skrifttype';
  if (type === 'XObject' || subtype === 'Image' || subtype === 'Form') return 'billede eller tegning';
  if (type === 'Sig') return 'signatur';
  if (type === 'Annot' || subtype === 'Widget') return 'annotering';
  if (type === 'ExtGState') return 'grafiktilstand';
  return 'andet indhold';
}

function sameObject(a: IndirectObject | undefined, b: IndirectObject | undefined): boolean {
  if (!a || !b) return a === b;
  return canonical(a.value) === canonical(b.value) && (a.stream === undefined) === (b.stream === undefined) && (!a.stream || a.stream.equals(b.stream!));
}

function checkChanges(before: RevisionState, after: RevisionState, update: Update, revision: number): void {
  const old = roles(before);
  const changed = (num: number) => ` (objekt ${num} ${before.slots.get(num)?.gen ?? 0} R, ${roleOf(before, old, num)})`;
  const refuse = (num: number, what = ''): never => {
    throw new Refusal(`revision ${revision} ændrer indhold${changed(num).slice(0, -1)}${what}).`);
  };
  const allowed = new Set<number>([...old.pages, ...old.annotsArrays, ...old.infoValues]);
  for (const num of [before.root, old.acroForm, old.fieldsArray, old.info, old.metadata]) if (num !== undefined) allowed.add(num);
  for (const object of update.objects) {
    if (!before.slots.has(object.num)) continue;
    if (sameObject(before.object(object.num), object)) continue;
    if (!allowed.has(object.num)) refuse(object.num);
  }

  // The semantic checks, on the resolved values, so an inline dictionary and an indirect one are alike.
  const catalogBefore = before.catalog()!;
  const catalogAfter = after.catalog();
  if (!catalogAfter) throw new Refusal(`revision ${revision} ændrer indhold (dokumentkataloget kan ikke læses).`);
  const root = before.root!;
  const key = changedKey(catalogBefore, catalogAfter, CATALOG_MAY_CHANGE);
  if (key !== undefined) refuse(root, `: /${key}`);

  const formBefore = dictOf(before.resolve(catalogBefore.entries.get('AcroForm')));
  const formAfter = dictOf(after.resolve(catalogAfter.entries.get('AcroForm')));
  const formNum = old.acroForm ?? root;
  if (formBefore && !formAfter) refuse(formNum, ': formularfelterne er fjernet');
  if (formAfter) {
    const formKey = changedKey(formBefore ?? { type: 'dict', entries: new Map() }, formAfter, ACROFORM_MAY_CHANGE);
    if (formKey !== undefined) refuse(formNum, `: /${formKey}`);
    if (formAfter.entries.has('XFA')) refuse(formNum, ': XFA-formular');
    const needAppearances = formAfter.entries.get('NeedAppearances');
    if (needAppearances?.type === 'boolean' && needAppearances.value) refuse(formNum, ': /NeedAppearances');
    checkAdded(before, after, formBefore?.entries.get('Fields'), formAfter.entries.get('Fields'), 'field', () => refuse(formNum, ': /Fields'));
  }

  for (const page of old.pages) {
    const pageBefore = dictOf(before.object(page)?.value);
    const pageAfter = dictOf(after.object(page)?.value);
    if (!pageBefore || !pageAfter) refuse(page);
    const pageKey = changedKey(pageBefore!, pageAfter!, PAGE_MAY_CHANGE);
    if (pageKey !== undefined) refuse(page, `: /${pageKey}`);
    checkAdded(before, after, pageBefore!.entries.get('Annots'), pageAfter!.entries.get('Annots'), 'widget', () =>
      refuse(page, ': en annotering, der ikke er et signaturfelt'),
    );
  }

  if (old.info !== undefined) {
    const infoBefore = dictOf(before.object(old.info)?.value);
    const infoAfter = dictOf(after.object(old.info)?.value);
    const infoKey = infoBefore && infoAfter ? changedKey(infoBefore, infoAfter, INFO_MAY_CHANGE) : undefined;
    if (infoKey !== undefined) refuse(old.info, `: dokumentoplysningen /${infoKey}`);
  }
}

/** The first key (sorted) whose value differs between the two dictionaries, other than the allowed ones. */
function changedKey(before: PdfDict, after: PdfDict, mayChange: ReadonlySet<string>): string | undefined {
  const keys = [...new Set([...before.entries.keys(), ...after.entries.keys()])].sort();
  return keys.find((key) => !mayChange.has(key) && canonical(before.entries.get(key)) !== canonical(after.entries.get(key)));
}

/**
 * An array of annotations or fields may only grow, and what it gains must be signature fields
 * (for /Annots: their widgets) that this update added.
 */
function checkAdded(
  before: RevisionState,
  after: RevisionState,
  oldValue: PdfValue | undefined,
  newValue: PdfValue | undefined,
  kind: 'field' | 'widget',
  refuse: () => never,
): void {
  const oldItems = itemsOf(before, oldValue);
  const newItems = itemsOf(after, newValue);
  if (oldItems === undefined || newItems === undefined) refuse();
  const remaining = newItems.map(canonical);
  for (const item of oldItems) {
    const at = remaining.indexOf(canonical(item));
    if (at < 0) refuse();
    remaining.splice(at, 1);
  }
  for (const item of newItems) {
    if (oldItems.some((o) => canonical(o) === canonical(item))) continue;
    const num = refOf(item);
    if (num === undefined || before.slots.has(num) || !isSignatureField(after, num, kind)) refuse();
  }
}

/** An absent array is empty; anything else that is not an array is undefined. */
function itemsOf(state: RevisionState, value: PdfValue | undefined): PdfValue[] | undefined {
  if (value === undefined) return [];
  const resolved = state.resolve(value);
  return resolved?.type === 'array' ? resolved.items : undefined;
}

function isSignatureField(state: RevisionState, num: number, kind: 'field' | 'widget'): boolean {
  const dict = dictOf(state.object(num)?.value);
  if (!dict) return false;
  if (kind === 'widget' && nameOf(dict.entries.get('Subtype')) !== 'Widget') return false;
  const parent = dictOf(state.resolve(dict.entries.get('Parent')));
  return nameOf(dict.entries.get('FT') ?? parent?.entries.get('FT')) === 'Sig';
}

/** The signatures an update adds, each checked to cover the file up to the end of this revision. */
function updateSignatures(pdf: Buffer, update: Update, revision: number): LaterSignature[] {
  const found: LaterSignature[] = [];
  for (const object of update.objects) {
    const dict = dictOf(object.value);
    const type = nameOf(dict?.entries.get('Type'));
    if (!dict || (type !== 'Sig' && type !== 'DocTimeStamp' && !dict.entries.has('ByteRange'))) continue;
    const where = `revision ${revision}, signatur i objekt ${object.num} ${object.gen} R`;
    const subFilter = nameOf(dict.entries.get('SubFilter')) ?? null;
    if (type === 'DocTimeStamp' || subFilter === 'ETSI.RFC3161') throw new Refusal(`${where}: dokumenttidsstempler understøttes ikke.`);
    const range = dict.entries.get('ByteRange');
    const numbers = range?.type === 'array' ? range.items.map((item) => (item.type === 'number' ? item.value : NaN)) : [];
    const contents = dict.entries.get('Contents');
    if (numbers.length !== 4 || numbers.some((n) => !Number.isSafeInteger(n)) || contents?.type !== 'string' || !contents.hex) {
      throw new Refusal(`${where}: /ByteRange eller /Contents mangler eller er forkert.`);
    }
    const [start, firstLength, gapEnd, secondLength] = numbers as [number, number, number, number];
    const end = gapEnd + secondLength;
    if (start !== 0 || firstLength !== contents.start || gapEnd !== contents.end) {
      throw new Refusal(`${where}: ByteRange udelader andet end signaturværdien.`);
    }
    if (end !== update.end && end !== update.eofEnd) {
      throw new Refusal(`${where}: ByteRange dækker ikke filen til og med revisionens %%EOF.`);
    }
    const cmsLength = derLength(contents.bytes);
    if (cmsLength === null) throw new Refusal(`${where}: signaturværdien er ikke en gyldig CMS-struktur.`);
    if (contents.bytes.subarray(cmsLength).some((byte) => byte !== 0)) throw new Refusal(`${where}: signaturfeltet indeholder data ud over selve signaturen.`);
    const time = textOf(dict.entries.get('M'));
    found.push({
      revision,
      object: object.num,
      byteRange: [start, firstLength, gapEnd, secondLength],
      cms: new Uint8Array(contents.bytes.subarray(0, cmsLength)),
      signedContent: new Uint8Array(Buffer.concat([pdf.subarray(0, firstLength), pdf.subarray(gapEnd, end)])),
      subFilter,
      name: textOf(dict.entries.get('Name')) ?? null,
      reason: textOf(dict.entries.get('Reason')) ?? null,
      signingTime: time === undefined ? null : parsePdfDate(time),
    });
  }
  return found;
}
