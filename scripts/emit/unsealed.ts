/**
 * Honest provenance: the region's seal never vouches for text still to be written.
 *
 * A document that still has drafting notes (»Udestår …«, counted where render/drafting-notes.ts
 * marks them) is not sealed by a build that seals with the region's certificate. Its PDF is
 * written unsealed and says so under the title and where the seal line would be, and the
 * manifests say `sealed: false` and why. A build with the development certificate (.signing/,
 * never the region's seal; `--require-certificate` refuses it) seals drafts as before, so local
 * builds and their tests keep showing what the seal looks like.
 *
 * Why this and not »the publishing build fails«: every shipped document is a draft with notes
 * today, so failing would stop publishing altogether. Leaving them unsealed publishes them as
 * what they are. Why not a flag or a data field: the only way a document skips the seal is text
 * that says »Udestår«, which every reader of the document (and of a pull request's diff) sees.
 * An approved or signed agreement with a note is already refused by the check (tekst/udestaar).
 *
 * `npm run verify` accepts such a PDF only when the manifest beside it (a kommune's bundle
 * manifest) or above it (out/manifest.json) lists it as not sealed for this reason, with drafting
 * notes and with the file's own sha256 (manifestStatement below); any other unsealed PDF fails.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Content } from 'pdfmake/interfaces.js';
import { OUTPUT_MANIFEST } from './manifest-paths.ts';

/** Why a build left a PDF unsealed; the only reason there is. */
export const NOT_SEALED_REASON = 'udestaar';

/** A PDF left unsealed: how many drafting notes it (or, for a combined PDF, its members) has. */
export interface NotSealed {
  reason: typeof NOT_SEALED_REASON;
  draftingNotes: number;
}

/**
 * Whether a document's PDF with this many drafting notes is sealed with this certificate: not
 * with the region's (any certificate but the development one) while notes remain.
 */
export function notSealedFor(development: boolean, draftingNotes: number): NotSealed | null {
  return !development && draftingNotes > 0 ? { reason: NOT_SEALED_REASON, draftingNotes } : null;
}

/**
 * A combined PDF is unsealed exactly when one of its members is (their notes summed): it copies
 * the members' pages as they are, and its seal would otherwise vouch for pages their own
 * document's seal does not.
 */
export function combinedNotSealed(members: ReadonlyArray<{ notSealed?: NotSealed | null }>): NotSealed | null {
  const draftingNotes = members.reduce((n, m) => n + (m.notSealed?.draftingNotes ?? 0), 0);
  return draftingNotes > 0 ? { reason: NOT_SEALED_REASON, draftingNotes } : null;
}

/** »ét sted«, »3 steder«: how many drafting notes, as every notice says it. */
export const places = (n: number) => (n === 1 ? 'ét sted' : `${n} steder`);

/** The line a document shows instead of being sealed: »Ikke forseglet: udkastet har udestående tekst (Udestår, 3 steder)«. */
export function notSealedNotice(notSealed: NotSealed, draft: boolean): string {
  return `Ikke forseglet: ${draft ? 'udkastet' : 'dokumentet'} har udestående tekst (Udestår, ${places(notSealed.draftingNotes)})`;
}

/** The same for a combined PDF: »Ikke forseglet: 2 af 5 dokumenter har udestående tekst (Udestår)«. */
export function notSealedCombinedNotice(unsealedMembers: number, members: number): string {
  return `Ikke forseglet: ${unsealedMembers} af ${members} dokumenter har udestående tekst (Udestår)`;
}

/** What a member of a combined PDF says about itself in the contents list. */
export function notSealedMemberLine(notSealed: NotSealed): string {
  return `ikke forseglet, udestående tekst (Udestår, ${places(notSealed.draftingNotes)})`;
}

/** The title block's row for the notice. */
export const NOT_SEALED_LABEL = 'Forsegling';

/** The notice where the seal line would be: the last lines of the document. */
export function notSealedClosingLine(text: string): Content {
  return { text, style: 'sealLine', margin: [0, 24, 0, 0] };
}

/** What a manifest says about one PDF. */
interface ManifestStatement {
  /** The manifest file that lists the PDF. */
  manifest: string;
  sha256: string;
  /** The manifest says the build left it unsealed for drafting notes, and how many. */
  notSealed: NotSealed | null;
}

type ManifestCache = Map<string, unknown>;

/** Far above any manifest a build writes (a few hundred kB for 46 kommuner); a larger file is not one. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

function readManifest(file: string, cache: ManifestCache): unknown {
  if (!cache.has(file)) {
    let parsed: unknown = null;
    try {
      // Only a regular file: a FIFO or device named manifest.json must not stall verify.
      const info = statSync(file);
      if (info.isFile() && info.size <= MAX_MANIFEST_BYTES) parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      // No manifest here, or not one: the search goes on above.
    }
    cache.set(file, parsed);
  }
  return cache.get(file);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const notes = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0);

/** An entry of out/manifest.json (path relative to its folder) or of a kommune's bundle manifest (file name in its folder). */
function statementIn(manifest: unknown, relative: string): Omit<ManifestStatement, 'manifest'> | undefined {
  if (!isRecord(manifest) || !Array.isArray(manifest.files)) return undefined;
  const files = manifest.files.filter(isRecord);
  if (manifest.generator === 'aftaler') {
    const entry = files.find((e) => e.path === relative);
    if (!entry || typeof entry.sha256 !== 'string') return undefined;
    const unsealed = entry.sealed === false && entry.notSealedReason === NOT_SEALED_REASON && notes(entry.draftingNotes) > 0;
    return { sha256: entry.sha256, notSealed: unsealed ? { reason: NOT_SEALED_REASON, draftingNotes: notes(entry.draftingNotes) } : null };
  }
  if (isRecord(manifest.kommune) && !relative.includes('/')) {
    const entry = files.find((e) => e.file === relative);
    if (!entry || typeof entry.sha256 !== 'string') return undefined;
    const unsealed = entry.forseglet === false && notes(entry.udestaar) > 0;
    return { sha256: entry.sha256, notSealed: unsealed ? { reason: NOT_SEALED_REASON, draftingNotes: notes(entry.udestaar) } : null };
  }
  return undefined;
}

/**
 * The nearest manifest that lists `pdf`: a bundle manifest in its own folder, else a build's
 * manifest in a folder above it (out/manifest.json lists `kommuner/316-holbaek/x.pdf`). Only a
 * manifest that names the file counts; undefined when none does.
 */
export function manifestStatement(pdf: string, cache: ManifestCache = new Map()): ManifestStatement | undefined {
  const file = path.resolve(pdf);
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, OUTPUT_MANIFEST);
    const found = statementIn(readManifest(manifest, cache), path.relative(dir, file).split(path.sep).join('/'));
    if (found) return { manifest, ...found };
    if (path.dirname(dir) === dir) return undefined;
  }
}
