export { PALETTE, TOKENS, themeCss, tokenStyles, type PaletteStep, type ThemeName, type Token } from './tokens.js';
export { frameStyles } from './frame-styles.js';
