export { TOKENS, tokenStyles, type Token } from './tokens.js';
export { frameStyles } from './frame-styles.js';
