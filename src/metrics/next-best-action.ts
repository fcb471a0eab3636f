import type { CustomerTier, NextBestAction, RfmCustomer, RfmSegment, Signal, SignalKind } from './types.js';

/** Rules of `nextBestAction`; every field is optional and falls back to `DEFAULT_ACTION_RULES`. */
export interface NextBestActionRules {
  /** Segments whose customers are high value. */
  highValueSegments?: RfmSegment[];
  /** An M score at or above this also makes a customer high value (big spenders in any segment). */
  highValueMinM?: number;
  /** Segments whose customers have potential; everyone else scored or not is ordinary. */
  potentialSegments?: RfmSegment[];
  /** Action key per tier when no red signal fires. */
  tierActions?: Partial<Record<CustomerTier, string>>;
  /** Signals that override the tier action with their remedy, most urgent first. */
  redSignals?: SignalKind[];
  /** Action key per signal. */
  remedies?: Partial<Record<SignalKind, string>>;
}

export const DEFAULT_ACTION_RULES = {
  highValueSegments: ['champions', 'loyal', 'cant_lose'],
  highValueMinM: 5,
  potentialSegments: ['potential_loyalist', 'new', 'promising', 'need_attention'],
  tierActions: { high_value: 'dedicated_advisor', potential: 'community_content', ordinary: 'automated_templates' },
  // under_engaged is left out: it fires for most customers and is a nudge, not an alarm.
  redSignals: ['service', 'detractor', 'spend_drop', 'silent'],
  remedies: {
    silent: 'remedy_silent',
    spend_drop: 'remedy_spend_drop',
    detractor: 'remedy_detractor',
    service: 'remedy_service',
    under_engaged: 'remedy_under_engaged',
  },
} as const satisfies Required<NextBestActionRules>;

/** High value, potential or ordinary, from the RFM segment and M score (no purchase: ordinary). */
export function customerTier(rfm: RfmCustomer | null, rules: NextBestActionRules = {}): CustomerTier {
  if (!rfm) return 'ordinary';
  const highValue: readonly RfmSegment[] = rules.highValueSegments ?? DEFAULT_ACTION_RULES.highValueSegments;
  const minM = rules.highValueMinM ?? DEFAULT_ACTION_RULES.highValueMinM;
  if (highValue.includes(rfm.segment) || rfm.m >= minM) return 'high_value';
  const potential: readonly RfmSegment[] = rules.potentialSegments ?? DEFAULT_ACTION_RULES.potentialSegments;
  return potential.includes(rfm.segment) ? 'potential' : 'ordinary';
}

/**
 * What the account owner should do next. The most urgent red signal wins with its remedy;
 * otherwise the tier decides: high value → dedicated advisor, potential → community and
 * content, ordinary → automated templates. Actions are i18n keys.
 * @example nextBestAction(rfmCustomer, [{ kind: 'service', evidence: {} }]) // { tier: 'high_value', action: 'remedy_service', because: 'service' }
 */
export function nextBestAction(rfm: RfmCustomer | null, signals: readonly Signal[], rules: NextBestActionRules = {}): NextBestAction {
  const tier = customerTier(rfm, rules);
  const red: readonly SignalKind[] = rules.redSignals ?? DEFAULT_ACTION_RULES.redSignals;
  const fired = new Set(signals.map((s) => s.kind));
  const because = red.find((kind) => fired.has(kind)) ?? null;
  if (because) return { tier, action: rules.remedies?.[because] ?? DEFAULT_ACTION_RULES.remedies[because], because };
  return { tier, action: rules.tierActions?.[tier] ?? DEFAULT_ACTION_RULES.tierActions[tier], because: null };
}
