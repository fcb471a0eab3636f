import type { Dataset } from '../contract/dataset.js';
import { customerGroups, customerMask } from './customer-groups.js';
import { medianInPlace } from './median.js';
import { ratio } from './round.js';
import { DAY_MS } from './time.js';
import type { FunnelOptions, FunnelResult, FunnelStep } from './types.js';

interface StepDef {
  stage: string;
  label?: Record<string, string>;
}

/**
 * What the steps are summarised from, gathered entity by entity: how many entities of a group were
 * looked at (`members`), how many reached each step, and the time each took from the step before.
 */
interface StepTally {
  members: number;
  counts: Int32Array;
  /** `deltas[j]` holds the first `counts[j]` times from step j − 1 to step j (j ≥ 1). */
  deltas: Float64Array[];
}

function stepTally(S: number, capacity: number): StepTally {
  return { members: 0, counts: new Int32Array(S), deltas: Array.from({ length: S }, (_, j) => new Float64Array(j === 0 ? 0 : capacity)) };
}

/** One entity that reached `depth` steps, step j at `times[j]`. */
function tallyEntity(tally: StepTally, times: Float64Array, depth: number): void {
  tally.members++;
  const { counts, deltas } = tally;
  if (depth > 0) counts[0]!++;
  for (let j = 1; j < depth; j++) deltas[j]![counts[j]!++] = times[j]! - times[j - 1]!;
}

/** Count, conversions, drop-off and median step time of each step. */
function summarize(defs: StepDef[], tally: StepTally): { steps: FunnelStep[]; overallConversion: number | null } {
  const S = defs.length;
  const { counts, deltas } = tally;
  const steps: FunnelStep[] = [];
  for (let j = 0; j < S; j++) {
    const count = counts[j]!;
    const previous = j === 0 ? 0 : counts[j - 1]!;
    steps.push({
      stage: defs[j]!.stage,
      ...(defs[j]!.label ? { label: defs[j]!.label } : {}),
      count,
      conversionFromPrevious: j === 0 ? null : ratio(count, previous),
      conversionFromFirst: ratio(count, counts[0]!),
      dropOff: j === 0 ? 0 : previous - count,
      medianTimeFromPreviousMs: j === 0 ? null : medianInPlace(deltas[j]!, count),
    });
  }
  return { steps, overallConversion: S === 0 ? null : ratio(counts[S - 1]!, counts[0]!) };
}

function snapshot(dataset: Dataset, defs: StepDef[], options: FunnelOptions): FunnelResult {
  const mask = customerMask(dataset, options.filter);
  const stepOf = new Map(defs.map((d, j) => [d.stage, j] as const));
  const groups = options.breakdown ? customerGroups(dataset, options.breakdown) : null;
  const totals = new Int32Array(defs.length);
  const byGroup = groups ? new Int32Array(groups.keys.length * defs.length) : null;
  let ignored = 0;
  const { lifecycleStage, length } = dataset.customers;
  for (let c = 0; c < length; c++) {
    if (mask && !mask[c]) continue;
    const stage = lifecycleStage[c];
    if (stage === null || stage === undefined) continue;
    const j = stepOf.get(stage);
    if (j === undefined) {
      ignored++;
      continue;
    }
    totals[j]!++;
    if (byGroup) byGroup[groups!.group[c]! * defs.length + j]!++;
  }
  // A distribution, not a path: conversions and drop-off do not apply.
  const toSteps = (counts: Int32Array, offset: number): FunnelStep[] =>
    defs.map((d, j) => ({
      stage: d.stage,
      ...(d.label ? { label: d.label } : {}),
      count: counts[offset + j]!,
      conversionFromPrevious: null,
      conversionFromFirst: null,
      dropOff: 0,
      medianTimeFromPreviousMs: null,
    }));
  const groupsOut = groups
    ? groups.keys
        .map((key, g) => ({ key, steps: toSteps(byGroup!, g * defs.length), overallConversion: null }))
        .filter((g) => g.steps.some((s) => s.count > 0))
    : [];
  return { mode: 'snapshot', steps: toSteps(totals, 0), overallConversion: null, ignoredEvents: ignored, groups: groupsOut };
}

/**
 * The events grouped by entity: entity e's run is `[start[e], start[e + 1])` of `stage` and `date`,
 * events after `asOf` included (every scan skips them).
 */
