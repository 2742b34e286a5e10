import type { DataPath } from '../basics/locate.ts';
import { canonical } from './canonical.ts';
import type { Repository } from './repository.ts';
import type { SourceDocument } from './source-document.ts';
import type { Beslutning, IsoDate, OperatingModel, Sundhedsraad } from './types.ts';

/**
 * Where a case stands: its indstilling only (»indstillet«, also while the regionsråd has put it
 * off), decided by the regionsråd (»besluttet«), or rejected (»forkastet«: it decides nothing).
 * The sundhedsråd recommends; the Forberedende Regionsråd / regionsrådet decides (sag 003:
 * »Sagen afgøres af det Forberedende Regionsråd«).
 */
export type CaseState = 'indstillet' | 'besluttet' | 'forkastet';

export interface CaseOutcome {
  state: CaseState;
  /** The regionsråd's decision that settled the case (besluttet or forkastet). */
  beslutning?: Beslutning;
  /** Its index in `beslutninger`, for positions. */
  index?: number;
}

/** One operating model decided for one (kommune, opgave) by one underpunkt of a case, or by a decision's ændring. */
export interface Decision {
  kommune: string;
  opgave: string;
  /** The model as the case now stands: the indstilling with every recorded ændring applied. */
  model: OperatingModel;
  /** The indstilling's model, when a decision changed it. */
  indstillet?: OperatingModel;
  /** The underpunkt's path (or the ændring's, for a pair the indstilling did not name). */
  underpunkt: DataPath;
  /** Where a finding about this decision points: the kommune in the underpunkt's list, or its driftsmodel. */
  at: DataPath;
  /** »underpunkt b i punkt 1«, or »beslutningen 17. marts 2026 (ændring 1)«. */
  name: string;
  /** The decision's ændring that set `model`, if one did. */
  changedBy?: { beslutning: Beslutning; path: DataPath };
}

export interface CaseCoverage {
  sag: SourceDocument<'sag'>;
  raad: Sundhedsraad;
  outcome: CaseOutcome;
  decisions: Decision[];
}

const letters = 'abcdefghijklmnopqrstuvwxyz';
const adopted = (b: Beslutning) => b.udfald === 'tiltraadt' || b.udfald === 'tiltraadt-med-aendringer';

/**
 * The case's state from its recorded decisions: the regionsråd's last decision that settled it
 * (tiltrådt, with or without ændringer, or forkastet); an »udsat« leaves it indstillet.
 */
export function caseOutcome(sag: SourceDocument<'sag'>): CaseOutcome {
  const list = sag.data.beslutninger ?? [];
  for (let i = list.length - 1; i >= 0; i--) {
    const b = list[i]!;
    if (b.organ !== 'regionsraad' || b.udfald === 'udsat') continue;
    return { state: adopted(b) ? 'besluttet' : 'forkastet', beslutning: b, index: i };
  }
  return { state: 'indstillet' };
}

/**
 * Every case that decides operating models, with each decision spelled out per kommune (an
 * underpunkt without `kommuner` applies to all of the sundhedsråd's kommuner), as the case
 * stands: the ændringer of the sundhedsråd's and the regionsråd's decisions (tiltrådt med
 * ændringer) applied in order. Cases that decide no operating model (other agenda items) and
 * sundhedsråd without confirmed kommuner have nothing to cover. Unknown kommuner and opgaver are
 * the ref rules' business.
 */
export function allCaseDecisions(repo: Repository): CaseCoverage[] {
  const out: CaseCoverage[] = [];
  for (const sag of canonical(repo, 'sag')) {
    const raad = repo.sundhedsraad(sag.data.sundhedsraad);
    if (!raad || raad.kommuner.length === 0) continue;
    const decisions: Decision[] = [];
    for (const [i, punkt] of sag.data.indstilling.punkter.entries()) {
      for (const [j, u] of (punkt.underpunkter ?? []).entries()) {
        if (!u.opgave || !u.driftsmodel || !repo.opgave(u.opgave)) continue;
        const underpunkt: DataPath = ['indstilling', 'punkter', i, 'underpunkter', j];
        const name = `underpunkt ${letters[j] ?? j + 1} i punkt ${i + 1}`;
        const kommuner = u.kommuner
          ? u.kommuner.map((k, n) => ({ k, at: [...underpunkt, 'kommuner', n] }))
          : raad.kommuner.map((k) => ({ k, at: [...underpunkt, 'driftsmodel'] }));
        for (const { k, at } of kommuner) {
          if (!repo.kommune(k)) continue;
          decisions.push({ kommune: k, opgave: u.opgave, model: u.driftsmodel, underpunkt, at, name });
        }
      }
    }
    applyChanges(repo, sag, raad, decisions);
    if (decisions.length > 0) out.push({ sag, raad, outcome: caseOutcome(sag), decisions });
  }
  return out;
}

