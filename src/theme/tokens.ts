import { css, unsafeCSS, type CSSResult } from 'lit';

/**
 * The theming scale, in three layers as Shoelace and Web Awesome have it:
 *
 * 1. **Palette**: fixed colours in steps (`--crm-color-gray-0…950`, `--crm-color-accent-50…900`),
 *    the same in light and dark. Themes pick steps; a host may replace a step (e.g. a brand blue).
 * 2. **Design tokens**: what widgets mean by a colour, size or font (`--crm-color-text`,
 *    `--crm-chart-1…8`, `--crm-space-s`, `--crm-radius`, `--crm-font-numeric`, `--crm-focus-ring-color`).
 *    Colour tokens differ per theme (light, dark) and default to palette steps.
 * 3. **Private variables** (`--_text`, `--_chart-1` …) on each widget's `:host`, read by its styles:
 *    the token if set, else the kit's default. Widgets read nothing else, so every colour a widget
 *    draws comes from a token and a host theme restyles charts too.
 *
 * Everything is written here once: the element defaults, the `theme` attribute, and the
 * `themes/light.css` / `themes/dark.css` files of the build are generated from these tables.
 */

/** Palette steps: gray (surfaces, text, lines) and accent (blue: links, focus, bars, the ramp). */
export const PALETTE = {
  'gray-0': '#ffffff',
  'gray-50': '#f6f8fa',
  'gray-100': '#e6edf3',
  'gray-200': '#d1d9e0',
  'gray-300': '#b7bdc8',
  'gray-400': '#9198a1',
  'gray-500': '#8c959f',
  'gray-600': '#59636e',
  'gray-700': '#3d444d',
  'gray-800': '#262c36',
  'gray-900': '#1f2328',
  'gray-950': '#0d1117',
  'accent-50': '#ddf4ff',
  'accent-100': '#b6e3ff',
  'accent-200': '#80ccff',
  'accent-300': '#58a6ff',
  'accent-400': '#4493f8',
  'accent-500': '#1f6feb',
  'accent-600': '#0969da',
  'accent-700': '#0550ae',
  'accent-800': '#033d8b',
  'accent-900': '#0a3069',
} as const;

export type PaletteStep = keyof typeof PALETTE;

/** A palette step as a value: the host's step if it set one, else the kit's. */
const step = (name: PaletteStep) => `var(--crm-color-${name}, ${PALETTE[name]})`;

/** Tokens that differ between light and dark, by name without `--crm-`. */
const THEMED = [
  'color-text',
  'color-muted',
  'color-surface',
  'color-surface-alt',
  'color-track',
  'color-border',
  'color-border-strong',
  'color-accent',
  'color-accent-subtle',
  'color-good',
  'color-neutral',
  'color-bad',
  'chart-1',
  'chart-2',
  'chart-3',
  'chart-4',
  'chart-5',
  'chart-6',
  'chart-7',
  'chart-8',
  'chart-ramp-1',
  'chart-ramp-2',
  'chart-ramp-3',
  'chart-ramp-4',
  'chart-ramp-5',
  'focus-ring-color',
  'color-scheme',
] as const;

type ThemedToken = (typeof THEMED)[number];
export type ThemeName = 'light' | 'dark';

/**
 * Light and dark values. Good / neutral / bad default to a blue–grey–orange scale that stays
 * distinct for the common colour-vision deficiencies; meaning is also carried by labels and
 * patterns. The ramp runs from near the surface to strong accent, so "little" reads quiet in
 * either theme. The first series and the focus ring follow `--crm-color-accent`.
 */
const THEMES: Record<ThemeName, Record<ThemedToken, string>> = {
  light: {
    'color-text': step('gray-900'),
    'color-muted': step('gray-600'),
    'color-surface': step('gray-0'),
    'color-surface-alt': step('gray-50'),
    'color-track': step('gray-100'),
    'color-border': step('gray-200'),
    'color-border-strong': step('gray-300'),
    'color-accent': step('accent-600'),
    'color-accent-subtle': step('accent-50'),
    'color-good': step('accent-500'),
    'color-neutral': step('gray-500'),
    'color-bad': '#c2410c',
    'chart-1': `var(--crm-color-accent, ${step('accent-600')})`,
    'chart-2': '#bc4c00',
    'chart-3': '#1a7f37',
    'chart-4': '#8250df',
    'chart-5': '#bf3989',
    'chart-6': '#9a6700',
    'chart-7': '#1b7c83',
    'chart-8': step('gray-600'),
    'chart-ramp-1': step('accent-100'),
    'chart-ramp-2': step('accent-200'),
    'chart-ramp-3': step('accent-400'),
    'chart-ramp-4': step('accent-600'),
    'chart-ramp-5': step('accent-800'),
    'focus-ring-color': `var(--crm-color-accent, ${step('accent-600')})`,
    'color-scheme': 'light',
  },
  dark: {
    'color-text': step('gray-100'),
    'color-muted': step('gray-400'),
    'color-surface': step('gray-950'),
    'color-surface-alt': step('gray-900'),
    'color-track': step('gray-800'),
    'color-border': step('gray-700'),
    'color-border-strong': step('gray-600'),
    'color-accent': step('accent-400'),
    // Close to the dark surface, so muted text on it keeps its contrast.
    'color-accent-subtle': `color-mix(in srgb, ${step('accent-400')} 14%, ${step('gray-950')})`,
    'color-good': step('accent-300'),
    'color-neutral': step('gray-500'),
    'color-bad': '#f0883e',
    'chart-1': `var(--crm-color-accent, ${step('accent-400')})`,
    'chart-2': '#f0883e',
    'chart-3': '#3fb950',
    'chart-4': '#a371f7',
    'chart-5': '#db61a2',
    'chart-6': '#d29922',
    'chart-7': '#39c5cf',
    'chart-8': step('gray-400'),
    'chart-ramp-1': step('accent-900'),
    'chart-ramp-2': step('accent-700'),
    'chart-ramp-3': step('accent-500'),
    'chart-ramp-4': step('accent-300'),
    'chart-ramp-5': step('accent-100'),
    'focus-ring-color': `var(--crm-color-accent, ${step('accent-400')})`,
    'color-scheme': 'dark',
  },
};

