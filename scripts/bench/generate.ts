/**
 * Writes a synthetic, schema-valid repository for the scale benchmark (`npm run bench`): the
 * real schemas, templates, opgaver and frister, a region with N kommuner (46 by default: the
 * whole Region Østdanmark), and for every (kommune, opgave) the document its operating model
 * needs, with one case per sundhedsråd. Same N → byte-identical files.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import type { Kind } from '../model/kinds.ts';
import type { HsaData, OpgaverData } from '../model/types.ts';
import { anmodning, delingsaftale, hsa, laterSag, sag, sagsId } from './documents.ts';
import { decisionsFor, modelOf } from './models.ts';
import { readRealRegion, scaleRegion } from './region.ts';
import { REPO_ROOT } from '../basics/repo-root.ts';
import { fingerprintOf } from '../basics/fingerprint.ts';
import { loadRepository } from '../load/load-repository.ts';
import { Repository } from '../model/repository.ts';
import type { DocumentKind } from '../model/kinds.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { renderDocument } from '../render/render-document.ts';
import { loadTemplates } from '../render/templates.ts';
import { compileValidators } from '../validate/schemas.ts';
import { firstCaseDecisions, hsaLifecycle, SYNTHETIC_CLAUSES, laterCaseDecisions, terminated, tillaegTo } from './lifecycle.ts';

export const DEFAULT_KOMMUNER = 46;

/** First line of every generated file: nobody should mistake these for real agreements. */
export const SYNTHETIC_MARK = 'SYNTETISK';
const HEADER = `# ${SYNTHETIC_MARK}: synthetic benchmark data from scripts/bench/generate.ts (npm run bench); not real data.`;

export interface ScaleRepo {
  /** Rendered documents: hsa + delingsaftale + anmodning + sag + tillaeg, and one consolidated text per amended HSA. */
  documents: number;
  hsa: number;
  delingsaftaler: number;
  anmodninger: number;
  sager: number;
  /** Tillæg 1 to signed HSAs (each HSA with one also gets its consolidated text), and the HSAs terminated. */
  tillaeg: number;
  konsolideret: number;
  opsagt: number;
  kommuner: number;
  sundhedsraad: number;
  /** Generated YAML files under agreements/, repository-relative, in write order. */
  files: string[];
  /** An HSA with an amount, repository-relative: the one the benchmark edits. */
  sampleHsa: string;
  /** Signed HSAs (status underskrevet, both parties, with the fingerprint of their text). */
  signed: number;
  /** The pair a later case moved (kommune code, opgave), if the dataset has one. */
  laterCase?: { kommune: string; opgave: string; sag: string };
}

const PLADS_OPGAVE = 'sundheds-og-omsorgspladser';

/**
 * Places per kommune, weighted 3/4/5 in turn and scaled to 90 % of the råd's total, so the
 * capacity rule has real numbers to add up and they never exceed the limit.
 */
function pladser(total: number | null, members: readonly string[]): Map<string, number> {
  const weights = members.map((_, i) => 3 + (i % 3));
  const sum = weights.reduce((a, b) => a + b, 0);
  return new Map(members.map((k, i) => [k, total === null ? 0 : Math.floor((0.9 * total * weights[i]!) / sum)]));
}

