// Type test: the kit's events are typed wherever a page listens, through the global event maps.
import { CrmSelectEvent, type SelectDetail } from 'crm-widget-kit';
import type { CrmNpsGauge } from 'crm-widget-kit/elements/crm-nps-gauge';

document.addEventListener('crm-select', (event) => {
  const detail: SelectDetail = event.detail;
  if (detail.kind === 'cell') detail.customerIds.map((id) => id.toUpperCase());
  // @ts-expect-error: a stage pick has no customer ids
  if (detail.kind === 'stage') void detail.customerIds;
});

declare const gauge: CrmNpsGauge;
gauge.addEventListener('crm-load', (event) => event.detail.rows['orders']?.toFixed());
gauge.addEventListener('crm-error', (event) => event.detail.kind satisfies string);
// @ts-expect-error: crm-load carries no `category`
gauge.addEventListener('crm-load', (event) => event.detail.category);

// crm-filter-change reports filters in contract terms.
document.addEventListener('crm-filter-change', (event) => event.detail.filters.customer?.['region']?.join(','));
// @ts-expect-error: a time filter is a period, not text
document.addEventListener('crm-filter-change', (event) => event.detail.filters.time?.toUpperCase());

// GlobalEventHandlersEventMap: what `on…` typings of frameworks build on.
const handler: (event: GlobalEventHandlersEventMap['crm-data-warning']) => void = (event) => event.detail.kind;
export default [handler, CrmSelectEvent.type satisfies string];