interface EntityRuns {
  start: Int32Array;
  /** The customer of the entity's first event up to asOf that names one, −1 when none does. */
  owner: Int32Array;
  stage: Uint16Array;
  date: Float64Array;
  /** The funnel step of each stage index, −1 for stages outside the funnel. */
  stepOf: Int32Array;
  asOf: number;
}

/**
 * The events as runs per entity. Events already grouped by entity (as an export ordered by entity
 * writes them, and as the sample is) are used where they are; others are copied into entity order
 * by a stable counting sort, so the per-entity scans read memory in sequence either way. Each loop
 * of the ordered funnel lives in a function of its own: in one large function V8 compiled a loop
 * alone (on-stack replacement) and dropped that code again at the first untried line after it, on
 * every call.
 */
function entityRuns(events: Dataset['stageEvents'], stepOf: Int32Array, asOf: number): EntityRuns {
  const { entity, customer, stage, date, length } = events;
  const E = events.entityKeys.length;
  const start = new Int32Array(E + 1);
  const owner = new Int32Array(E).fill(-1);
  let grouped = true;
  let last = 0;
  for (let i = 0; i < length; i++) {
    const e = entity[i]!;
    start[e + 1]!++;
    if (e < last) grouped = false;
    last = e;
    if (owner[e]! < 0 && date[i]! <= asOf) owner[e] = customer[i]!;
  }
  for (let e = 0; e < E; e++) start[e + 1]! += start[e]!;
  if (grouped) return { start, owner, stage, date, stepOf, asOf };
  const fill = start.slice(0, E);
  const runStage = new Uint16Array(length);
  const runDate = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const k = fill[entity[i]!]!++;
    runStage[k] = stage[i]!;
    runDate[k] = date[i]!;
  }
  return { start, owner, stage: runStage, date: runDate, stepOf, asOf };
}

/**
 * One attempt started at `anchor`: step j is reached at the earliest step-j event at or after
 * step j − 1 and within `window` of the anchor. Writes the times at `out[base + j]` and
 * returns how many steps were reached.
 */
function reachFrom(runs: EntityRuns, S: number, window: number, anchor: number, from: number, to: number, base: number, out: Float64Array): number {
  const { stage, date, stepOf } = runs;
  out[base] = anchor;
  const deadline = Math.min(anchor + window, runs.asOf);
  let previous = anchor;
  for (let j = 1; j < S; j++) {
    let best = Infinity;
    for (let k = from; k < to; k++) {
      const t = date[k]!;
      if (stepOf[stage[k]!] === j && t >= previous && t <= deadline && t < best) best = t;
    }
    if (best === Infinity) return j;
    out[base + j] = best;
    previous = best;
  }
  return S;
}

/**
 * Every step-1 event of the run `[from, to)` starts an attempt; the entity keeps the attempt that gets furthest,
 * the latest such start on a tie, so times are measured from the latest first step before. Writes
 * the kept attempt's times into `kept` and returns its depth.
 */
function reachFurthest(runs: EntityRuns, S: number, window: number, from: number, to: number, trial: Float64Array, kept: Float64Array): number {
  let bestDepth = 0;
  let bestAnchor = -Infinity;
  for (let k = from; k < to; k++) {
    const anchor = runs.date[k]!;
    if (runs.stepOf[runs.stage[k]!] !== 0 || anchor > runs.asOf) continue;
    const depth = reachFrom(runs, S, window, anchor, from, to, 0, trial);
    if (depth < bestDepth || (depth === bestDepth && anchor < bestAnchor)) continue;
    bestDepth = depth;
    bestAnchor = anchor;
    kept.set(trial.subarray(0, depth));
  }
  return bestDepth;
}

/**
 * Each entity's furthest step, tallied for all and for its breakdown group (`groupOf[e]`, when
 * broken down); returns how many events were of other stages.
 */
