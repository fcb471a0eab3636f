import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { EXIT, type CommandOutput } from '../metrics/report-command.js';
import { openDuckDb, openWarehouse, type LoadableWarehouse } from '../warehouse/drivers.js';
import { payloadFromWarehouse, warehouseScopes } from '../warehouse/payload.js';
import { TABLES } from '../warehouse/tables.js';
import { exportCommand } from './export-command.js';
import { addFilterFlag, FILTER_FLAGS, filtersOfFlags } from '../metrics/filter-flags.js';
import { createQueryServer, type AuthHook } from './serve-http.js';

export const SERVE_USAGE = `Usage: crm-widget-kit serve [--db FILE|postgres://…] [--files DIR] [options]
  Answers the query protocol over HTTP (POST a batch to --path) with the reference SQL.
  --db FILE|URL      a DuckDB database file (default: in memory) or a postgres:// connection string
  --files DIR        DuckDB only: read the tables from files in DIR, <table>.parquet, .csv or .json
                     (crm_datasets, customers, orders, interactions, surveys, stage_events, tickets)
  --port N           default 8787 (0: any free port)    --host H   default 127.0.0.1
  --path P           default /api/crm/query
  --auth MODULE      an ES module whose default export maps a request to its scope, or null to refuse;
                     without it the scope is the X-CRM-Scope header (development only)
  --cache-seconds N  reuse a computed result for N seconds (default 60, 0 to turn off)
  --cors ORIGIN      allow a page on ORIGIN to query (development)

Usage: crm-widget-kit export --db FILE|URL --out DIR [--scope S]... [filters]
  Writes each scope's data as the browser contract (Arrow form) into DIR/<scope>/.
  Filters, as for report (each may repeat): only the rows they keep, asOf at the period's end.
${FILTER_FLAGS.map((f) => `  ${`${f.name} ${f.value}`.padEnd(27)}${f.help}`).join('\n')}`;

const FILE_READERS: Record<string, string> = { parquet: 'read_parquet', csv: 'read_csv_auto', json: 'read_json_auto' };

/** Views over the files of a directory: DuckDB reads Parquet, CSV and JSON in place. */
async function attachFiles(db: LoadableWarehouse, dir: string): Promise<string[]> {
  const attached: string[] = [];
  for (const table of Object.keys(TABLES)) {
    for (const [ext, reader] of Object.entries(FILE_READERS)) {
      const file = resolve(dir, `${table}.${ext}`);
      if (!existsSync(file)) continue;
      await db.exec(`CREATE VIEW ${table} AS SELECT * FROM ${reader}('${file.replaceAll("'", "''")}')`);
      attached.push(`${table}.${ext}`);
      break;
    }
  }
  return attached;
}

async function loadAuth(module: string | undefined): Promise<AuthHook | undefined> {
  if (!module) return undefined;
  const hook = ((await import(pathToFileURL(resolve(module)).href)) as { default?: unknown }).default;
  if (typeof hook !== 'function') throw new Error(`--auth ${module}: its default export is not a function`);
  return hook as AuthHook;
}

/** `serve`: runs until the process is stopped; resolves once listening (the URL is printed). */
export async function serveCommand(argv: string[]): Promise<CommandOutput | null> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        db: { type: 'string' },
        files: { type: 'string' },
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        path: { type: 'string', default: '/api/crm/query' },
        auth: { type: 'string' },
        'cache-seconds': { type: 'string', default: '60' },
        cors: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { stdout: '', stderr: `${(error as Error).message}\n${SERVE_USAGE}`, exitCode: EXIT.usage };
  }
  if (values.help) return { stdout: SERVE_USAGE, stderr: '', exitCode: EXIT.clean };
  const port = Number(values.port);
  const cacheSeconds = Number(values['cache-seconds']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { stdout: '', stderr: `--port ${values.port}: not a port`, exitCode: EXIT.usage };
  if (!(cacheSeconds >= 0)) return { stdout: '', stderr: `--cache-seconds ${values['cache-seconds']}: not a number of seconds`, exitCode: EXIT.usage };
  if (values.files && values.db && /^postgres/.test(values.db)) return { stdout: '', stderr: '--files reads files with DuckDB: leave out --db postgres://…', exitCode: EXIT.usage };
  let db: LoadableWarehouse;
  try {
    db = values.db ? await openWarehouse(values.db) : await openDuckDb(':memory:');
    if (values.files) await attachFiles(db, values.files);
  } catch (error) {
    return { stdout: '', stderr: `cannot open the database: ${(error as Error).message}`, exitCode: EXIT.usage };
  }
  const auth = await loadAuth(values.auth);
  const server = createQueryServer({ db, path: values.path, auth, cacheMs: cacheSeconds * 1000, cors: values.cors });
  await new Promise<void>((done) => server.listen(port, values.host, done));
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  process.stdout.write(`crm-widget-kit serve: http://${values.host}:${actual}${values.path} (${db.dialect})\n`);
  const stop = () => {
    server.close();
    void db.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return null;
}

/** `export --db`: every scope (or the `--scope` ones) as the Arrow form of the contract, one directory each. */
export async function exportFromDatabase(argv: string[]): Promise<CommandOutput> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        db: { type: 'string' },
        out: { type: 'string' },
        scope: { type: 'string', multiple: true },
        format: { type: 'string', default: 'arrow' },
        ...Object.fromEntries(FILTER_FLAGS.map((f) => [f.name.slice(2), { type: 'string', multiple: true }] as const)),
      },
    }));
  } catch (error) {
    return { stdout: '', stderr: `${(error as Error).message}\n${SERVE_USAGE}`, exitCode: EXIT.usage };
  }
  const params = new URLSearchParams();
  for (const flag of FILTER_FLAGS) {
    for (const value of (values as unknown as Record<string, string[] | undefined>)[flag.name.slice(2)] ?? []) {
      const error = addFilterFlag(params, flag.name, value);
      if (error) return { stdout: '', stderr: `${flag.name}: ${error}`, exitCode: EXIT.usage };
    }
  }
  const filters = filtersOfFlags(params);
  if (!values.db || !values.out) return { stdout: '', stderr: `export --db needs --db and --out\n${SERVE_USAGE}`, exitCode: EXIT.usage };
  if (values.format !== 'arrow') return { stdout: '', stderr: `--format ${values.format}: export writes the arrow form`, exitCode: EXIT.usage };
  const db = await openWarehouse(values.db);
  try {
    const scopes = values.scope ?? (await warehouseScopes(db));
    const summary: Record<string, unknown>[] = [];
    let exitCode: number = EXIT.clean;
    for (const scope of scopes) {
      const out = join(values.out, scope.replace(/[^\w.-]/g, '_'));
      const { files, ...output } = exportCommand(await payloadFromWarehouse(db, scope, filters), { format: 'arrow', out, summary: false, pretty: false, report: {} });
      if (output.exitCode !== EXIT.clean) exitCode = Math.max(exitCode, output.exitCode);
      mkdirSync(out, { recursive: true });
      for (const file of files) writeFileSync(join(out, file.name), file.bytes);
      summary.push({ scope, ...(JSON.parse(output.stdout || '{}') as Record<string, unknown>) });
    }
    return { stdout: JSON.stringify(summary), stderr: '', exitCode };
  } catch (error) {
    return { stdout: '', stderr: `export: ${(error as Error).message}`, exitCode: EXIT.usage };
  } finally {
    await db.close();
  }
}
