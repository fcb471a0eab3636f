export * from './time.js';
export * from './types.js';
