import type { Dataset } from '../contract/dataset.js';

const TEXT_FIELDS = ['name', 'company', 'segment', 'region', 'owner', 'lifecycleStage'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

function asText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/**
 * The value a breakdown or filter sees for one customer: a contract field (`id`, `name`,
 * `company`, `segment`, `region`, `owner`, `lifecycleStage`, `createdAt` as ISO text),
 * `attributes.<name>`, or an extra column the backend added. Null when unknown, and for
 * customers that were only referenced (no row in `customers`), except their `id`.
 */
export function customerFieldValue(dataset: Dataset, customerIndex: number, field: string): string | null {
  if (customerIndex < 0 || customerIndex >= dataset.customerKeys.length) return null;
  if (field === 'id') return dataset.customerKeys[customerIndex]!;
  const table = dataset.customers;
  if (customerIndex >= table.length) return null;
  if ((TEXT_FIELDS as readonly string[]).includes(field)) return table[field as TextField][customerIndex] ?? null;
  if (field === 'createdAt') {
    const t = table.createdAt[customerIndex]!;
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  // Own properties only: a filter on `constructor` or `__proto__` must not read the prototype.
  if (field.startsWith('attributes.')) {
    const attributes = table.attributes[customerIndex];
    const name = field.slice('attributes.'.length);
    return attributes && Object.hasOwn(attributes, name) ? asText(attributes[name]) : null;
  }
  return Object.hasOwn(table.extra, field) ? asText(table.extra[field]![customerIndex]) : null;
}
