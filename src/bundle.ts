// Entry of the single-file build: importing it registers every element of the kit.
export * from './index.js';
