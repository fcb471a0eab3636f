/** Tells other tabs (and other sources in this tab) that a cached dataset changed. */
const CHANNEL = 'crm-widget-kit:data';

export interface DatasetChanged {
  type: 'dataset-changed';
  key: string;
  storedAt: number;
}

export function announceChange(key: string, storedAt: number): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ type: 'dataset-changed', key, storedAt } satisfies DatasetChanged);
  channel.close();
}

/** Listen for changes; returns the function that stops listening. */
export function onChange(listener: (message: DatasetChanged) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  channel.addEventListener('message', (event: MessageEvent<DatasetChanged>) => {
    if (event.data?.type === 'dataset-changed' && typeof event.data.key === 'string') listener(event.data);
  });
  return () => channel.close();
}