function tallySteps(runs: EntityRuns, S: number, window: number, mask: Uint8Array | null, anyAttempt: boolean, overall: StepTally, groupOf: Int32Array | null, groups: StepTally[]): number {
  const E = runs.owner.length;
  const { start, owner, stage, date, stepOf, asOf } = runs;
  const reached = new Float64Array(S);
  const trial = new Float64Array(S);
  let ignoredEvents = 0;
  for (let e = 0; e < E; e++) {
    const c = owner[e]!;
    if (mask && (c < 0 || !mask[c])) continue;
    const from = start[e]!;
    const to = start[e + 1]!;
    let events = 0;
    let entered = Infinity;
    for (let k = from; k < to; k++) {
      const t = date[k]!;
      if (t > asOf) continue;
      events++;
      const j = stepOf[stage[k]!]!;
      if (j < 0) ignoredEvents++;
      else if (j === 0 && t < entered) entered = t;
    }
    if (events === 0) continue;
    let depth = 0;
    if (S > 0 && entered !== Infinity) depth = anyAttempt ? reachFurthest(runs, S, window, from, to, trial, reached) : reachFrom(runs, S, window, entered, from, to, 0, reached);
    tallyEntity(overall, reached, depth);
    if (groupOf) tallyEntity(groups[groupOf[e]!]!, reached, depth);
  }
  return ignoredEvents;
}

/** Each entity's breakdown group (its owner's value of `field`, '' when unknown or unowned) and one empty tally per group. */
function breakdownTallies(dataset: Dataset, field: string, S: number, owner: Int32Array): { keys: string[]; groupOf: Int32Array; tallies: StepTally[] } {
  const { keys: valueKeys, group } = customerGroups(dataset, field);
  const keys = valueKeys.includes('') ? valueKeys : [...valueKeys, ''];
  const unknown = keys.indexOf('');
  const groupOf = new Int32Array(owner.length);
  const sizes = new Int32Array(keys.length);
  for (let e = 0; e < owner.length; e++) {
    const c = owner[e]!;
    const g = c >= 0 ? group[c]! : unknown;
    groupOf[e] = g;
    sizes[g]!++;
  }
  return { keys, groupOf, tallies: keys.map((_, g) => stepTally(S, sizes[g]!)) };
}

/**
 * The ordered funnel over `stageEvents` up to `asOf`. An entity enters step 1 at its
 * earliest step-1 event and reaches step j at its earliest step-j event at or after it
 * reached step j − 1 (and, with `windowDays`, no later than that long after step 1).
 * With `attempts: 'any'` each step-1 event may start an attempt and the entity keeps the
 * one that gets furthest (the latest on a tie), as PostHog and ClickHouse `windowFunnel` do.
 * Events arrive in any order and may repeat. Events of stages outside the chosen ones
 * are counted in `ignoredEvents`. An entity belongs to the customer of its first event
 * that names one, for filters and breakdowns. Snapshot mode counts
 * `customers[].lifecycleStage` instead.
 */
export function computeFunnel(dataset: Dataset, options: FunnelOptions = {}): FunnelResult {
  const keys = options.stages ?? dataset.stages.map((s) => s.key);
  const defs: StepDef[] = keys.map((key) => {
    const label = dataset.stages.find((s) => s.key === key)?.label;
    return label ? { stage: key, label } : { stage: key };
  });
  if (options.mode === 'snapshot') return snapshot(dataset, defs, options);

  const S = defs.length;
  const stepOf = new Int32Array(dataset.stages.length).fill(-1);
  for (let j = S - 1; j >= 0; j--) {
    const index = dataset.stages.findIndex((s) => s.key === keys[j]);
    if (index >= 0) stepOf[index] = j;
  }
  const window = options.windowDays === undefined ? Infinity : options.windowDays * DAY_MS;
  const runs = entityRuns(dataset.stageEvents, stepOf, dataset.asOf);
  const mask = customerMask(dataset, options.filter);
  const overall = stepTally(S, runs.owner.length);
  const breakdown = options.breakdown ? breakdownTallies(dataset, options.breakdown, S, runs.owner) : null;
  const ignoredEvents = tallySteps(runs, S, window, mask, options.attempts === 'any', overall, breakdown?.groupOf ?? null, breakdown?.tallies ?? []);
  const groups: FunnelResult['groups'] = breakdown
    ? breakdown.keys
        .map((key, g) => ({ key, tally: breakdown.tallies[g]! }))
        .filter(({ tally }) => tally.members > 0)
        .map(({ key, tally }) => ({ key, ...summarize(defs, tally) }))
        .sort((a, b) => (b.steps[0]?.count ?? 0) - (a.steps[0]?.count ?? 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    : [];
  return { mode: 'ordered', ...summarize(defs, overall), ignoredEvents, groups };
}
