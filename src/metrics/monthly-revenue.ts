import type { Dataset } from '../contract/dataset.js';
import { monthIndex, monthIndexStart, monthKey } from './calendar.js';
import { customerRows } from './customer-rows.js';
import { roundCents } from './round.js';

export interface MonthRevenue {
  /** `YYYY-MM` (UTC). */
  month: string;
  /** Net order amounts dated in the month, refunds included, in cents. */
  revenue: number;
}

/**
 * One customer's net order revenue per UTC calendar month, for the `months` months that end with
 * asOf's month (that month counts up to asOf), oldest first, months without orders as 0: the
 * revenue sparkline of the customer 360 card. Same sum as lifetime revenue, split by month.
 */
export function monthlyRevenue(dataset: Dataset, customer: number, months = 12): MonthRevenue[] {
  const { asOf, orders } = dataset;
  const last = monthIndex(asOf);
  const first = last - months + 1;
  const sums = new Float64Array(months);
  for (const i of customerRows(dataset, customer).orders) {
    const date = orders.date[i]!;
    if (!(date <= asOf)) continue;
    const slot = monthIndex(date) - first;
    if (slot >= 0) sums[slot]! += orders.amount[i]!;
  }
  return Array.from(sums, (sum, k) => ({ month: monthKey(monthIndexStart(first + k)), revenue: roundCents(sum) }));
}
