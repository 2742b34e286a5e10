/**
 * npm run modtag: a kommune has signed our sealed PDF in its own tool, which appended its
 * signature as an incremental update. Checks that the file's first revision is byte for byte
 * the sealed output of one document in out/, that every later revision only adds signatures,
 * and that each signature verifies; then records each new signer in the document's YAML, as
 * an ordinary change for review. Every refusal is one Danish line; the YAML is then untouched.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, parseDocument, Document, type Node as YamlNode } from 'yaml';
import { todayInDenmark } from '../basics/today.ts';
import { OUTPUT_MANIFEST, unsafeManifestPath } from '../emit/manifest-paths.ts';
import { sha256, type ManifestEntry } from '../emit/manifest.ts';
import { kindOf } from '../kinds/index.ts';
import { missingSignatures, partyLabel } from '../kinds/lifecycle.ts';
import { loadRepository } from '../load/load-repository.ts';
import { Repository } from '../model/repository.ts';
import type { SigningParty, Underskrift, Underskrifter } from '../model/types.ts';
import { printable, subjectCommonNameOrNull, subjectTitle } from '../sign/certificates.ts';
import { PdfReader } from '../sign/pdf-objects.ts';
import { analyseRevisions, firstRevisionEnd } from '../sign/revisions.ts';
import { checkCms } from '../sign/verify-cms.ts';
import { compileValidators } from '../validate/schemas.ts';
import { writeFileAtomic } from './atomic-write.ts';

export interface ModtagOptions {
  root: string;
  /** The build output folder (absolute). */
  outDir: string;
  file: string;
  dokument?: string;
  titel?: string;
  part: SigningParty;
}

/** A refusal about the file or the data: one line, exit 1. */
export class ModtagRefusal extends Error {}
/** Something the caller must add (--titel): exit 2. */
export class ModtagUsage extends Error {}

export interface ModtagResult {
  id: string;
  yamlFile: string;
  added: Underskrift[];
  alreadyPresent: Underskrift[];
  lines: string[];
}

export async function modtag(options: ModtagOptions): Promise<ModtagResult> {
  const shown = options.file;
  const refuse = (what: string): never => {
    throw new ModtagRefusal(`${shown}: ${what}`);
  };
  let bytes: Buffer;
  try {
    bytes = readFileSync(options.file);
  } catch {
    return refuse('filen kan ikke læses.');
  }
  const sealEnd = firstRevisionEnd(bytes);
  if (sealEnd === undefined) return refuse('filen har ingen forsegling (ingen /ByteRange).');
  const first = bytes.subarray(0, sealEnd);

  const entries = readManifest(options.outDir, refuse);
  const id = options.dokument ?? identify(options, entries, first, refuse);
  const sealed = sealedOutput(options.outDir, entries, id, first, refuse);
  if (!first.equals(sealed)) {
    return refuse(`første revision afviger fra den forseglede udgave af ${id} (byte ${firstDifference(first, sealed)}).`);
  }

  const analysis = analyseRevisions(bytes);
  if (!analysis.ok) return refuse(analysis.reason);
  if (analysis.signatures.length === 0) return refuse('filen har ingen underskrifter ud over regionens forsegling.');

  const signers: Underskrift[] = [];
  for (const [i, signature] of analysis.signatures.entries()) {
    const number = i + 2;
    const cms = await checkCms(signature.cms, signature.signedContent, { validationTime: signature.signingTime ?? new Date(), profile: 'cms' });
    if (cms.reasons.length > 0) return refuse(`signatur ${number} (revision ${signature.revision}) er ugyldig: ${cms.reasons.join(' ').replace(/\.$/, '')}.`);
    const certificate = cms.signerCertificate;
    const navn = (certificate ? subjectCommonNameOrNull(certificate) : null) ?? signature.name;
    if (navn === null || navn.trim() === '') return refuse(`signatur ${number} har hverken et navn i certifikatet (CN) eller i signaturen (/Name).`);
    const when = cms.cmsSigningTime ?? signature.signingTime;
    if (when === null) return refuse(`signatur ${number} har intet signeringstidspunkt.`);
    const titel = (certificate ? subjectTitle(certificate) : null) ?? options.titel;
    if (titel === undefined || titel.trim() === '') {
      throw new ModtagUsage(`${shown}: signatur ${number} (${printable(navn)}) har ingen titel i certifikatet; angiv den med --titel TITEL`);
    }
    signers.push({
      navn: printable(navn).trim(),
      titel: printable(titel).trim(),
      dato: todayInDenmark(when),
      kilde: `modtaget PDF ${path.basename(options.file)}, signatur ${number}`,
    });
  }

  const load = await loadRepository(options.root, compileValidators(options.root), { parseCache: null });
  const repo = new Repository(load.documents, load.brokenIds);
  const doc = repo.byId(id);
  if (!doc) return refuse(`dokumentet ${id} findes ikke under agreements/ (eller har fejl; kør npm run check).`);
  const agreement = kindOf(doc).agreement;
  if (!agreement) return refuse(`${id} er ikke en aftale, som parterne underskriver.`);
  const current = agreement.signatures(doc);
  const have = current?.[options.part] ?? [];
  const added = signers.filter(
    (s, i) => !have.some((h) => h.navn === s.navn && h.dato === s.dato) && signers.findIndex((o) => o.navn === s.navn && o.dato === s.dato) === i,
  );
  const alreadyPresent = signers.filter((s) => !added.includes(s));

  const yamlFile = path.join(options.root, doc.file);
  const updated: Underskrifter = { region: current?.region ?? [], kommune: current?.kommune ?? [] };
  updated[options.part] = [...have, ...added];
  if (added.length > 0) writeFileAtomic(yamlFile, withSigners(readFileSync(yamlFile, 'utf8'), options.part, added, refuse));

  const lines = [
    ...added.map((s) => `✔ ${s.navn} (${s.titel}), ${s.dato}: tilføjet under underskrifter.${options.part} i ${doc.file}`),
    ...alreadyPresent.map((s) => `· ${s.navn}, ${s.dato}: står allerede under underskrifter.${options.part}`),
    ...missingLines(repo, updated),
  ];
  return { id, yamlFile: doc.file, added, alreadyPresent, lines };
}

