/**
 * The version of the metrics' results: bumped whenever a formula or a result's shape changes,
 * so results cached in IndexedDB by an earlier kit are computed again rather than shown.
 * 2: absent collections not measured, NPS interval bounds and indicative scores, whole-day
 *    CLV tenure, funnel attempts, RFM ties / thresholds / frequency and warnings.
 */
export const METRICS_VERSION = 2;
