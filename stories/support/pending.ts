/**
 * Headers that never come (a sign-in that does not finish): a widget given these waits with its
 * loading skeleton for as long as the story is open, where one with no data source at all would
 * say so after its grace period.
 */
export const headersNeverReady = (): Promise<HeadersInit> => new Promise(() => {});

/** A source that stays loading: nothing answers at this URL before the headers come. */
export const PENDING_SRC = '/loading-forever.json';
