import type { CollectionName } from '../contract/fields.js';
import type { NextBestActionRules } from './next-best-action.js';

/**
 * Inputs and outputs of the metrics core. Rates are fractions 0..1, `null` where a
 * division by zero would make them meaningless; times are epoch ms; durations ms.
 * Customers are named both by `customerId` (contract terms) and by `customer`
 * (index into `Dataset.customerKeys`) so elements can look rows up without a Map.
 */

/** Which records count, relative to `asOf`. Records after `asOf` never count. */
export type Period =
  | { kind: 'all' }
  /** t in (asOf − days, asOf] */
  | { kind: 'last-days'; days: number }
  /** Inclusive UTC dates: t in [from 00:00, to 24:00). */
  | { kind: 'range'; from: number; to: number }
  /** Instants: t in (after, through]; what the period before a `last-days` one is (`previousPeriod`). */
  | { kind: 'between'; after: number; through: number };

/** Keep only records of customers whose `field` equals `value`. `field` is a customer field or `attributes.<name>`. */
export interface CustomerFilter {
  field: string;
  value: string;
}

// ---------------------------------------------------------------- NPS
export interface NpsOptions {
  period?: Period;
  dedupe?: 'all' | 'latest';
  minResponses?: number;
  interval?: 'wald' | 'adjusted-wald';
  trend?: 'month' | 'week' | 'none';
  filter?: CustomerFilter;
  /** Customer field to break the score down by. */
  breakdown?: string;
}

export interface NpsCounts {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** −100..100; null only with no responses. */
  score: number | null;
  /** False below the minimum number of responses: the score is indicative only. */
  enough: boolean;
}

export interface NpsTrendPoint extends NpsCounts {
  /** `YYYY-MM` or ISO week `YYYY-Www`. */
  period: string;
}

export interface NpsResult extends NpsCounts {
  /** Half-width of the 95 % interval in NPS points; null with no responses. */
  marginOfError: number | null;
  /** Bounds of the 95 % interval (−100..100); centred on the adjusted score for `adjusted-wald`. */
  lower: number | null;
  upper: number | null;
  minResponses: number;
  interval: 'wald' | 'adjusted-wald';
  /** At most `MAX_TREND_PERIODS` periods, the latest ones. */
  trend: NpsTrendPoint[];
  /** True when earlier periods had responses but fall outside the trend's cap (they still count in the score). */
  trendTruncated: boolean;
  breakdown: (NpsCounts & { key: string })[];
}

// ---------------------------------------------------------------- Funnel
export interface FunnelOptions {
  /** Stage keys to use, in order; default all payload stages. */
  stages?: string[];
  /** Conversion window after step 1, in days; no default (no window). */
  windowDays?: number;
  /**
   * `first` (default): the earliest step-1 event anchors the entity. `any`: every step-1 event
   * may start an attempt; the entity reaches a step if some attempt does within the window, and
   * times are measured from the latest step-1 event before the step (PostHog, ClickHouse `windowFunnel`).
   */
  attempts?: 'first' | 'any';
  mode?: 'ordered' | 'snapshot';
  filter?: CustomerFilter;
  breakdown?: string;
}

export interface FunnelStep {
  stage: string;
  label?: Record<string, string>;
  count: number;
  conversionFromPrevious: number | null;
  conversionFromFirst: number | null;
  /** Entities that reached the previous step and not this one (0 for the first). */
  dropOff: number;
  medianTimeFromPreviousMs: number | null;
}

export interface FunnelResult {
  mode: 'ordered' | 'snapshot';
  steps: FunnelStep[];
  /** Last step count over first step count. */
  overallConversion: number | null;
  /** Stage events whose stage was not among the chosen stages (reported, not counted). */
  ignoredEvents: number;
  groups: { key: string; steps: FunnelStep[]; overallConversion: number | null }[];
}

