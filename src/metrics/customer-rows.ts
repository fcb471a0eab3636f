import type { Dataset } from '../contract/dataset.js';

/** The rows of one customer in each collection, in row order (whatever their dates). */
export interface CustomerRows {
  orders: readonly number[];
  interactions: readonly number[];
  surveys: readonly number[];
  tickets: readonly number[];
  stageEvents: readonly number[];
}

type Collection = keyof CustomerRows;
const COLLECTIONS: readonly Collection[] = ['orders', 'interactions', 'surveys', 'tickets', 'stageEvents'];

interface Memo {
  customer: number;
  columns: Int32Array[];
  lengths: number[];
  rows: CustomerRows;
}

// The 360 card's activity, survey, tickets, monthly revenue and timeline each read one customer's
// rows; scanning a million orders for each of them was most of the card's time. One entry per
// dataset: the card asks for one customer at a time.
const memo = new WeakMap<Dataset, Memo>();

/**
 * Customer index `c`'s rows, one scan of each collection's customer column, remembered for the
 * dataset's last customer. The entry is checked against the columns, so a dataset whose columns
 * were replaced or transferred is scanned again, never read stale.
 */
export function customerRows(dataset: Dataset, c: number): CustomerRows {
  const columns = COLLECTIONS.map((name) => dataset[name].customer);
  const lengths = COLLECTIONS.map((name) => dataset[name].length);
  const hit = memo.get(dataset);
  if (hit && hit.customer === c && hit.columns.every((column, k) => column === columns[k] && hit.lengths[k] === lengths[k])) return hit.rows;
  const rows = Object.fromEntries(COLLECTIONS.map((name, k) => [name, rowsOf(columns[k]!, lengths[k]!, c)])) as unknown as CustomerRows;
  memo.set(dataset, { customer: c, columns, lengths, rows });
  return rows;
}

function rowsOf(customer: Int32Array, length: number, c: number): number[] {
  const rows: number[] = [];
  for (let i = 0; i < length; i++) if (customer[i] === c) rows.push(i);
  return rows;
}
