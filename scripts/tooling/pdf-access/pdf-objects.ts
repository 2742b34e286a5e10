/**
 * The PDF's objects as qpdf reads them (`qpdf --json`, JSON version 2, streams inline and
 * decoded as far as qpdf's generalized filters go). Names are `/Name`, strings `u:text` or
 * `b:hex`, references `12 0 R`; everything else is plain JSON.
 */
import { runTool } from './run-tool.ts';

export type PdfValue = null | boolean | number | string | PdfValue[] | { [key: string]: PdfValue };
export type PdfDict = Readonly<Record<string, PdfValue>>;

interface JsonObject {
  value?: PdfValue;
  stream?: { dict: Record<string, PdfValue>; data?: string };
}

interface QpdfJson {
  pages: { object: string; contents: string[] }[];
  qpdf: [unknown, Record<string, JsonObject>];
}

export interface PdfPage {
  /** The page dictionary. */
  dict: PdfDict;
  /** Its content streams in order (a single /Contents stream is a list of one). */
  contents: string[];
}

const REFERENCE = /^\d+ \d+ R$/;

export class PdfObjects {
  readonly #objects: Record<string, JsonObject>;
  readonly #streams = new Map<string, { dict: PdfDict; data: Buffer }>();
  readonly trailer: PdfDict;
  readonly pages: readonly PdfPage[];

  constructor(json: QpdfJson) {
    this.#objects = json.qpdf[1];
    this.trailer = asDict(this.#objects.trailer?.value) ?? {};
    this.pages = json.pages.map((page) => ({ dict: this.dict(page.object) ?? {}, contents: page.contents }));
  }

  /** The object a value refers to, or the value itself when it is not a reference. */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    let current = value;
    for (let depth = 0; depth < 32; depth++) {
      if (typeof current !== 'string' || !REFERENCE.test(current)) return current;
      const entry = this.#objects[`obj:${current}`];
      if (entry === undefined) return null;
      // A stream stays a reference: stream() reads it.
      if (entry.stream !== undefined) return current;
      current = entry.value ?? null;
    }
    return null;
  }

  dict(value: PdfValue | undefined): PdfDict | undefined {
    const resolved = this.resolve(value);
    if (typeof resolved === 'string') return this.stream(resolved)?.dict;
    return asDict(resolved);
  }

  array(value: PdfValue | undefined): readonly PdfValue[] | undefined {
    const resolved = this.resolve(value);
    return Array.isArray(resolved) ? resolved : undefined;
  }

  /** A stream by reference: its dictionary (without /Filter when qpdf decoded it) and data. */
  stream(value: PdfValue | undefined): { dict: PdfDict; data: Buffer } | undefined {
    const resolved = this.resolve(value);
    if (typeof resolved !== 'string' || !REFERENCE.test(resolved)) return undefined;
    // Decoded once: the checks read the same page contents, and parse them once (content-stream.ts).
    let decoded = this.#streams.get(resolved);
    if (decoded === undefined) {
      const entry = this.#objects[`obj:${resolved}`]?.stream;
      if (entry === undefined) return undefined;
      decoded = { dict: entry.dict, data: Buffer.from(entry.data ?? '', 'base64') };
      this.#streams.set(resolved, decoded);
    }
    return decoded;
  }

  get catalog(): PdfDict | undefined {
    return this.dict(this.trailer['/Root']);
  }
}

function asDict(value: PdfValue | undefined): PdfDict | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

/** A PDF text string (`u:` or `b:` in qpdf's JSON) as text; undefined for anything else. */
export function pdfString(value: PdfValue | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.startsWith('u:')) return value.slice(2);
  if (!value.startsWith('b:')) return undefined;
  const bytes = Buffer.from(value.slice(2), 'hex');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const utf16 = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return utf16.swap16().toString('utf16le');
  }
  return bytes.toString('latin1');
}

/** Reads a PDF's objects with qpdf. Throws with qpdf's message when the file is not a PDF qpdf can read. */
export async function readPdfObjects(pdfPath: string): Promise<PdfObjects> {
  const out = await runTool('qpdf', ['--json', '--json-key=qpdf', '--json-key=pages', '--json-stream-data=inline', '--decode-level=generalized', pdfPath]);
  // 0: clean; 3: warnings, output usable.
  if (out.code !== 0 && out.code !== 3) throw new Error(out.stderr.trim() || `qpdf afsluttede med ${out.code}`);
  return new PdfObjects(JSON.parse(out.stdout.toString('utf8')) as QpdfJson);
}
