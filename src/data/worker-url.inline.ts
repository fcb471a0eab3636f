import DatasetWorker from './dataset.worker.ts?worker&inline';

/** The single-file build has no import.meta.url, so the worker travels inline (vite.config.ts aliases this file in). */
export function createDatasetWorker(): Worker {
  return new DatasetWorker({ name: 'crm-dataset' });
}
