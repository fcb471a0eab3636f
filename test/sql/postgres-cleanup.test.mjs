// The test and bench PostgreSQL (postgres.mjs) must not outlive the process that started it:
// killed by a timeout (SIGTERM), interrupted (SIGINT) or ended without calling stop().
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { describe, it } from 'node:test';

const starter = `
  import { startPostgres } from ${JSON.stringify(new URL('./postgres.mjs', import.meta.url).href)};
  const server = await startPostgres();
  if (!server) { console.log('none'); process.exit(0); }
  console.log(JSON.stringify({ url: server.url, dataDir: server.dataDir }));
  if (process.argv[1] === 'exit') process.exit(0);
  setInterval(() => {}, 1000);
`;

/** Start PostgreSQL in a child process; resolves once it runs, with the child and where the server is. */
function startChild(mode) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', starter, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve({ child, server: line === 'none' ? null : JSON.parse(line) });
    });
    child.once('error', reject);
  });
}

const accepts = (url) =>
  new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

const ended = (child) => new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code, signal) => resolve(code ?? signal))));

describe('the test PostgreSQL ends with the process that started it', () => {
  for (const [mode, act] of [
    ['SIGTERM', (child) => child.kill('SIGTERM')],
    ['SIGINT', (child) => child.kill('SIGINT')],
    ['exit', () => undefined],
  ]) {
    it(`stops the server and removes its data directory on ${mode}`, async (t) => {
      const { child, server } = await startChild(mode);
      if (!server) return t.skip('PostgreSQL is not installed');
      act(child);
      await ended(child);
      assert.equal(await accepts(server.url), false, 'the server still accepts connections');
      assert.equal(existsSync(server.dataDir), false, 'the data directory is still there');
    });
  }
});
