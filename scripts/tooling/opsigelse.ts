/**
 * `npm run new -- opsigelse`: records that an agreement is terminated. Sets `status: opsagt`
 * and adds `opsigelse.meddelt` (dato, part) to the document's YAML. The Document API finds the
 * places (node ranges); the text around them is kept byte for byte, so comments, folded
 * paragraphs and quoting stay as they were. The result is parsed again and must hold exactly the
 * old data plus the two changes, else nothing is written.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, parseDocument, type Node as YamlNode } from 'yaml';
import { formatDate } from '../basics/format.ts';
import { suggest } from '../basics/quote.ts';
import { kindOf, renderedDocuments, terminationOf, terminationText, type Termination } from '../kinds/index.ts';
import { addDays } from '../model/dates.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { SigningParty } from '../model/types.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { ArgumentError } from './lookup.ts';

/** The data or the file does not allow the change (already terminated, a file it cannot edit safely): exit 1. */
export class TerminationRefusal extends Error {}

interface TerminationRequest {
  dokument: string;
  /** ISO day, already checked for form. */
  dato: string;
  part: string;
}

interface TerminationResult {
  file: string;
  termination: Termination;
  /** Danish lines for staff. */
  lines: string[];
}

const PARTIES: readonly SigningParty[] = ['region', 'kommune'];

/** The documents that can be terminated (own id), by id. */
function terminable(repo: Repository): SourceDocument[] {
  return renderedDocuments(repo).filter((d) => kindOf(d).terminates !== undefined && repo.byId(d.data.id) === d);
}

function findDocument(repo: Repository, id: string): SourceDocument {
  const candidates = terminable(repo);
  const found = candidates.find((d) => d.data.id === id);
  if (found) return found;
  const other = repo.byId(id);
  if (other) throw new ArgumentError(`»${id}« kan ikke opsiges med denne kommando; kun ${kindNames(candidates)} kan`);
  const guess = suggest(
    id,
    candidates.map((d) => d.data.id),
  );
  throw new ArgumentError(`Ukendt dokument »${id}«${guess ? ` – mente du »${guess}«?` : ' (angiv aftalens id, fx hsa-holbaek-akutsygepleje)'}`);
}

const kindNames = (docs: SourceDocument[]) => [...new Set(docs.map((d) => kindOf(d).nouns[1]))].join(' og ') || 'samarbejdsaftaler';

/** The line end after `offset` (the offset of the next line's start). */
function lineEnd(text: string, offset: number): number {
  const at = text.indexOf('\n', offset);
  return at < 0 ? text.length : at + 1;
}

/** The indentation of the line that holds `offset`. */
function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ ]*/.exec(text.slice(start))?.[0] ?? '';
}

/**
 * The YAML text with status opsagt and opsigelse.meddelt added after the opsigelse block's last
 * line; undefined when the file's shape does not allow a safe edit.
 */
function withTermination(text: string, meddelt: { dato: string; part: SigningParty }): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const status = doc.get('status', true) as YamlNode | undefined;
  const opsigelse = doc.get('opsigelse', true) as YamlNode | undefined;
  if (!isScalar(status) || !status.range || !isMap(opsigelse) || opsigelse.flow || !opsigelse.range || opsigelse.items.length === 0) return undefined;
  const indent = lineIndent(text, (opsigelse.items[0]!.key as YamlNode).range![0]);
  const block = `${indent}meddelt:\n${indent}  dato: ${meddelt.dato}\n${indent}  part: ${meddelt.part}\n`;
  // The block's last value ends on its last line; insert after that line, before blank lines and what follows.
  const at = lineEnd(text, Math.max(opsigelse.range[1] - 1, opsigelse.range[0]));
  const [s0, s1] = status.range;
  if (s1 > at) return undefined; // status after opsigelse: splice the later one first
  const before = text.slice(0, at);
  let result = `${before}${before.endsWith('\n') ? '' : '\n'}${block}${text.slice(at)}`;
  result = `${result.slice(0, s0)}opsagt${result.slice(s1)}`;

  const expected = doc.toJS() as { status: string; opsigelse: Record<string, unknown> };
  expected.status = 'opsagt';
  expected.opsigelse.meddelt = { ...meddelt };
  const check = parseDocument(result);
  if (check.errors.length > 0 || JSON.stringify(check.toJS()) !== JSON.stringify(expected)) return undefined;
  return result;
}

/** Records the termination in the document's file (atomically) and says what follows, in Danish. */
export function recordTermination(root: string, repo: Repository, request: TerminationRequest): TerminationResult {
  if (!PARTIES.includes(request.part as SigningParty)) {
    throw new ArgumentError(`--part skal være region eller kommune (den part, der opsiger aftalen), ikke »${request.part}«`);
  }
  const part = request.part as SigningParty;
  const doc = findDocument(repo, request.dokument);
  const existing = terminationOf(doc);
  const status = kindOf(doc).agreement?.status(doc);
  if (existing) throw new TerminationRefusal(`${doc.data.id} er allerede ${terminationText(existing).replace(/^O/, 'o')} (${doc.file})`);
  if (status === 'opsagt')
    throw new TerminationRefusal(
      `${doc.data.id} har allerede status opsagt, men opsigelsen er ikke registreret; tilføj opsigelse.meddelt i ${doc.file} i hånden`,
    );

  const file = path.join(root, doc.file);
  const text = readFileSync(file, 'utf8');
  const result = withTermination(text, { dato: request.dato, part });
  if (result === undefined)
    throw new TerminationRefusal(`${doc.file} kan ikke opdateres sikkert automatisk; sæt status: opsagt og tilføj opsigelse.meddelt i hånden`);

  // The end date as the pipeline computes it, from the edited data.
  const termination = terminationOf({ ...doc, data: parseDocument(result).toJS() as SourceDocument['data'] })!;
  writeFileAtomic(file, result);
  return {
    file: doc.file,
    termination,
    lines: [
      `${terminationText(termination)} (${termination.varselMaaneder} måneders varsel fra ${formatDate(termination.meddelt)}).`,
      `Aftalen gælder til og med ${formatDate(addDays(termination.ophoer, -1))}; fra ${formatDate(termination.ophoer)} skal regionen drive opgaven, og kommunens delingsaftale skal overdrage driften (npm run check siger til).`,
      'Har parterne aftalt en senere ophørsdato, så tilføj »ophoer: ÅÅÅÅ-MM-DD« under opsigelse.meddelt; en begrundelse kan stå i »begrundelse«.',
    ],
  };
}
