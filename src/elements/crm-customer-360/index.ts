import { CrmCustomer360 } from './crm-customer-360.js';

export { CrmCustomer360 } from './crm-customer-360.js';
export { c360Messages } from './messages.js';

// Guarded: the bundle and an app's own import may both load this file.
if (!customElements.get('crm-customer-360')) customElements.define('crm-customer-360', CrmCustomer360);

declare global {
  interface HTMLElementTagNameMap {
    'crm-customer-360': CrmCustomer360;
  }
}
