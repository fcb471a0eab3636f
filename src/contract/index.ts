export * from './fields.js';
export * from './dataset.js';
export * from './issues.js';
export { contractJsonSchema, payloadSchema, stageSchema, customerSchema, orderSchema, interactionSchema, surveySchema, stageEventSchema, ticketSchema } from './schemas.js';
export { envelopeSchema } from './envelope.js';
export { ISO_TIMESTAMP } from './timestamp-pattern.js';
export { parseTimestamp } from './timestamp.js';
export { validatePayload, type ValidationOptions, type ValidationResult, type ValidationSummary } from './validate.js';