/** The ændringer of every adopted decision, in order, on top of the indstilling. */
function applyChanges(repo: Repository, sag: SourceDocument<'sag'>, raad: Sundhedsraad, decisions: Decision[]): void {
  for (const [b, beslutning] of (sag.data.beslutninger ?? []).entries()) {
    if (beslutning.udfald !== 'tiltraadt-med-aendringer') continue;
    for (const [c, change] of (beslutning.aendringer ?? []).entries()) {
      if (!repo.opgave(change.opgave)) continue;
      const path: DataPath = ['beslutninger', b, 'aendringer', c];
      for (const k of change.kommuner ?? raad.kommuner) {
        if (!repo.kommune(k)) continue;
        const existing = decisions.find((d) => d.kommune === k && d.opgave === change.opgave);
        const changedBy = { beslutning, path };
        if (existing) {
          existing.indstillet ??= existing.model;
          existing.model = change.driftsmodel;
          existing.changedBy = changedBy;
        } else {
          const at = change.kommuner ? [...path, 'kommuner', change.kommuner.indexOf(k)] : [...path, 'driftsmodel'];
          decisions.push({
            kommune: k,
            opgave: change.opgave,
            model: change.driftsmodel,
            underpunkt: path,
            at,
            name: `ændring ${c + 1} i beslutningen`,
            changedBy,
          });
        }
      }
    }
  }
}

/** One pair's decision in force, with the case and the history of every case that decided it. */
export interface DecisionInForce {
  decision: Decision;
  sag: SourceDocument<'sag'>;
  state: Exclude<CaseState, 'forkastet'>;
  /** The day the regionsråd decided it (besluttet only). */
  decidedOn?: IsoDate;
  /** Every case that decides the pair, oldest first, with its state. */
  history: Array<{ sag: SourceDocument<'sag'>; decision: Decision; state: CaseState; on?: IsoDate }>;
}

export const pairKey = (kommune: string, opgave: string) => `${kommune}|${opgave}`;

/**
 * The operating model in force for every (kommune, opgave): the latest decided case wins (by the
 * regionsråd's decision date); while no case that names the pair is decided, the latest
 * indstilling (by meeting date, then file order) stands as »indstillet«. A rejected case decides
 * nothing. Within one case the first underpunkt that names a pair counts (a second is
 * daekning/driftsmodel's to report).
 */
export function decisionsInForce(repo: Repository, cases: CaseCoverage[] = allCaseDecisions(repo)): Map<string, DecisionInForce> {
  type Entry = DecisionInForce['history'][number] & { order: number };
  const byPair = new Map<string, Entry[]>();
  for (const [order, { sag, outcome, decisions }] of cases.entries()) {
    const seen = new Set<string>();
    for (const decision of decisions) {
      const key = pairKey(decision.kommune, decision.opgave);
      if (seen.has(key)) continue;
      seen.add(key);
      const on = outcome.state === 'besluttet' ? outcome.beslutning!.dato : (sag.data.moede.dato ?? undefined);
      byPair.set(key, [...(byPair.get(key) ?? []), { sag, decision, state: outcome.state, ...(on ? { on } : {}), order }]);
    }
  }
  const out = new Map<string, DecisionInForce>();
  for (const [key, list] of byPair) {
    // Undated cases sort first: a case without a meeting date cannot be known to be the later one.
    const history = [...list].sort((a, b) => (a.on ?? '').localeCompare(b.on ?? '') || a.order - b.order);
    const decided = history.filter((h) => h.state === 'besluttet');
    const pending = history.filter((h) => h.state === 'indstillet');
    const winner = decided.at(-1) ?? pending.at(-1);
    if (!winner) continue; // every case that names the pair was rejected
    out.set(key, {
      decision: winner.decision,
      sag: winner.sag,
      state: winner.state === 'besluttet' ? 'besluttet' : 'indstillet',
      ...(winner.state === 'besluttet' && winner.on ? { decidedOn: winner.on } : {}),
      history: history.map(({ sag, decision, state, on }) => ({ sag, decision, state, ...(on ? { on } : {}) })),
    });
  }
  return out;
}

/**
 * The cases with only the decisions that are in force: what the coverage rules hold the
 * documents against. A decision a later case replaced is history, not a requirement.
 */
export function casesWithDecisions(repo: Repository): CaseCoverage[] {
  const cases = allCaseDecisions(repo);
  const inForce = decisionsInForce(repo, cases);
  return cases
    .map((c) => ({ ...c, decisions: c.decisions.filter((d) => inForce.get(pairKey(d.kommune, d.opgave))?.decision === d) }))
    .filter((c) => c.decisions.length > 0);
}
