/// <reference lib="webworker" />
// Parses and validates large bodies off the main thread; the dataset's typed arrays
// are transferred back, not copied.
import { toErrorDetail } from './data-error.js';
import { datasetBuffers } from './dataset-shape.js';
import { decodeDataset } from './validate-dataset.js';

export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
  label: string;
  contentType?: string;
}

addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const { id, bytes, label, contentType } = event.data;
  try {
    const result = decodeDataset(bytes, label, contentType);
    postMessage({ id, result }, { transfer: datasetBuffers(result.dataset) });
  } catch (error) {
    postMessage({ id, error: toErrorDetail(error) });
  }
});
