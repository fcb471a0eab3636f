import type { Dataset } from '../../contract/index.js';
import { HEALTH_BANDS, type CustomerInsights, type HealthBand, type RfmResult, type RfmSegment } from '../../metrics/index.js';

/** One customer of the drill-down table: the RFM facts of the cell joined with name, company and health. */
export interface DrillRow {
  customerId: string;
  name: string;
  company: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
  segment: RfmSegment;
  segmentLabel: string;
  /** Null while the health scores are not available (a warm load before the dataset is back). */
  health: number | null;
  band: HealthBand | null;
  /** Lower-cased name, company, segment and id: what the text filter looks in. */
  search: string;
}

/**
 * The rows of a cell's customers. `members` index `rfm.customers` (from `rfmGrid`); names and
 * companies come from the dataset when it is there, else the customer id stands in.
 */
export function drillRows(
  rfm: RfmResult,
  members: readonly number[],
  dataset: Dataset | null,
  insights: CustomerInsights | undefined,
  segmentLabel: (segment: RfmSegment) => string,
): DrillRow[] {
  const customers = dataset?.customers;
  return members.map((k) => {
    const c = rfm.customers[k]!;
    const known = customers && c.customer < customers.length;
    const name = (known ? customers.name[c.customer] : null) || c.customerId;
    const company = (known ? customers.company[c.customer] : null) ?? '';
    const segmentText = segmentLabel(c.segment);
    const health = insights ? insights.health[c.customer]! : null;
    return {
      customerId: c.customerId,
      name,
      company,
      recencyDays: c.recencyDays,
      frequency: c.frequency,
      monetary: c.monetary,
      segment: c.segment,
      segmentLabel: segmentText,
      health,
      band: insights ? HEALTH_BANDS[insights.band[c.customer]!]! : null,
      search: `${name}\u0000${company}\u0000${segmentText}\u0000${c.customerId}`.toLowerCase(),
    };
  });
}
