#!/usr/bin/env node
// The demo's warehouse mode: a DuckDB file of generated CRM data at warehouse scale (default
// 10,000,000 orders, 1,000,000 customers), made inside DuckDB with range() and hash() so no row
// passes through JavaScript. Not committed: run it once, then serve it:
//
//   node scripts/warehouse-demo.mjs [--orders 10000000] [--out demo/warehouse.duckdb]
//   npx crm-widget-kit serve --db demo/warehouse.duckdb --cors http://localhost:5173
//   open demo/warehouse.html (query-src points at the server; scope "demo")
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const DAY = 86_400_000;
export const DEMO_AS_OF = Date.UTC(2026, 5, 30);
const STAGES = [
  { key: 'lead', label: { en: 'Lead', 'zh-CN': '线索' } },
  { key: 'opportunity', label: { en: 'Opportunity', 'zh-CN': '商机' } },
  { key: 'proposal', label: { en: 'Proposal', 'zh-CN': '方案' } },
  { key: 'signed', label: { en: 'Signed', 'zh-CN': '签约' } },
];
const text = (value) => `'${String(value).replaceAll("'", "''")}'`;
const pick = (list, seed) => `[${list.map(text).join(', ')}][1 + CAST(hash(i, ${seed}) % ${list.length} AS BIGINT)]`;

/** The statements that fill one scope of `orders` orders (customers: a tenth of that). */
export function demoStatements({ orders, scope = 'demo' }) {
  const customers = Math.max(1, Math.round(orders / 10));
  const entities = Math.max(1, Math.round(customers / 2));
  const asOf = DEMO_AS_OF;
  const daysAgo = (seed, days) => `CAST(${asOf} - (hash(i, ${seed}) % ${days}) * ${DAY} - (hash(i, ${seed + 100}) % 2) * ${DAY / 2} AS BIGINT)`;
  return [
    `INSERT INTO crm_datasets VALUES (${text(scope)}, ${asOf}, 'CNY', ${text(JSON.stringify(STAGES))}, ${text(JSON.stringify(['customers', 'orders', 'interactions', 'surveys', 'stageEvents', 'tickets']))})`,
    `INSERT INTO customers SELECT ${text(scope)}, i, 'c' || i, CASE WHEN i % 7 = 0 THEN '客户 ' || i ELSE 'Customer ' || i END,
       ${pick(['Acme', 'Globex', 'Initech', '华为', '腾讯'], 1)}, ${pick(['B2B', 'B2C'], 2)}, ${pick(['华东', '华南', '华北', 'North', 'South'], 3)},
       ${pick(['Li', 'Wang', 'Smith', 'Chen'], 4)}, ${daysAgo(5, 1500)}, ${pick(['lead', 'opportunity', 'proposal', 'signed'], 6)}, NULL
     FROM range(${customers}) t(i)`,
    // Amounts from a small set of prices (ties in M), one in 25 a refund; a few after asOf.
    `INSERT INTO orders SELECT ${text(scope)}, i, 'o' || i, 'c' || CAST(hash(i, 11) % ${customers} AS BIGINT),
       CASE WHEN hash(i, 12) % 500 = 0 THEN ${asOf} + ${DAY} ELSE ${daysAgo(13, 730)} END,
       CASE WHEN hash(i, 14) % 25 = 0 THEN -CAST(100 + hash(i, 15) % 5000 AS BIGINT) ELSE CAST((1 + hash(i, 16) % 40) * 2499 AS BIGINT) END
     FROM range(${orders}) t(i)`,
    `INSERT INTO surveys SELECT ${text(scope)}, i, 's' || i, CASE WHEN hash(i, 21) % 10 = 0 THEN NULL ELSE 'c' || CAST(hash(i, 22) % ${customers} AS BIGINT) END,
       ${daysAgo(23, 540)}, CAST(hash(i, 24) % 11 AS INTEGER), NULL
     FROM range(${Math.round(orders / 20)}) t(i)`,
    // Up to four stages per entity, some duplicated; rows in no particular order.
    `INSERT INTO stage_events SELECT ${text(scope)}, hash(i, 39) % 1000000007, 'd' || (i // 5), 'c' || CAST(hash(i // 5, 31) % ${customers} AS BIGINT),
       ${`[${STAGES.map((s) => text(s.key)).join(', ')}]`}[1 + LEAST(i % 5, 3)],
       CAST(${asOf} - (hash(i // 5, 32) % 400) * ${DAY} + (i % 5) * (hash(i // 5, 33) % 30) * ${DAY} AS BIGINT)
     FROM range(${entities * 5}) t(i) WHERE i % 5 < hash(i // 5, 34) % 6`,
    `INSERT INTO interactions SELECT ${text(scope)}, i, 'i' || i, 'c' || CAST(hash(i, 41) % ${customers} AS BIGINT), ${daysAgo(42, 365)}, ${pick(['email', 'phone', 'wechat', 'meeting'], 43)}
     FROM range(${Math.round(orders / 4)}) t(i)`,
    `INSERT INTO tickets SELECT ${text(scope)}, i, 't' || i, 'c' || CAST(hash(i, 51) % ${customers} AS BIGINT), ${daysAgo(52, 180)},
       CASE WHEN hash(i, 53) % 4 = 0 THEN NULL ELSE ${daysAgo(52, 180)} + CAST(hash(i, 54) % 72 AS BIGINT) * 3600000 END, NULL
     FROM range(${Math.round(orders / 40)}) t(i)`,
  ];
}

/** Create the tables (the reference schema, src/warehouse/tables.ts) in a DuckDB connection and fill them. */
export async function buildDemo(connection, { orders, scope, createTables }) {
  for (const statement of createTables) await connection.run(statement);
  for (const statement of demoStatements({ orders, scope })) await connection.run(statement);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { orders: { type: 'string', default: '10000000' }, out: { type: 'string', default: 'demo/warehouse.duckdb' } } });
  const out = resolve(values.out);
  const orders = Number(values.orders);
  if (existsSync(out)) rmSync(out);
  const { TABLES, createTableSql } = await import('../dist/warehouse.js').catch(() => {
    throw new Error('run npm run build first (the table definitions come from dist/warehouse.js)');
  });
  const started = performance.now();
  const instance = await DuckDBInstance.create(out);
  const connection = await instance.connect();
  await buildDemo(connection, { orders, scope: 'demo', createTables: Object.values(TABLES).map(createTableSql) });
  connection.closeSync();
  instance.closeSync();
  console.log(`${out}: ${orders.toLocaleString('en')} orders in ${((performance.now() - started) / 1000).toFixed(1)} s, ${(statSync(out).size / 1e6).toFixed(0)} MB`);
}
