import { CrmNpsGauge } from './crm-nps-gauge.js';

export { CrmNpsGauge, type NpsCategory } from './crm-nps-gauge.js';
export { npsMessages } from './messages.js';

// Guarded: the bundle and an app's own import may both load this file.
if (!customElements.get('crm-nps-gauge')) customElements.define('crm-nps-gauge', CrmNpsGauge);

declare global {
  interface HTMLElementTagNameMap {
    'crm-nps-gauge': CrmNpsGauge;
  }
}