export async function generateScaleRepo(dir: string, options: { kommuner?: number } = {}): Promise<ScaleRepo> {
  const count = options.kommuner ?? DEFAULT_KOMMUNER;
  const real = readRealRegion(REPO_ROOT);
  const { region, raad, kommune } = scaleRegion(real, count);
  const opgaverFile = path.join(REPO_ROOT, 'agreements', 'reference', 'opgaver.yaml');
  const opgaver = (parse(readFileSync(opgaverFile, 'utf8')) as OpgaverData).opgaver;

  mkdirSync(dir, { recursive: true });
  for (const part of ['schemas', 'templates']) cpSync(path.join(REPO_ROOT, part), path.join(dir, part), { recursive: true });
  mkdirSync(path.join(dir, 'agreements', 'reference'), { recursive: true });
  // The real reference data, byte for byte: the rules look deadlines and opgaver up there.
  for (const file of ['opgaver.yaml', 'frister.yaml'])
    cpSync(path.join(REPO_ROOT, 'agreements', 'reference', file), path.join(dir, 'agreements', 'reference', file));
  writeFileSync(
    path.join(dir, 'SYNTETISK.md'),
    `# ${SYNTHETIC_MARK}\n\nSynthetic data for \`npm run bench\` (scripts/bench/generate.ts), ${count} kommuner. Not real agreements: every DokID, amount, number of places and text under agreements/ (except reference/opgaver.yaml and reference/frister.yaml, copied) is invented.\n`,
  );

  const files: string[] = [];
  const write = (relative: string, kind: Kind, data: unknown) => {
    const depth = relative.split('/').length - 1;
    const schema = `${'../'.repeat(depth)}schemas/${kind}.schema.json`;
    const text = `${HEADER}\n# yaml-language-server: $schema=${schema}\n${stringify(data, { lineWidth: 100, blockQuote: 'literal' })}`;
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), text);
    if (!files.includes(relative)) files.push(relative); // the signed HSAs are written twice
  };

  write('agreements/reference/region.yaml', 'region', region);
  const counts = { hsa: 0, delingsaftaler: 0, anmodninger: 0, sager: 0, tillaeg: 0, opsagt: 0 };
  let sampleHsa: string | undefined;
  let laterCase: ScaleRepo['laterCase'];
  const signed: Array<{ file: string; data: HsaData }> = [];
  const opgaveIds = opgaver.map((o) => o.id);
  let kommuneNo = 0;
  for (const r of raad) {
    const members = r.raad.kommuner;
    if (members.length === 0) continue; // no kommuner here at this N: nothing to decide
    const decisions = decisionsFor(r.index, members, opgaveIds);
    const places = pladser(r.raad.sundheds_og_omsorgspladser, members);
    const folder = `agreements/${r.raad.id}`;
    // One later case in the whole dataset moves one pair from anmodning to kommunal drift.
    const moved =
      laterCase === undefined && modelOf(decisions, members[0]!, LATER_OPGAVE) === 'anmodning'
        ? { kommune: members[0]!, opgave: LATER_OPGAVE, sag: '' }
        : undefined;
    for (const [m, code] of members.entries()) {
      const k = kommune.get(code)!;
      let hsaNo = 0;
      kommuneNo++;
      for (const [o, opgave] of opgaver.entries()) {
        const isMoved = moved?.kommune === code && moved.opgave === opgave.id;
        const model = isMoved ? 'kommunal' : modelOf(decisions, code, opgave.id);
        if (model === 'kommunal') {
          const file = `${folder}/${k.slug}/hsa-${k.slug}-${opgave.id}.yaml`;
          const draft = hsa({
            kommune: k,
            opgave,
            opgaveNo: o + 1,
            sagsId: sagsId(r.index),
            pladser: opgave.id === PLADS_OPGAVE ? places.get(code)! : undefined,
            forbehold: m % 3 === 1,
          });
          const no = hsaNo++;
          const lived = isMoved ? movedHsa(draft, r.index) : hsaLifecycle(draft, kommuneNo, no);
          // One termination in the dataset: the second kommune's first HSA.
          const data = kommuneNo === 2 && no === 0 ? terminated(lived) : lived;
          if (data.status === 'opsagt') counts.opsagt++;
          write(file, 'hsa', data);
          if (data.status === 'underskrevet') signed.push({ file, data });
          // Every signed kommune's first HSA gets tillæg 1.
          if (data.status === 'underskrevet' && no === 0) {
            const tillaeg = tillaegTo(data);
            write(`${folder}/${k.slug}/${tillaeg.id}.yaml`, 'tillaeg', tillaeg);
            counts.tillaeg++;
          }
          sampleHsa ??= file;
          counts.hsa++;
        } else if (model === 'anmodning') {
          write(`${folder}/${k.slug}/anmodning-${k.slug}-${opgave.id}.yaml`, 'anmodning', anmodning(k, opgave, o + 1));
          counts.anmodninger++;
        }
      }
      write(
        `${folder}/${k.slug}/delingsaftale-${k.slug}.yaml`,
        'delingsaftale',
        delingsaftale(k, opgaver, (o) => modelOf(decisions, code, o) === 'regional'),
      );
      counts.delingsaftaler++;
    }
    const slugOf = (code: string) => kommune.get(code)!.slug;
    const omit = new Set(moved ? [`anmodning-${slugOf(moved.kommune)}-${moved.opgave}`] : []);
    const data = { ...sag({ raad: r, decisions, opgaver, kommune, omit }), beslutninger: firstCaseDecisions(sagsId(r.index)) };
    write(`${folder}/${data.id}.yaml`, 'sag', data);
    counts.sager++;
    if (moved) {
      const later = laterSag({ raad: r, kommune: kommune.get(moved.kommune)!, opgave: opgaver.find((o) => o.id === moved.opgave)!, hsaVersion: MOVED_VERSION });
      write(`${folder}/${later.id}.yaml`, 'sag', { ...later, beslutninger: laterCaseDecisions(later.sags_id) });
      counts.sager++;
      laterCase = { ...moved, sag: later.id };
    }
  }
  await recordSignedText(dir, signed, write);
  if (sampleHsa === undefined) throw new Error('the synthetic dataset has no HSA to edit');

  return {
    // Every tillæg here is approved and amends its own HSA: one consolidated text each.
    documents: counts.hsa + counts.delingsaftaler + counts.anmodninger + counts.sager + 2 * counts.tillaeg,
    konsolideret: counts.tillaeg,
    ...counts,
    kommuner: region.kommuner.length,
    sundhedsraad: region.sundhedsraad.length,
    files,
    sampleHsa,
    signed: signed.length,
    ...(laterCase ? { laterCase } : {}),
  };
}

