export * from './fields.js';
export * from './dataset.js';
export * from './issues.js';
export { contractJsonSchema, envelopeSchema, payloadSchema, stageSchema, customerSchema, orderSchema, interactionSchema, surveySchema, stageEventSchema, ticketSchema, ISO_TIMESTAMP } from './schemas.js';
export { parseTimestamp } from './timestamp.js';
export { validatePayload, type ValidationOptions, type ValidationResult, type ValidationSummary } from './validate.js';