function missingLines(repo: Repository, signatures: Underskrifter): string[] {
  const missing = missingSignatures(repo, signatures);
  // Setting the status is the reviewer's step (a normal change in the pull request); check then
  // gives the fingerprint line of the text as signed (underskrift/laast-tekst).
  if (missing.length === 0)
    return ['Begge parter har nu skrevet under. Sæt »status: underskrevet«, og kør npm run check: den viser den linje (laast), der skal tilføjes.'];
  return missing.map(({ party, missing: count }) => {
    const label = partyLabel(party);
    return `${label.charAt(0).toUpperCase()}${label.slice(1)} mangler ${count} ${count === 1 ? 'underskrift' : 'underskrifter'}`;
  });
}

function readManifest(outDir: string, refuse: (what: string) => never): ManifestEntry[] {
  let text: string;
  try {
    text = readFileSync(path.join(outDir, OUTPUT_MANIFEST), 'utf8');
  } catch {
    return refuse(`${path.join(path.basename(outDir), OUTPUT_MANIFEST)} findes ikke; kør npm run build først.`);
  }
  try {
    const files = (JSON.parse(text) as { files?: unknown }).files;
    if (!Array.isArray(files)) throw new Error('no files');
    return (files as ManifestEntry[]).filter(
      (entry) =>
        typeof entry.id === 'string' && typeof entry.sha256 === 'string' && unsafeManifestPath(entry.path) === undefined && entry.path.endsWith('.pdf'),
    );
  } catch {
    return refuse(`${OUTPUT_MANIFEST} i outputmappen kan ikke læses; kør npm run build igen.`);
  }
}

/** Which document the file is: by the first revision's hash, else its trailer /ID, else its name. */
function identify(options: ModtagOptions, entries: readonly ManifestEntry[], first: Buffer, refuse: (what: string) => never): string {
  const pick = (ids: Set<string>): string | undefined => {
    if (ids.size > 1) refuse(`filen kan være flere dokumenter (${[...ids].sort().join(', ')}); angiv --dokument ID.`);
    return [...ids][0];
  };
  const hash = sha256(first);
  const byHash = pick(new Set(entries.filter((e) => e.sha256 === hash).map((e) => e.id)));
  if (byHash !== undefined) return byHash;
  const fileId = trailerId(first);
  if (fileId !== undefined) {
    const matches = new Set<string>();
    for (const entry of entries) {
      try {
        if (trailerId(readFileSync(path.join(options.outDir, entry.path))) === fileId) matches.add(entry.id);
      } catch {
        // A missing output is reported once the document is known.
      }
    }
    const byId = pick(matches);
    if (byId !== undefined) return byId;
  }
  const base = path.basename(options.file).toLowerCase();
  const byName = entries.map((e) => e.id).filter((candidate) => base.startsWith(candidate));
  const longest = byName.sort((a, b) => b.length - a.length)[0];
  if (longest !== undefined) return longest;
  return refuse('kan ikke afgøre, hvilket dokument filen er en udgave af; angiv --dokument ID.');
}

