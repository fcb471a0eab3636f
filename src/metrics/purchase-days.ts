import type { Dataset } from '../contract/dataset.js';
import { DAY_MS } from './time.js';

/**
 * Distinct UTC days with a purchase (an order with amount > 0) up to `asOf`, per customer,
 * indexed like `dataset.customerKeys`: frequency as lifetimes-style summaries count it (two
 * orders on one day are one). A counting sort by customer, then each customer's days sorted.
 */
export function purchaseDays(dataset: Dataset): Int32Array {
  const { asOf, customerKeys } = dataset;
  const { customer, date, amount, length } = dataset.orders;
  const n = customerKeys.length;
  const start = new Int32Array(n + 1);
  for (let i = 0; i < length; i++) if (amount[i]! > 0 && date[i]! <= asOf) start[customer[i]! + 1]!++;
  for (let c = 0; c < n; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, n);
  const days = new Float64Array(start[n]!);
  for (let i = 0; i < length; i++) if (amount[i]! > 0 && date[i]! <= asOf) days[fill[customer[i]!]!++] = Math.floor(date[i]! / DAY_MS);
  const distinct = new Int32Array(n);
  for (let c = 0; c < n; c++) {
    const run = days.subarray(start[c]!, start[c + 1]!).sort();
    let count = 0;
    for (let k = 0; k < run.length; k++) if (k === 0 || run[k] !== run[k - 1]) count++;
    distinct[c] = count;
  }
  return distinct;
}
