/** Types of ready.mjs, for bench/render.ts. */
export declare const WIDGETS: readonly [
  { readonly tag: 'crm-nps-gauge'; readonly ready: string },
  { readonly tag: 'crm-lifecycle-funnel'; readonly ready: string },
  { readonly tag: 'crm-segment-matrix'; readonly ready: string },
  { readonly tag: 'crm-customer-360'; readonly ready: string },
];
export declare const READY: Record<(typeof WIDGETS)[number]['tag'], string>;
