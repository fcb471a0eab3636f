/**
 * Tells other tabs (and other sources of this tab) that the cached copy of a key changed.
 * A notice carries the version it announces, so a receiver that holds that version does
 * nothing and one that does not re-reads IndexedDB: a notice never causes a request, and
 * a receiver never announces what it merely re-read (no echo, so no storm between tabs).
 */
const CHANNEL = 'crm-widget-kit:data';

export interface DatasetChanged {
  type: 'dataset-changed';
  key: string;
  /** ETag, Last-Modified or a content hash of the stored copy. */
  version: string;
}

export function announceChange(key: string, version: string): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ type: 'dataset-changed', key, version } satisfies DatasetChanged);
  channel.close();
}

/** Listen for changes; returns the function that stops listening. */
export function onChange(listener: (message: DatasetChanged) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  channel.addEventListener('message', (event: MessageEvent<DatasetChanged>) => {
    const data = event.data as Partial<DatasetChanged> | null;
    if (data?.type === 'dataset-changed' && typeof data.key === 'string' && typeof data.version === 'string') listener(data as DatasetChanged);
  });
  return () => channel.close();
}
