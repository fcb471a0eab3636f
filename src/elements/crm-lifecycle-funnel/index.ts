import { CrmLifecycleFunnel } from './crm-lifecycle-funnel.js';

export { CrmLifecycleFunnel } from './crm-lifecycle-funnel.js';
export { funnelMessages } from './messages.js';
export { barSizes, type BarSize } from './bar-sizes.js';

// Guarded: the bundle and an app's own import may both load this file.
if (!customElements.get('crm-lifecycle-funnel')) customElements.define('crm-lifecycle-funnel', CrmLifecycleFunnel);

declare global {
  interface HTMLElementTagNameMap {
    'crm-lifecycle-funnel': CrmLifecycleFunnel;
  }
}