/** Tokens the same in every theme. Space and radius steps derive from the base step, so one setting scales them. */
/**
 * A real sans stack rather than the page's font, which in a bare page is the browser's serif:
 * the system UI face, then the Chinese faces of macOS, Windows and Linux (Noto Sans CJK SC).
 */
export const DEFAULT_FONT_STACK =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif';

const FIXED = {
  'font-sans': DEFAULT_FONT_STACK,
  'font-numeric': `var(--crm-font-sans, ${DEFAULT_FONT_STACK})`,
  'font-mono': 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  'font-size': '0.875rem',
  space: '0.75rem',
  'space-xs': 'calc(var(--crm-space, 0.75rem) / 3)',
  'space-s': 'calc(var(--crm-space, 0.75rem) / 2)',
  'space-l': 'calc(var(--crm-space, 0.75rem) * 1.5)',
  radius: '0.375rem',
  'radius-s': '0.125rem',
  'radius-full': '999px',
  'focus-ring-width': '2px',
  'focus-ring-offset': '2px',
} as const;

type FixedToken = keyof typeof FIXED;

/** Every documented token: palette, themed and fixed. Each one is read by some widget style. */
export const TOKENS = [
  ...(Object.keys(PALETTE) as PaletteStep[]).map((name) => `--crm-color-${name}` as const),
  ...THEMED.map((name) => `--crm-${name}` as const),
  ...(Object.keys(FIXED) as FixedToken[]).map((name) => `--crm-${name}` as const),
];

export type Token = (typeof TOKENS)[number];

/** Private variable names: `--crm-color-text` → `--_text`, `--crm-chart-ramp-1` → `--_ramp-1`. */
const privateName = (token: ThemedToken | FixedToken) => `--_${token.replace(/^color-/, '').replace(/^chart-(?=ramp)/, '')}`;

/** `--_x: var(--crm-x, default)` for each token, so a host value wins and the kit's fills in. */
const privates = (tokens: Record<string, string>) =>
  Object.entries(tokens)
    .map(([name, value]) => `${privateName(name as ThemedToken)}: var(--crm-${name}, ${value});`)
    .join('\n');

/** The tokens of a theme set outright (not as fallbacks): on a `theme` attribute and in the theme files. */
const declarations = (tokens: Record<string, string>) =>
  Object.entries(tokens)
    .map(([name, value]) => `--crm-${name}: ${value};`)
    .join('\n');

/**
 * The private variables on `:host`, light by default; dark from `prefers-color-scheme` unless
 * `theme="light"`. `theme="dark|light"` sets the theme's tokens on the element itself, so it wins
 * over a page theme, while the host's own rules on the element (`crm-nps-gauge { --crm-… }`) still win over it.
 */
export const tokenStyles: CSSResult = css`
  :host {
    ${unsafeCSS(privates(FIXED))}
    ${unsafeCSS(privates(THEMES.light))}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${unsafeCSS(privates(THEMES.dark))}
    }
  }
  :host([theme='light']) {
    ${unsafeCSS(declarations(THEMES.light))}
  }
  :host([theme='dark']) {
    ${unsafeCSS(declarations(THEMES.dark))}
  }
`;

/**
 * A theme file: every token on `:root` (light) or on `.crm-theme-<name>` anywhere (the page-wide
 * switch is that class on `<html>`). The palette and fixed tokens are in both, so each file stands
 * alone. Fonts are the kit's default stack unless `--crm-font-sans` is set, so the files leave them out.
 */
export function themeCss(name: ThemeName): string {
  const selector = name === 'light' ? ':root,\n.crm-theme-light' : ':root.crm-theme-dark,\n.crm-theme-dark';
  const palette = Object.fromEntries(Object.entries(PALETTE).map(([step, value]) => [`color-${step}`, value]));
  const fixed = Object.fromEntries(Object.entries(FIXED).filter(([token]) => !token.startsWith('font-') || token === 'font-size' || token === 'font-mono'));
  const body = [declarations(palette), declarations(fixed), declarations(THEMES[name])].join('\n').replace(/^/gm, '  ');
  return `/* crm-widget-kit ${name} theme: every --crm-* token. ${name === 'light' ? 'Applies to the page, and to any .crm-theme-light subtree.' : 'Applies to <html class="crm-theme-dark"> or any .crm-theme-dark subtree.'} */\n${selector} {\n${body}\n}\n`;
}
