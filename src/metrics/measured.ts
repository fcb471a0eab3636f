import { COLLECTION_NAMES, type CollectionName } from '../contract/fields.js';
import type { Dataset } from '../contract/dataset.js';

/**
 * Collections the payload did not carry at all, in contract order. The one rule every metric
 * follows: a collection absent from the payload is "not measured", never "none for anyone";
 * a collection that is present but has no rows for a customer is a fact about that customer.
 */
export function absentCollections(dataset: Dataset): CollectionName[] {
  return COLLECTION_NAMES.filter((name) => dataset.present[name] === false);
}
