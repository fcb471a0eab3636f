import type { Warehouse } from './answer.js';
import type { Cell, TableDef } from './tables.js';

/**
 * The two databases the reference SQL runs on. Their drivers are optional peer dependencies,
 * loaded only when a database is opened, so the browser build and the JSON-only CLI never need
 * them: `npm install @duckdb/node-api` (DuckDB, the embedded default) or `npm install pg`.
 */
async function load<T>(name: string): Promise<T> {
  try {
    // A variable specifier: bundlers leave it to Node at run time.
    return (await import(/* @vite-ignore */ name)) as T;
  } catch (error) {
    throw new Error(`this needs the "${name}" package: npm install ${name} (${(error as Error).message})`);
  }
}

/** A writable warehouse: what loaders (tests, the demo generator, `serve --load`) use. */
export interface LoadableWarehouse extends Warehouse {
  exec(sql: string): Promise<void>;
  insert(table: TableDef, rows: readonly Cell[][]): Promise<void>;
}

/** One statement at a time per connection: the server's queries queue here (`idle` is the queue's end). */
function serialOn() {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  return Object.assign(serial, { idle: () => queue });
}

/** DuckDB on a file (or `:memory:`). Text read straight from Parquet/CSV/JSON is done with views (see `serve`). */
export async function openDuckDb(path = ':memory:'): Promise<LoadableWarehouse> {
  const duckdb = await load<typeof import('@duckdb/node-api')>('@duckdb/node-api');
  const instance = await duckdb.DuckDBInstance.create(path);
  const connection = await instance.connect();
  const rowsOf = async (on: typeof connection, sql: string, params: readonly unknown[]) => {
    const reader = await on.runAndReadAll(sql, params as never);
    // Column by column, then rows: half the time of `getRowObjectsJS` on a drill-down cell's 50k–90k rows.
    const names = reader.columnNames();
    const columns = reader.getColumnsJS();
    const rows: Record<string, unknown>[] = new Array(reader.currentRowCount);
    for (let i = 0; i < rows.length; i++) {
      const row: Record<string, unknown> = {};
      for (let k = 0; k < names.length; k++) row[names[k]!] = columns[k]![i];
      rows[i] = row;
    }
    return rows;
  };
  const serial = serialOn();
  // Stored rows (temporary tables, the connection's own) get a connection and a queue of their own, opened when
  // first used: building the drill-down rows for a matrix just answered (seconds at 10M orders) holds up no other query.
  const sessionOf = () => {
    let opened: { connection: Promise<typeof connection>; serial: ReturnType<typeof serialOn> } | null = null;
    return {
      all: (sql: string, params: readonly unknown[]) => {
        opened ??= { connection: instance.connect(), serial: serialOn() };
        const { connection: on, serial: queued } = opened;
        return queued(async () => rowsOf(await on, sql, params));
      },
      close: async () => {
        if (!opened) return;
        await opened.serial.idle();
        (await opened.connection).closeSync();
      },
    };
  };
  const drill = sessionOf();
  const scores = sessionOf();
  return {
    dialect: 'duckdb',
    all: (sql, params) => serial(() => rowsOf(connection, sql, params)),
    session: { all: drill.all },
    scoresSession: { all: scores.all },
    tableNames: () =>
      serial(async () => {
        const reader = await connection.runAndReadAll("SELECT lower(table_name) AS name FROM information_schema.tables WHERE table_schema = 'main'");
        return new Set(reader.getRowObjectsJS().map((row) => String(row.name)));
      }),
    exec: (sql) =>
      serial(async () => {
        await connection.run(sql);
      }),
    insert: (table, rows) =>
      serial(async () => {
        const appender = await connection.createAppender(table.name);
        for (const row of rows) {
          table.columns.forEach(([, type], k) => {
            const value = row[k];
            if (value === null || value === undefined) appender.appendNull();
            else if (type === 'text') appender.appendVarchar(String(value));
            else if (type === 'integer') appender.appendInteger(Number(value));
            else appender.appendBigInt(BigInt(value));
          });
          appender.endRow();
        }
        appender.flushSync();
        appender.closeSync();
      }),
    close: async () => {
      await serial.idle();
      await drill.close();
      await scores.close();
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** The part of the `pg` package used here (it ships no types of its own). */
interface PgModule {
  types: { getTypeParser(oid: number, format?: string): (text: string) => unknown };
  Pool: new (config: { connectionString: string; max: number; types: unknown }) => {
    query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
    connect(): Promise<{
      query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
      on(event: 'error', listener: (error: Error) => void): void;
      release(destroy?: boolean): void;
    }>;
    end(): Promise<void>;
  };
}

/** PostgreSQL at a connection string (`postgres://user@host:port/db`). */
export async function openPostgres(url: string): Promise<LoadableWarehouse> {
  const pg = await load<{ default: PgModule }>('pg');
  // BIGINT and NUMERIC as numbers: every one the reference SQL returns is a count, cents or ms (< 2^53).
  const types = { getTypeParser: (oid: number, format?: string) => (oid === 20 || oid === 1700 ? Number : pg.default.types.getTypeParser(oid, format)) };
  const pool = new pg.default.Pool({ connectionString: url, max: 4, types: types as never });
  // Temporary tables are the connection's: statements on them share one client, taken when first needed, one at a time.
  const sessionOf = () => {
    let pinned: ReturnType<typeof pool.connect> | null = null;
    const serial = serialOn();
    return {
      all: (sql: string, params: readonly unknown[]) =>
        serial(async () => {
          // A lost connection takes its temporary tables with it: the next statement takes a new one.
          pinned ??= pool.connect().then(
            (client) => {
              client.on('error', () => {
                pinned = null;
                client.release(true);
              });
              return client;
            },
            (error: unknown) => {
              pinned = null;
              throw error;
            },
          );
          return (await (await pinned).query(sql, params as unknown[])).rows as Record<string, unknown>[];
        }),
      release: async () => {
        if (pinned) (await pinned.catch(() => null))?.release();
      },
    };
  };
  const drill = sessionOf();
  const scores = sessionOf();
  return {
    dialect: 'postgres',
    all: async (sql, params) => (await pool.query(sql, params as unknown[])).rows as Record<string, unknown>[],
    session: { all: drill.all },
    scoresSession: { all: scores.all },
    tableNames: async () => {
      const { rows } = await pool.query("SELECT lower(table_name) AS name FROM information_schema.tables WHERE table_schema = current_schema()");
      return new Set(rows.map((row) => String(row.name)));
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    insert: async (table, rows) => {
      const width = table.columns.length;
      // Parameters per statement stay under PostgreSQL's 65,535.
      const perStatement = Math.floor(60_000 / width);
      for (let from = 0; from < rows.length; from += perStatement) {
        const chunk = rows.slice(from, from + perStatement);
        const values = chunk.map((_, r) => `(${table.columns.map((_c, k) => `$${r * width + k + 1}`).join(', ')})`).join(', ');
        await pool.query(`INSERT INTO ${table.name} VALUES ${values}`, chunk.flat());
      }
    },
    close: async () => {
      await drill.release();
      await scores.release();
      await pool.end();
    },
  };
}

/** Open what a `--db` names: a postgres:// URL, or a DuckDB file (`:memory:` for none). */
export function openWarehouse(db: string): Promise<LoadableWarehouse> {
  return /^postgres(ql)?:\/\//.test(db) ? openPostgres(db) : openDuckDb(db);
}
