/**
 * Whether the font-sharing layer (shared-fonts.ts) may run in this process: the environment can
 * turn it off, and it turns itself off when pdfmake or fontkit no longer has the private members
 * it patches and reads, in the shape it expects. Off means plain pdfmake rendering: slower, but
 * the same bytes (tests/emit-pdf/shared-fonts.test.ts compares them).
 *
 * The checks look at a handful of properties, once per thread: cheap enough to run on every
 * start. They cannot prove fontkit still behaves as before (the pin in package.json is for
 * that); they catch an upgrade that renamed or reshaped a member, which would otherwise crash
 * mid-build or, worse, share state that is no longer pure.
 */
import { openSync, closeSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FONT_SHARING_ENV = 'AFTALER_FONT_SHARING';

export type FontSharing = { on: true } | { on: false; reason?: string };

/** `AFTALER_FONT_SHARING=0` turns sharing off (for comparisons and as an escape hatch). */
export function sharingWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[FONT_SHARING_ENV]?.trim() !== '0';
}

type Shape = 'function' | 'object' | 'method' | 'own object' | 'object or null';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The first member of `owner` that lacks its expected shape, as a short Danish phrase. */
function shapeProblem(name: string, owner: unknown, members: Record<string, Shape>): string | undefined {
  if (!isObject(owner) && typeof owner !== 'function') return `${name} mangler`;
  const record = owner as Record<string, unknown>;
  for (const [member, shape] of Object.entries(members)) {
    const value = record[member];
    const where = `${name}.${member}`;
    if (value === undefined) return `${where} mangler`;
    switch (shape) {
      case 'function':
        if (typeof value !== 'function') return `${where} er ikke en funktion`;
        break;
      case 'method':
        // The shaping recorder shadows it with an own property and deletes that afterwards,
        // which restores the original only if the original lives on the prototype.
        if (typeof value !== 'function') return `${where} er ikke en funktion`;
        if (Object.hasOwn(record, member)) return `${where} er ikke en metode på prototypen`;
        break;
      case 'object':
        if (!isObject(value)) return `${where} er ikke et objekt`;
        break;
      case 'own object':
        // The table store is swapped by assignment: it must be a plain data property.
        if (!isObject(value) || !Object.hasOwn(record, member) || Object.getOwnPropertyDescriptor(record, member)!.get) {
          return `${where} er ikke et almindeligt objekt på fonten`;
        }
        break;
      case 'object or null':
        if (value !== null && !isObject(value)) return `${where} er hverken et objekt eller null`;
        break;
    }
  }
  return undefined;
}

/** What is wrong with pdfmake's PDFDocument class for the sharing layer, if anything. */
export function pdfmakeProblem(documentClass: unknown): string | undefined {
  return (
    shapeProblem('pdfmake/js/PDFDocument.js', documentClass, { prototype: 'object' }) ??
    shapeProblem('PDFDocument', (documentClass as { prototype: unknown }).prototype, {
      provideFont: 'function',
      getFontType: 'function',
      getFontFile: 'function',
    })
  );
}

/** What is wrong with a pdfmake document (an instance: these members are made by its constructor). */
export function pdfmakeDocumentProblem(document: unknown): string | undefined {
  return (
    shapeProblem('PDFDocument', document, { fontCache: 'object', virtualfs: 'object or null' }) ??
    ((document as { virtualfs: unknown }).virtualfs === null
      ? undefined
      : shapeProblem('PDFDocument.virtualfs', (document as { virtualfs: unknown }).virtualfs, { existsSync: 'function', readFileSync: 'function' }))
  );
}

/** What is wrong with the embedded font pdfmake's `provideFont` returned, and its fontkit font. */
export function embeddedFontProblem(embedded: unknown): string | undefined {
  return (
    shapeProblem('pdfkit-fonten', embedded, { font: 'object' }) ??
    shapeProblem('fontkit-fonten', (embedded as { font: unknown }).font, {
      _tables: 'own object',
      layout: 'function',
      glyphsForString: 'function',
      getGlyph: 'method',
    })
  );
}

export function sharingOffWarning(reason: string): string {
  return (
    `Advarsel: fontdelingen er slået fra, fordi pdfmake/fontkit ikke har den forventede form (${reason}); ` + 'dokumenterne dannes langsommere, men ens.\n'
  );
}

/** Identifies this process for its lifetime: pid and start time (Linux), else the pid alone. */
function processKey(): string {
  try {
    // Field 22 of /proc/self/stat, after the parenthesised command name (which may hold spaces).
    const stat = readFileSync('/proc/self/stat', 'utf8');
    return `${process.pid}-${stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? ''}`;
  } catch {
    return String(process.pid);
  }
}

/**
 * Prints the warning once per process, though every rendering thread finds the same problem on
 * its own. Threads share no memory this module could reach without the worker pool's help; an
 * exclusive create of a file named after the process is a test-and-set they all can reach. The
 * empty file stays in the temporary folder (worker threads get no exit hook when terminated);
 * it is only ever made when sharing is broken.
 */
export function warnSharingOff(reason: string, stderr: NodeJS.WritableStream = process.stderr): void {
  try {
    closeSync(openSync(join(tmpdir(), `aftaler-fontdeling-${processKey()}.advarsel`), 'wx'));
  } catch (error) {
    // Another thread of this process has warned already; any other failure still warns.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
  }
  stderr.write(sharingOffWarning(reason));
}
