/** The query/result protocol's version (contract/query.ts), in a module of its own so a page can send it without the schemas. */
export const PROTOCOL_VERSION = 1 as const;
