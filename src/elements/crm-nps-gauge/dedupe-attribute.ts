/** `dedupe` (or `dedupe="latest"`) counts each customer once; absent or `dedupe="all"` counts every response. */
export const dedupeConverter = {
  fromAttribute: (value: string | null) => (value === null || value === 'all' || value === 'false' ? 'all' : 'latest'),
  toAttribute: (value: string) => (value === 'latest' ? 'latest' : null),
};
