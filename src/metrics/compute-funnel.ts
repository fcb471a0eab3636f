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
 * Count, conversions, drop-off and median step time for the entities in `rows`,
 * given when each reached each step (`reachedAt[e × S + j]`, NaN when it did not).
 */
function summarize(defs: StepDef[], reachedAt: Float64Array, rows: Int32Array, length: number): { steps: FunnelStep[]; overallConversion: number | null } {
  const S = defs.length;
  const scratch = new Float64Array(length);
  const steps: FunnelStep[] = [];
  let previous = 0;
  let first = 0;
  for (let j = 0; j < S; j++) {
    let count = 0;
    let timed = 0;
    for (let k = 0; k < length; k++) {
      const base = rows[k]! * S;
      const t = reachedAt[base + j]!;
      if (t !== t) continue;
      count++;
      if (j > 0) scratch[timed++] = t - reachedAt[base + j - 1]!;
    }
    if (j === 0) first = count;
    steps.push({
      stage: defs[j]!.stage,
      ...(defs[j]!.label ? { label: defs[j]!.label } : {}),
      count,
      conversionFromPrevious: j === 0 ? null : ratio(count, previous),
      conversionFromFirst: ratio(count, first),
      dropOff: j === 0 ? 0 : previous - count,
      medianTimeFromPreviousMs: j === 0 ? null : medianInPlace(scratch, timed),
    });
    previous = count;
  }
  return { steps, overallConversion: S === 0 ? null : ratio(steps[S - 1]!.count, first) };
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
  const { entity, entityKeys, customer, stage, date, length } = dataset.stageEvents;
  const asOf = dataset.asOf;
  const E = entityKeys.length;
  const window = options.windowDays === undefined ? Infinity : options.windowDays * DAY_MS;

  // Counting sort of the events up to asOf by entity: each entity's events become one contiguous run.
  const start = new Int32Array(E + 1);
  const owner = new Int32Array(E).fill(-1);
  for (let i = 0; i < length; i++) {
    if (date[i]! > asOf) continue;
    const e = entity[i]!;
    start[e + 1]!++;
    if (owner[e]! < 0) owner[e] = customer[i]!;
  }
  for (let e = 0; e < E; e++) start[e + 1]! += start[e]!;
  // Each event's step and date copied into entity order, so the per-entity scans read memory in sequence.
  const fill = start.slice(0, E);
  const eventStep = new Int32Array(start[E]!);
  const eventDate = new Float64Array(start[E]!);
  for (let i = 0; i < length; i++) {
    const t = date[i]!;
    if (t > asOf) continue;
    const k = fill[entity[i]!]!++;
    eventStep[k] = stepOf[stage[i]!]!;
    eventDate[k] = t;
  }

  const mask = customerMask(dataset, options.filter);
  const reachedAt = new Float64Array(E * S).fill(NaN);
  const anyAttempt = options.attempts === 'any';
  const trial = new Float64Array(S).fill(NaN);
  /**
   * One attempt started at `anchor`: step j is reached at the earliest step-j event at or after
   * step j − 1 and within the window of the anchor. Writes the times at `out[base + j]` and
   * returns how many steps were reached.
   */
  const reachFrom = (anchor: number, from: number, to: number, base: number, out: Float64Array): number => {
    out[base] = anchor;
    const deadline = anchor + window;
    let previous = anchor;
    for (let j = 1; j < S; j++) {
      let best = Infinity;
      for (let k = from; k < to; k++) {
        const t = eventDate[k]!;
        if (eventStep[k] === j && t >= previous && t <= deadline && t < best) best = t;
      }
      if (best === Infinity) return j;
      out[base + j] = best;
      previous = best;
    }
    return S;
  };
  const rows = new Int32Array(E);
  let included = 0;
  let ignoredEvents = 0;
  for (let e = 0; e < E; e++) {
    const c = owner[e]!;
    if (mask && (c < 0 || !mask[c])) continue;
    const from = start[e]!;
    const to = start[e + 1]!;
    if (from === to) continue;
    rows[included++] = e;
    let entered = Infinity;
    for (let k = from; k < to; k++) {
      const j = eventStep[k]!;
      if (j < 0) ignoredEvents++;
      else if (j === 0 && eventDate[k]! < entered) entered = eventDate[k]!;
    }
    if (S === 0 || entered === Infinity) continue;
    if (!anyAttempt) {
      reachFrom(entered, from, to, e * S, reachedAt);
      continue;
    }
    // Every step-1 event starts an attempt; the entity keeps the attempt that gets furthest,
    // the latest such start on a tie, so times are measured from the latest first step before.
    let bestDepth = 0;
    for (let k = from; k < to; k++) {
      if (eventStep[k] !== 0) continue;
      const depth = reachFrom(eventDate[k]!, from, to, 0, trial);
      if (depth < bestDepth || (depth === bestDepth && eventDate[k]! < reachedAt[e * S]!)) continue;
      bestDepth = depth;
      for (let j = 0; j < depth; j++) reachedAt[e * S + j] = trial[j]!;
    }
  }

  const overall = summarize(defs, reachedAt, rows, included);
  const groups: FunnelResult['groups'] = [];
  if (options.breakdown) {
    const { keys: groupKeys, group } = customerGroups(dataset, options.breakdown);
    const unknown = groupKeys.length;
    const members: number[][] = Array.from({ length: unknown + 1 }, () => []);
    for (let k = 0; k < included; k++) {
      const c = owner[rows[k]!]!;
      members[c >= 0 ? group[c]! : unknown]!.push(rows[k]!);
    }
    const byKey = new Map<string, number[]>();
    [...groupKeys, ''].forEach((key, g) => byKey.set(key, [...(byKey.get(key) ?? []), ...members[g]!]));
    for (const [key, list] of byKey) {
      if (list.length === 0) continue;
      const ids = Int32Array.from(list);
      groups.push({ key, ...summarize(defs, reachedAt, ids, ids.length) });
    }
    groups.sort((a, b) => (b.steps[0]?.count ?? 0) - (a.steps[0]?.count ?? 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  return { mode: 'ordered', ...overall, ignoredEvents, groups };
}
