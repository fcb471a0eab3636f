import type { Statement } from './sql.js';

/**
 * Where each customer id stands in the engine's customer order (`Dataset.customerKeys`): the
 * customers rows in export order, or, for a scope without a customers table, the order the ids are
 * first named — collection by collection in contract order, row by row. `position` sorts like the
 * index; `mentioned` is the CTE it reads from (empty when the scope has customers). Read whatever
 * the time filter: a filtered dataset keeps the whole dataset's customer order.
 */
export function customerPosition(stmt: Statement, customerColumn: string): { cte: string; join: string; position: string } {
  if (stmt.ctx.present.has('customers')) {
    return { cte: '', join: `LEFT JOIN ${stmt.table('customers', 'cu')} ON cu.scope = ${stmt.scope} AND cu.id = ${customerColumn}`, position: 'cu.seq' };
  }
  // seq < 10^12 per collection: one integer orders (collection, row).
  const named = (['orders', 'interactions', 'surveys', 'stage_events', 'tickets'] as const)
    .map((table, k) => `SELECT customer_id, ${k + 1} * 1000000000000 + seq AS named_at FROM ${stmt.allRows(table)} WHERE scope = ${stmt.scope} AND customer_id IS NOT NULL`)
    .join('\n    UNION ALL ');
  return {
    cte: `mentioned AS (\n  SELECT customer_id, MIN(named_at) AS named_at FROM (\n    ${named}\n  ) mention GROUP BY customer_id\n), `,
    join: `LEFT JOIN mentioned cu ON cu.customer_id = ${customerColumn}`,
    position: 'cu.named_at',
  };
}