/** The first /ID string of the last trailer: kept by every incremental update (ISO 32000-1 § 14.4). */
function trailerId(pdf: Buffer): string | undefined {
  const text = pdf.toString('latin1', Math.max(0, pdf.length - 4096));
  const at = text.lastIndexOf('trailer');
  if (at < 0) return undefined;
  try {
    const trailer = new PdfReader(Buffer.from(text, 'latin1'), at + 'trailer'.length).value();
    const id = trailer.type === 'dict' ? trailer.entries.get('ID') : undefined;
    const first = id?.type === 'array' ? id.items[0] : undefined;
    return first?.type === 'string' ? first.bytes.toString('hex') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The sealed output the file's first revision must equal: the copy of `id` in out/ whose hash it
 * has, else the document's own file (so a mismatch is reported against it). Usually every copy
 * is the same file. With a TSA (PAdES B-T) they need not be: each part of a split build seals the
 * bundle members it needs, each with its own timestamp, and a kommune countersigns the copy in
 * its package. Every copy is the build's own sealed output, so any of them is a valid start.
 */
function sealedOutput(outDir: string, entries: readonly ManifestEntry[], id: string, first: Buffer, refuse: (what: string) => never): Buffer {
  const copies = entries.filter((e) => e.id === id).sort((a, b) => Number(a.path.startsWith('kommuner/')) - Number(b.path.startsWith('kommuner/')));
  const own = copies[0];
  if (!own) return refuse(`der er ingen forseglet udgave af ${id} i outputmappen; kør npm run build først.`);
  // A draft that still says »Udestår« is not sealed with the region's certificate (emit/unsealed.ts): nothing to countersign.
  if (own.sealed === false) return refuse(`${id} er ikke forseglet: den har udestående tekst (Udestår), så der kan ikke modtages underskrifter på den endnu.`);
  const hash = sha256(first);
  const chosen = copies.find((e) => e.sha256 === hash && e.sealed !== false) ?? own;
  try {
    return readFileSync(path.join(outDir, chosen.path));
  } catch {
    return refuse(`den forseglede udgave af ${id} (${chosen.path}) mangler i outputmappen; kør npm run build først.`);
  }
}

function firstDifference(a: Buffer, b: Buffer): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return length;
}

/**
 * The YAML text with `added` appended to underskrifter.<part>. The Document API finds where
 * (node ranges) and renders the new entries; the text around them is kept byte for byte, so
 * comments, folded paragraphs and quoting elsewhere stay as they were. The result is parsed
 * again and must hold exactly the old data plus the new entries.
 */
function withSigners(original: string, part: SigningParty, added: readonly Underskrift[], refuse: (what: string) => never): string {
  const text = original.endsWith('\n') ? original : `${original}\n`;
  const doc = parseDocument(text);
  const expected = doc.toJS() as Record<string, unknown>;
  const existing = expected.underskrifter as Partial<Underskrifter> | undefined;
  const merged: Underskrifter = { region: existing?.region ?? [], kommune: existing?.kommune ?? [] };
  merged[part] = [...merged[part], ...added];
  expected.underskrifter = { ...existing, ...merged };

  const items = (indent: string) => indentBlock(new Document(added.map((s) => ({ ...s }))).toString({ lineWidth: 0 }), indent);
  const signatures = doc.get('underskrifter', true) as YamlNode | undefined;
  let result: string;
  if (signatures === undefined) {
    const block = new Document({ underskrifter: { region: part === 'region' ? added : [], kommune: part === 'kommune' ? added : [] } }).toString({
      lineWidth: 0,
    });
    result = `${text}${block}`;
  } else if (isMap(signatures)) {
    const seq = signatures.get(part, true) as YamlNode | undefined;
    const keyIndent = lineIndent(text, signatures.range?.[0] ?? 0);
    if (seq === undefined) {
      const at = lineEnd(text, signatures.range?.[1] ?? text.length);
      result = `${text.slice(0, at)}${keyIndent}${part}:\n${items(`${keyIndent}  `)}${text.slice(at)}`;
    } else if (isSeq(seq) && !seq.flow && seq.items.length > 0) {
      const itemIndent = lineIndent(text, seq.range?.[0] ?? 0);
      const at = lineEnd(text, seq.range?.[1] ?? text.length);
      result = `${text.slice(0, at)}${items(itemIndent)}${text.slice(at)}`;
    } else if (isSeq(seq) && seq.range) {
      // An empty or flow list (kommune: []): replaced by a block list under its key.
      const merged = new Document([...seq.toJSON(), ...added.map((s) => ({ ...s }))]).toString({ lineWidth: 0 });
      result = `${text.slice(0, seq.range[0]).replace(/[ \t]*$/, '')}\n${indentBlock(merged, `${keyIndent}  `).replace(/\n$/, '')}${text.slice(seq.range[1])}`;
    } else {
      return refuse(`underskrifter.${part} er ikke en liste.`);
    }
  } else {
    return refuse('underskrifter er ikke en ordbog.');
  }
  const check = parseDocument(result);
  if (check.errors.length > 0 || JSON.stringify(check.toJS()) !== JSON.stringify(expected)) {
    return refuse('YAML-filen kan ikke opdateres sikkert automatisk; tilføj underskriverne i hånden.');
  }
  return result;
}

function indentBlock(block: string, indent: string): string {
  return block
    .split('\n')
    .map((line) => (line === '' ? line : `${indent}${line}`))
    .join('\n');
}

/** The indentation of the line that holds `offset`. */
function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ ]*/.exec(text.slice(start))?.[0] ?? '';
}

/** The start of the line after the one that holds `offset` (the end of the text if none). */
function lineEnd(text: string, offset: number): number {
  const back = text.slice(0, offset).replace(/\s*$/, '').length;
  const at = text.indexOf('\n', back);
  return at < 0 ? text.length : at + 1;
}
