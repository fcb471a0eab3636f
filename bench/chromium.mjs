// One way for the benches to drive Chromium: the launch (bench/run.mjs, bench/warehouse.mjs) and
// what "drawn" means for each of the four widgets (the demo page step, the warehouse page step).
// The four selectors themselves are in bench/ready.mjs, which the bench page's bundle shares.
import { readFile, readdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { READY } from './ready.mjs';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium.mjs';

export function launchChromium() {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
}

export { READY };

/**
 * An init script (runs in the page before its own scripts): `window.__drawn` records, in
 * performance.now() from navigation start, when each of the four widgets is drawn, and the
 * first widget that shows its error view or fires `crm-error` instead. `done` once all four are
 * drawn or one failed; `definedAt` when the four elements are defined (they mount then), `loadedAt`
 * the first `crm-load`. Polls every 4 ms: a MutationObserver would need every shadow root first.
 */
export const WATCH_DRAWN = `(() => {
  const READY = ${JSON.stringify(READY)};
  const d = (window.__drawn = { ready: {}, error: null, done: false, allAt: null, definedAt: null, loadedAt: null });
  document.addEventListener('crm-error', (e) => { d.error ??= e.target.localName + ': ' + (e.detail?.message ?? 'crm-error'); }, true);
  document.addEventListener('crm-load', () => { d.loadedAt ??= performance.now(); }, true);
  // The widgets mount once the kit's elements are defined: the end of the page's script loading.
  Promise.all(Object.keys(READY).map((tag) => customElements.whenDefined(tag))).then(() => { d.definedAt = performance.now(); });
  const poll = setInterval(() => {
    for (const [tag, sel] of Object.entries(READY)) {
      const root = document.querySelector(tag)?.shadowRoot;
      if (!d.ready[tag] && root?.querySelector(sel)) d.ready[tag] = performance.now();
      const failed = root?.querySelector('[part~="error"]');
      if (failed) d.error ??= tag + ': ' + failed.textContent.trim().slice(0, 300);
    }
    if (d.error || Object.keys(d.ready).length === 4) { d.done = true; d.allAt = performance.now(); clearInterval(poll); }
  }, 4);
})();`;

/**
 * Resident memory of the renderer processes (the page and its workers) of browsers this process
 * launched, MB, summed: another browser on the machine (someone's tests) is not counted. Read from
 * /proc without blocking, because the bench's HTTP server runs on this event loop: a sampler that
 * spawned `ps` and `cat` synchronously every 100 ms starved it, and the 5M load's six streams took
 * 8 s to reach the worker, against 1.1 s fetched with the sampler stopped.
 */
export async function rendererMemoryMB() {
  const processes = new Map();
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  await Promise.all(
    pids.map(async (pid) => {
      try {
        const [cmdline, stat] = await Promise.all([readFile(`/proc/${pid}/cmdline`, 'utf8'), readFile(`/proc/${pid}/stat`, 'utf8')]);
        // The parent pid follows the state, after the command name (which may hold spaces: hence the last ')').
        processes.set(Number(pid), { cmdline, parent: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) });
      } catch {
        // The process ended between listing and reading.
      }
    }),
  );
  const ours = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 16; p = processes.get(p)?.parent ?? 0, hops++) if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, { cmdline }] of processes) {
    if (!cmdline.includes('--type=renderer') || !ours(pid)) continue;
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    } catch {
      // Ended meanwhile.
    }
  }
  return total;
}

/** Sample `rendererMemoryMB` every `everyMs` until `stop()`, which resolves to the peak, MB. */
export function samplePeakMemory(everyMs = 100) {
  let peak = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      peak = Math.max(peak, await rendererMemoryMB());
      await new Promise((r) => setTimeout(r, everyMs));
    }
    return Math.max(peak, await rendererMemoryMB());
  })();
  return { stop: () => ((running = false), done) };
}
