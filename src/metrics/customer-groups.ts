import type { Dataset } from '../contract/dataset.js';
import { customerFieldValue } from './customer-field-value.js';
import type { CustomerFilter } from './types.js';

/** Customers split by one field: `group[customer]` indexes `keys`; '' stands for "unknown". */
export interface CustomerGroups {
  keys: string[];
  group: Int32Array;
}

/** Read a field once per customer so row loops only index typed arrays. */
export function customerGroups(dataset: Dataset, field: string): CustomerGroups {
  const n = dataset.customerKeys.length;
  const group = new Int32Array(n);
  const keys: string[] = [];
  const index = new Map<string, number>();
  for (let c = 0; c < n; c++) {
    const key = customerFieldValue(dataset, c, field) ?? '';
    let g = index.get(key);
    if (g === undefined) {
      g = keys.length;
      index.set(key, g);
      keys.push(key);
    }
    group[c] = g;
  }
  return { keys, group };
}

/**
 * 1 for the customers a filter keeps, within the dataset's scope when a query's filters set one
 * (`ranked`: the wider scope RFM ranks among); null when nothing restricts (everything counts).
 */
export function customerMask(dataset: Dataset, filter: CustomerFilter | undefined, scope: 'customers' | 'ranked' = 'customers'): Uint8Array | null {
  const within = dataset.scope?.[scope] ?? null;
  if (!filter) return within;
  const n = dataset.customerKeys.length;
  const mask = new Uint8Array(n);
  for (let c = 0; c < n; c++) if ((!within || within[c]) && customerFieldValue(dataset, c, filter.field) === filter.value) mask[c] = 1;
  return mask;
}
