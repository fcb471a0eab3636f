export * from './contract/index.js';
export * from './metrics/index.js';
