// A real PostgreSQL for the tests: initdb in a temporary directory, started on loopback on a
// free port, stopped and removed after. initdb refuses root, so as root it runs as `postgres`.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

function binDir() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(base, v, 'bin/initdb'))) return join(base, v, 'bin');
  return null;
}

const freePort = () =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });

/** Start a server; resolves to { url, stop }, or null when PostgreSQL is not installed. */
export async function startPostgres() {
  const bin = binDir();
  if (!bin) return null;
  const dir = mkdtempSync(join(tmpdir(), 'crm-pg-'));
  const asRoot = userInfo().uid === 0;
  let uid = null;
  if (asRoot) {
    uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (tool, args) => execFileSync(asRoot ? 'runuser' : join(bin, tool), asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args, { stdio: 'pipe' });
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'crm', '--no-sync']);
  const port = await freePort();
  run('pg_ctl', ['-D', data, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-l', join(dir, 'log'), '-w', 'start']);
  // The server is not our child: a process killed or crashing before stop() left it running (a timed-out
  // bench once kept a 10M-row query at full CPU for half an hour). A signal or an exit stops it too.
  let running = true;
  const shutDown = (mode) => {
    if (!running) return;
    running = false;
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    try {
      run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const onExit = () => shutDown('immediate');
  const onSignal = (signal) => {
    try {
      shutDown('immediate');
    } finally {
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
  };
  process.on('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    url: `postgres://crm@127.0.0.1:${port}/postgres`,
    dataDir: data,
    stop: () => shutDown('fast'),
  };
}

/**
 * A test on a real PostgreSQL: the server runs for the enclosing describe block, and `check` gets a
 * fresh connection with the contract's tables created. Skipped where PostgreSQL is not installed —
 * never on CI, where .ci/run installs it and a missing server fails the test.
 */
export function itOnPostgres(name, check) {
  let server = null;
  before(async () => {
    server = await startPostgres();
  });
  after(() => server?.stop());
  it(name, async (t) => {
    if (!server) {
      if (process.env.CI) assert.fail('PostgreSQL is not installed (.ci/run installs it)');
      t.skip('PostgreSQL is not installed (apt-get install postgresql)');
      return;
    }
    const { openPostgres, createTableSql, TABLES } = (await import('./build.mjs')).sources;
    const db = await openPostgres(server.url);
    try {
      for (const table of Object.values(TABLES)) await db.exec(createTableSql(table));
      await check(db);
    } finally {
      await db.close();
    }
  });
}
