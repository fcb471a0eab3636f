import { roundCents } from './round.js';
import type { RfmAxis, RfmCell, RfmResult } from './types.js';

export interface RfmGridCell extends RfmCell {
  /** Indices into `rfm.customers` of the customers in the cell, for the drill-down table. */
  members: number[];
}

/**
 * The 25 cells of a segment matrix on any two score axes, row by row: y = 1 first,
 * x = 1..5 within a row (the same order as `rfm.cells`, which is `rfmGrid(rfm, 'r', 'f')`
 * without members).
 */
export function rfmGrid(rfm: RfmResult, x: RfmAxis, y: RfmAxis): RfmGridCell[] {
  const cells: RfmGridCell[] = [];
  for (let yy = 1; yy <= 5; yy++) {
    for (let xx = 1; xx <= 5; xx++) cells.push({ x: xx, y: yy, count: 0, monetary: 0, meanM: null, members: [] });
  }
  const mSum = new Float64Array(25);
  rfm.customers.forEach((customer, k) => {
    const cell = cells[(customer[y] - 1) * 5 + (customer[x] - 1)]!;
    cell.count++;
    cell.monetary += customer.monetary;
    cell.members.push(k);
    mSum[(customer[y] - 1) * 5 + (customer[x] - 1)]! += customer.m;
  });
  cells.forEach((cell, i) => {
    cell.monetary = roundCents(cell.monetary);
    cell.meanM = cell.count ? mSum[i]! / cell.count : null;
  });
  return cells;
}
