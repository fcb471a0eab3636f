// One way for the benches to drive Chromium: the launch (bench/run.mjs, bench/warehouse.mjs) and
// what "drawn" means for each of the four widgets (the demo page step, the warehouse page step).
// bench/render.ts, inside the bench page's bundle, keeps the same four selectors in its WIDGETS.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** CHROME_PATH, or Debian's / Chrome's usual paths. */
export const chromiumPath = () => process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);

export function launchChromium() {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
}

/** A widget is drawn when its ready content (score, step count, cell count, health score) is in its shadow root. */
export const READY = {
  'crm-nps-gauge': '[part~="score"]',
  'crm-lifecycle-funnel': '[part~="count"]',
  'crm-segment-matrix': '[part~="cell-count"]',
  'crm-customer-360': '[part~="health-score"]',
};

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
 * launched, MB, summed: another browser on the machine (someone's tests) is not counted.
 */
export function rendererMemoryMB() {
  const rows = [];
  for (const line of execFileSync('ps', ['-eo', 'pid=,ppid=,args=']).toString().split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (match) rows.push({ pid: Number(match[1]), ppid: Number(match[2]), args: match[3] });
  }
  const parent = new Map(rows.map((r) => [r.pid, r.ppid]));
  const ours = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 16; p = parent.get(p) ?? 0, hops++) if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const { pid, args } of rows) {
    if (!args.includes('--type=renderer') || !ours(pid)) continue;
    try {
      const status = execFileSync('cat', [`/proc/${pid}/status`]).toString();
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    } catch {
      // The process ended between the two reads.
    }
  }
  return total;
}
