/** Types of generate.mjs, for the browser tests written in TypeScript. */
export declare const AS_OF: number;
export declare function generatePayload(spec?: { seed?: number; customers?: number; omit?: string[] }): Record<string, unknown>;
export declare const SCOPES: Record<'full' | 'no-surveys' | 'no-stage-events' | 'no-orders' | 'no-customers' | 'tiny', { seed: number; customers: number; omit?: string[] }>;