// ---------------------------------------------------------------- RFM
export const RFM_SEGMENTS = [
  'champions',
  'loyal',
  'potential_loyalist',
  'new',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cant_lose',
  'hibernating',
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

export type RfmAxis = 'r' | 'f' | 'm';

export interface RfmOptions {
  filter?: CustomerFilter;
  /**
   * How equal values score under rank scoring. `low` (default): every tied customer takes the
   * lowest score of the tie, 1 + floor(5 × below / n), which can leave a level empty (51 % of
   * customers at one order: nobody has F = 2). `dense`: a tie holding a level's share takes its
   * score and the others spread over the remaining levels by their rank among themselves.
   */
  ties?: 'low' | 'dense';
  /**
   * Fixed thresholds per axis instead of ranks: five ascending numbers, one per score. F and M:
   * the lowest value earning each score 1..5 (F in purchases or days, M in currency). R, in days:
   * the most days since the last purchase still earning each score 5..1.
   */
  thresholds?: Partial<Record<RfmAxis, readonly number[]>>;
  /** `orders` (default): purchases; `days`: distinct UTC days with a purchase (two orders on one day count once). */
  frequency?: 'orders' | 'days';
}

/** A score level no customer has, and the likely reason. */
export interface RfmWarning {
  axis: RfmAxis;
  score: number;
  rule: 'ranks' | 'thresholds';
  /** The largest group of equal values on the axis, when it holds at least a fifth of the scored customers. */
  tie: { value: number; customers: number; share: number } | null;
  /**
   * The empty score's range under fixed thresholds, in the axis's units: F and M from ≤ v < to;
   * R (days) from < d ≤ to. Null ends are open. Null under ranks.
   */
  range: { from: number | null; to: number | null } | null;
}

export interface RfmCustomer {
  customer: number;
  customerId: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  segment: RfmSegment;
}

export interface RfmCell {
  /** Scores 1..5 on the x and y axes (R and F unless asked otherwise). */
  x: number;
  y: number;
  count: number;
  monetary: number;
  /** Mean M score of the customers in the cell; null when empty. */
  meanM: number | null;
}

export interface RfmResult {
  customers: RfmCustomer[];
  segments: Record<RfmSegment, { customers: number; monetary: number }>;
  /** 25 cells of R (x) by F (y). */
  cells: RfmCell[];
  scored: number;
  /** Customers without a purchase up to asOf: counted, not scored. */
  unscored: number;
  /** One per empty score level on each axis, for the details view ("no customer has F = 2: 51 % are tied at 1 order"). */
  warnings: RfmWarning[];
}

// ---------------------------------------------------------------- Customer signals, health, value
export type SignalKind = 'silent' | 'spend_drop' | 'detractor' | 'service' | 'under_engaged';

export interface Signal {
  kind: SignalKind;
  /** Numbers the element puts into words, e.g. { daysSinceInteraction: 124 }. */
  evidence: Record<string, number | string | null>;
}

export interface SignalOptions {
  silentDays?: number; // 90
  spendDropRatio?: number; // 0.7
  detractorMax?: number; // 6
  serviceResponseHours?: number; // 2
  minInteractions?: number; // 6
  windowDays?: number; // 90
}

export type HealthBand = 'green' | 'yellow' | 'red';
export type LifecycleStage = 'exploring' | 'growing' | 'mature' | 'declining';

export interface HealthWeights {
  recency: number;
  spendTrend: number;
  nps: number;
  engagement: number;
  service: number;
}

export interface HealthOptions extends SignalOptions {
  weights?: Partial<HealthWeights>;
  lifecycle?: { exploringDays?: number; matureDays?: number; growthRatio?: number; declineRatio?: number };
  /** Expected customer lifespan for CLV, in years (default 3). */
  lifespanYears?: number;
  /** Shortest tenure orders per year is computed over, in days (default 90), so a new customer's rate is not inflated. */
  minTenureDays?: number;
  /** Whole days of history a customer needs before CLV is projected (default 90); below it CLV is null, "not enough history". */
  minHistoryDays?: number;
}

export type HealthComponent = keyof HealthWeights;
export const HEALTH_COMPONENTS = ['recency', 'spendTrend', 'nps', 'engagement', 'service'] as const satisfies readonly HealthComponent[];

/**
 * What could be measured on a dataset. A collection absent from the payload is not the same
 * as an empty one: the signals and health components that need it are "not measured".
 */
export interface Measured {
  /** Collections the payload did not carry, in contract order. */
  absent: CollectionName[];
  /** Signals that can fire (the others are not measured). */
  signals: SignalKind[];
  /** Health components the score is the weighted mean of. */
  components: HealthComponent[];
}

export interface CustomerHealth {
  /** Weighted mean of the measured components, 0..100. */
  score: number;
  band: HealthBand;
  stage: LifecycleStage;
  /** Each component 0..100 before weighting; null when not measured (its collection was absent). */
  components: Record<HealthComponent, number | null>;
  /** The components the score was computed over. */
  measured: HealthComponent[];
}

export interface CustomerValue {
  lifetimeRevenue: number;
  orders: number;
  averageOrderValue: number | null;
  ordersPerYear: number | null;
  /** Null without a purchase or with less than `minHistoryDays` of history (see `clvStatus`). */
  clv: number | null;
  clvStatus: 'projected' | 'no-purchase' | 'short-history';
}

/**
 * Per-customer facts gathered in one pass per collection, indexed like `Dataset.customerKeys`:
 * what the signals, health and value are computed from (and their evidence read from).
 * Typed arrays only, so it crosses from a worker as transferable buffers.
 */
export interface CustomerActivity {
  /** Purchases (orders with amount > 0) up to asOf. */
  purchases: Int32Array;
  /** Net sum of all orders up to asOf, refunds included. */
  net: Float64Array;
  /** Earliest order (Infinity when none) and latest purchase (−Infinity when none). */
  firstOrder: Float64Array;
  lastPurchase: Float64Array;
  /** Net revenue in (asOf − window, asOf] and in (asOf − 2 window, asOf − window]. */
  recentRevenue: Float64Array;
  previousRevenue: Float64Array;
  /** Latest interaction (−Infinity when none) and interactions in the last window. */
  lastInteraction: Float64Array;
  recentInteractions: Int32Array;
  /** Row in `surveys` of the latest response, −1 for none. */
  latestSurvey: Int32Array;
  tickets: Int32Array;
  slowTickets: Int32Array;
  unansweredTickets: Int32Array;
  /** Row in `tickets` of the slow ticket that waited longest (−1 for none) and its wait in ms. */
  worstTicket: Int32Array;
  worstWait: Float64Array;
}

export const SIGNAL_KINDS = ['silent', 'spend_drop', 'detractor', 'service', 'under_engaged'] as const satisfies readonly SignalKind[];
export const HEALTH_BANDS = ['green', 'yellow', 'red'] as const satisfies readonly HealthBand[];
export const LIFECYCLE_STAGES = ['exploring', 'growing', 'mature', 'declining'] as const satisfies readonly LifecycleStage[];

/**
 * Signals, health and value of every customer as typed arrays indexed like
 * `Dataset.customerKeys` (no object per customer, so 100,000 customers stay cheap and
 * transferable). `customerInsight(dataset, insights, customer)` gives one customer's
 * full objects with evidence and health components.
 */
export interface CustomerInsights {
  /** Bit k set when `SIGNAL_KINDS[k]` fired. */
  signals: Uint8Array;
  /** Health score 0..100. */
  health: Uint8Array;
  /** Index into `HEALTH_BANDS`. */
  band: Uint8Array;
  /** Index into `LIFECYCLE_STAGES`. */
  stage: Uint8Array;
  value: {
    lifetimeRevenue: Float64Array;
    orders: Int32Array;
    /** NaN where `CustomerValue` says null (no purchase). */
    averageOrderValue: Float64Array;
    ordersPerYear: Float64Array;
    clv: Float64Array;
  };
  activity: CustomerActivity;
  /** Signals and components measured on this dataset (the rest needed an absent collection). */
  measured: Measured;
  /** The options the insights were computed with (as given). */
  options: HealthOptions;
}

export type TimelineKind = 'order' | 'interaction' | 'survey' | 'ticket' | 'stage';

export interface TimelineItem {
  kind: TimelineKind;
  id: string;
  date: number;
  /** Kind-specific facts: amount, channel, score, stage key, resolved … */
  detail: Record<string, number | string | null>;
}

export type CustomerTier = 'high_value' | 'potential' | 'ordinary';

export interface NextBestAction {
  tier: CustomerTier;
  /** An i18n key such as `dedicated_advisor`, `community_content`, `automated_templates`, or a signal remedy. */
  action: string;
  /** The signal that led to the action, when one did. */
  because: SignalKind | null;
}

export interface Customer360 {
  customer: number;
  customerId: string;
  profile: {
    name: string;
    company: string | null;
    segment: string | null;
    region: string | null;
    owner: string | null;
    createdAt: number | null;
  };
  value: CustomerValue;
  /** Net revenue in each of the 12 UTC months ending with asOf's, oldest first (`monthlyRevenue`). */
  revenueByMonth: { month: string; revenue: number }[];
  rfm: RfmCustomer | null;
  health: CustomerHealth;
  /** Signals that fired; those missing from `measured.signals` were not measured. */
  signals: Signal[];
  measured: Measured;
  latestSurvey: { id: string; date: number; score: number; comment: string | null } | null;
  openTickets: { id: string; openedAt: number; firstResponseAt: number | null }[];
  timeline: TimelineItem[];
  nextBestAction: NextBestAction;
}

// ---------------------------------------------------------------- Report
export interface ReportOptions {
  nps?: NpsOptions;
  funnel?: FunnelOptions;
  rfm?: RfmOptions;
  health?: HealthOptions;
  /** One customer's 360 view in the report (as `<crm-customer-360 customer-id>` shows it). */
  customer?: { id: string; timelineLimit?: number; actions?: NextBestActionRules };
}

export interface Report {
  asOf: string;
  /** Collections the payload did not carry: what needs them is not measured. */
  absent: CollectionName[];
  /** Signals that can fire and health components the scores were computed over. */
  measured: Omit<Measured, 'absent'>;
  nps: NpsResult;
  funnel: FunnelResult;
  rfm: RfmResult;
  signals: Record<string, Signal[]>;
  health: Record<string, CustomerHealth>;
  /** With `options.customer`: that customer's 360 view, null for an unknown id. */
  customer?: Customer360 | null;
}

/**
 * The report without per-customer arrays (`report --summary`): the same NPS and funnel,
 * RFM without its customer list, and signals and health as counts.
 */
export interface ReportSummary {
  asOf: string;
  absent: CollectionName[];
  measured: Omit<Measured, 'absent'>;
  nps: NpsResult;
  funnel: FunnelResult;
  rfm: Omit<RfmResult, 'customers'>;
  /** Customers each signal fired for. */
  signals: Record<SignalKind, number>;
  health: {
    customers: number;
    /** Mean health score, rounded to 0.1; null without customers. */
    meanScore: number | null;
    bands: Record<HealthBand, number>;
    stages: Record<LifecycleStage, number>;
  };
  customer?: Customer360 | null;
}