/** The opgave a later case moves (from anmodning to kommunal drift, see models.ts variant 2). */
const LATER_OPGAVE = 'patientrettet-forebyggelse';
const MOVED_VERSION = '2026-09-01';

/** The HSA the later case brings: approved in September, after the frist, with the begrundelse. */
function movedHsa(draft: HsaData, raadIndex: number): HsaData {
  const why = 'Driftsmodellen blev ændret ved en senere sag i september 2026 (SYNTETISK).';
  return {
    ...draft,
    ...SYNTHETIC_CLAUSES,
    sags_id: `SYN-2026-${9500 + raadIndex + 1}`,
    version: MOVED_VERSION,
    status: 'godkendt',
    godkendelser: { regionsraad: '2026-09-15', kommunalbestyrelse: '2026-09-22' },
    forsinkelser: { 'godkendelser.regionsraad': why, 'godkendelser.kommunalbestyrelse': why },
  };
}

/**
 * A signed agreement records the fingerprint of the text it was signed in (`laast`): render the
 * signed HSAs as the build does and write the fingerprint into their files.
 */
async function recordSignedText(
  dir: string,
  signed: ReadonlyArray<{ file: string; data: HsaData }>,
  write: (relative: string, kind: Kind, data: unknown) => void,
) {
  if (signed.length === 0) return;
  const load = await loadRepository(dir, compileValidators(dir));
  const repo = new Repository(load.documents);
  const templates = loadTemplates(dir);
  for (const { file, data } of signed) {
    const doc = repo.byId(data.id) as SourceDocument<DocumentKind>;
    write(file, 'hsa', { ...data, laast: fingerprintOf(renderDocument(repo, templates, doc).markdown) });
  }
}
