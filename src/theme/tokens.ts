import { css } from 'lit';

/**
 * The documented global tokens. Each component reads them only through the private
 * `--_x` variables below, so a host restyles every widget by setting `--crm-*` on
 * `:root` or on one element, and the defaults stay in one place.
 */
export const TOKENS = [
  '--crm-font-family',
  '--crm-font-size',
  '--crm-color-text',
  '--crm-color-muted',
  '--crm-color-surface',
  '--crm-color-border',
  '--crm-color-accent',
  '--crm-color-good',
  '--crm-color-neutral',
  '--crm-color-bad',
  '--crm-radius',
  '--crm-space',
] as const;

export type Token = (typeof TOKENS)[number];

/** Dark defaults, applied by `theme="dark"` and by the OS setting unless `theme="light"`. */
const darkDefaults = css`
  --_text: var(--crm-color-text, #e6edf3);
  --_muted: var(--crm-color-muted, #9198a1);
  --_surface: var(--crm-color-surface, #0d1117);
  --_border: var(--crm-color-border, #3d444d);
  --_accent: var(--crm-color-accent, #4493f8);
  --_good: var(--crm-color-good, #58a6ff);
  --_neutral: var(--crm-color-neutral, #8b949e);
  --_bad: var(--crm-color-bad, #f0883e);
  color-scheme: dark;
`;

/**
 * Light defaults, dark defaults (from `theme="dark"`, or from `prefers-color-scheme: dark`
 * unless `theme="light"`), mapped to private variables on `:host`.
 * Good / neutral / bad default to a blue–grey–orange scale that stays distinct for the
 * common colour-vision deficiencies; meaning is also carried by labels and patterns.
 */
export const tokenStyles = css`
  :host {
    --_font-family: var(--crm-font-family, inherit);
    --_font-size: var(--crm-font-size, 0.875rem);
    --_radius: var(--crm-radius, 0.375rem);
    --_space: var(--crm-space, 0.75rem);
    --_text: var(--crm-color-text, #1f2328);
    --_muted: var(--crm-color-muted, #59636e);
    --_surface: var(--crm-color-surface, #ffffff);
    --_border: var(--crm-color-border, #d1d9e0);
    --_accent: var(--crm-color-accent, #0969da);
    --_good: var(--crm-color-good, #1f6feb);
    --_neutral: var(--crm-color-neutral, #8c959f);
    --_bad: var(--crm-color-bad, #c2410c);
    color-scheme: light;
  }
  :host([theme='dark']) {
    ${darkDefaults}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkDefaults}
    }
  }
`;
