import { CrmSegmentMatrix } from './crm-segment-matrix.js';

export { CrmSegmentMatrix } from './crm-segment-matrix.js';
export { cellColour, COLOR_BY, type ColorBy } from './colour-scale.js';
export { matrixMessages } from './messages.js';

// Guarded: the bundle and an app's own import may both load this file.
if (!customElements.get('crm-segment-matrix')) customElements.define('crm-segment-matrix', CrmSegmentMatrix);

declare global {
  interface HTMLElementTagNameMap {
    'crm-segment-matrix': CrmSegmentMatrix;
  }
}
