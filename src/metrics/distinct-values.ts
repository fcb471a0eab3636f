import type { Dataset } from '../contract/dataset.js';
import { customerGroups, customerMask } from './customer-groups.js';

export interface FieldValues {
  field: string;
  /** Most customers first, then by value; customers without a value are not listed. */
  values: { value: string; customers: number }[];
  truncated: boolean;
}

/**
 * The values customers take on each field, with how many customers (in the dataset's scope)
 * hold each: what a filter bar offers. Only rows of `customers` count, not customers that
 * records merely reference. At most `limit` values per field.
 */
export function distinctValues(dataset: Dataset, fields: readonly string[], limit = 200): FieldValues[] {
  const scope = customerMask(dataset, undefined);
  const rows = dataset.customers.length;
  return fields.map((field) => {
    const { keys, group } = customerGroups(dataset, field);
    const counts = new Int32Array(keys.length);
    for (let c = 0; c < rows; c++) if (!scope || scope[c]) counts[group[c]!]!++;
    const values = keys
      .map((value, g) => ({ value, customers: counts[g]! }))
      .filter((entry) => entry.value !== '' && entry.customers > 0)
      .sort((a, b) => b.customers - a.customers || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    return { field, values: values.slice(0, limit), truncated: values.length > limit };
  });
}
