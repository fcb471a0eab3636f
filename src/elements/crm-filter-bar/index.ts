import { CrmFilterBar } from './crm-filter-bar.js';

export { CrmFilterBar } from './crm-filter-bar.js';
export { filterBarMessages } from './messages.js';

// Guarded: the bundle and an app's own import may both load this file.
if (!customElements.get('crm-filter-bar')) customElements.define('crm-filter-bar', CrmFilterBar);

declare global {
  interface HTMLElementTagNameMap {
    'crm-filter-bar': CrmFilterBar;
  }
}
