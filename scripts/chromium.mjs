// How the kit's tests, benches and scripts launch Chromium: one path and one set of flags.
import { existsSync } from 'node:fs';

/** Chromium comes from the OS (npm tools cannot download browsers here); CHROME_PATH overrides. */
export const chromiumPath = () => process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);

/**
 * Flags for every headless launch. Chromium 156 builds its WebUI omnibox popup (the "AI mode"
 * composebox, a renderer of its own loading lit and thirty scripts) for every new page, even
 * headless: on two cores that is a second busy renderer beside the page under test, and measured
 * on the warehouse page it doubled a warm visit (742–771 ms against 391–443). Puppeteer turns the
 * same two features off by default.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];
