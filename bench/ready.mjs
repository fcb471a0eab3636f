// What "drawn" means for each of the four widgets, in one place for every bench: the Node side
// (bench/chromium.mjs, bench/demo-longtask.mjs) and the bench page's bundle (bench/render.ts).
/** A widget is drawn when its ready content (score, step count, cell count, health score) is in its shadow root. */
export const WIDGETS = [
  { tag: 'crm-nps-gauge', ready: '[part~="score"]' },
  { tag: 'crm-lifecycle-funnel', ready: '[part~="count"]' },
  { tag: 'crm-segment-matrix', ready: '[part~="cell-count"]' },
  { tag: 'crm-customer-360', ready: '[part~="health-score"]' },
];

/** The same, by tag. */
export const READY = Object.fromEntries(WIDGETS.map(({ tag, ready }) => [tag, ready]));
