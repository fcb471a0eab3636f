import { COLLECTION_NAMES, type CollectionName } from '../contract/fields.js';
import type { Dataset } from '../contract/dataset.js';
import { HEALTH_COMPONENTS, SIGNAL_KINDS, type HealthComponent, type Measured, type SignalKind } from './types.js';

/**
 * Collections the payload did not carry at all, in contract order. The one rule every metric
 * follows: a collection absent from the payload is "not measured", never "none for anyone";
 * a collection that is present but has no rows for a customer is a fact about that customer.
 */
export function absentCollections(dataset: Pick<Dataset, 'present'>): CollectionName[] {
  return COLLECTION_NAMES.filter((name) => dataset.present[name] === false);
}

/** Which collections each signal and health component reads; recency needs orders or interactions. */
export const SIGNAL_NEEDS: Readonly<Record<SignalKind, CollectionName>> = {
  silent: 'interactions',
  spend_drop: 'orders',
  detractor: 'surveys',
  service: 'tickets',
  under_engaged: 'interactions',
};
export const COMPONENT_NEEDS: Readonly<Record<HealthComponent, readonly CollectionName[]>> = {
  recency: ['orders', 'interactions'],
  spendTrend: ['orders'],
  nps: ['surveys'],
  engagement: ['interactions'],
  service: ['tickets'],
};

/** What customer insights can measure on this dataset: signals and health components whose collections the payload carried. */
export function measuredInsights(dataset: Dataset): Measured {
  const absent = absentCollections(dataset);
  const present = (name: CollectionName) => !absent.includes(name);
  return {
    absent,
    signals: SIGNAL_KINDS.filter((kind) => present(SIGNAL_NEEDS[kind])),
    components: HEALTH_COMPONENTS.filter((name) => COMPONENT_NEEDS[name].some(present)),
  };
}
