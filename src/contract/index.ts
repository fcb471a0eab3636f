export * from './fields.js';
export * from './dataset.js';
export * from './issues.js';
export { contractJsonSchema, payloadSchema, stageSchema, customerSchema, orderSchema, interactionSchema, surveySchema, stageEventSchema, ticketSchema } from './schemas.js';
export { envelopeSchema } from './envelope.js';
export { ISO_TIMESTAMP } from './timestamp-pattern.js';
export { inTimestampRange, parseTimestamp } from './timestamp.js';
export { MAX_TIMESTAMP_MS, MIN_TIMESTAMP_MS, TIMESTAMP_RANGE_TEXT } from './timestamp-pattern.js';
export { validatePayload, type ValidationOptions, type ValidationResult, type ValidationSummary } from './validate.js';
