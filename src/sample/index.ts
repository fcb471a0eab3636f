export { generateSample, toRows, SAMPLE_STAGES, type SampleOptions } from './generate.js';
export { createRandom, type Random } from './random.js';
