export * from './time.js';
export { METRICS_VERSION } from './version.js';
export * from './types.js';
export { parsePeriod } from './parse-period.js';
export { absentCollections, measuredInsights, SIGNAL_NEEDS, COMPONENT_NEEDS } from './measured.js';
export { parseFilter } from './parse-filter.js';
export { customerFieldValue } from './customer-field-value.js';
export { periodWindow, inWindow, type TimeWindow } from './period-window.js';
export { monthKey, isoWeekKey } from './calendar.js';
export { npsCounts, npsInterval, npsMarginOfError, Z_95, type NpsInterval } from './nps-score.js';
export { computeNps } from './compute-nps.js';
export { computeRfm } from './compute-rfm.js';
export { rfmGrid, type RfmGridCell } from './rfm-grid.js';
export { segmentOf } from './segment-of.js';
export { rankScores } from './rank-scores.js';
export { denseScores, thresholdScores, parseThresholds } from './score-rules.js';
export { roundCents } from './round.js';
export { computeFunnel } from './compute-funnel.js';
export { filterDataset, hasFilters } from './filter-dataset.js';
export { filtersFromSearchParams, filtersToSearchParams, formatPeriod } from './filter-params.js';
export { mergeFilters } from './merge-filters.js';
export { changeOf, previousPeriod } from './previous-period.js';
export { segmentMigration, type SegmentMigration } from './segment-migration.js';
export { distinctValues, type FieldValues } from './distinct-values.js';
export { computeInsights } from './compute-insights.js';
export { DEFAULT_HEALTH_WEIGHTS, DEFAULT_SIGNAL_THRESHOLDS, DEFAULT_LIFECYCLE } from './health-defaults.js';
export { bandOf, customerInsight, signalKinds } from './customer-insight.js';
export { nextBestAction, customerTier, DEFAULT_ACTION_RULES, type NextBestActionRules } from './next-best-action.js';
export { describeCustomer, type DescribeOptions } from './describe-customer.js';
export { monthlyRevenue, type MonthRevenue } from './monthly-revenue.js';
export { computeReport, computeReportSummary, reportFromPayload } from './compute-report.js';
export {
  EXIT,
  FLAGS,
  parseCommandLine,
  reportCommand,
  REPORT_USAGE,
  runReport,
  USAGE,
  validateCommand,
  type CommandLine,
  type CommandOptions,
  type CommandOutput,
} from './report-command.js';
