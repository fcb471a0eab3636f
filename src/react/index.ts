'use client';
// React components for the kit's elements, made with @lit/react: element properties (`data`,
// `customerId`, `followSelection`, …) are set on the element and `onCrm…` props listen to its events,
// both from a layout effect, so they also apply after server-side rendering and hydration (React's
// own custom-element support does not set them on hydration). `'use client'` marks the module as a
// client component for React Server Components hosts such as the Next.js app router.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { CrmDataWarningEvent, CrmErrorEvent, CrmFilterChangeEvent, CrmLoadEvent, CrmRenderEvent, CrmSelectEvent } from '../elements/base/events.js';
import { CrmCustomer360 as CustomerElement } from '../elements/crm-customer-360/index.js';
import { CrmDataSource as DataSourceElement } from '../elements/crm-data-source/index.js';
import { CrmFilterBar as FilterBarElement } from '../elements/crm-filter-bar/index.js';
import { CrmLifecycleFunnel as FunnelElement } from '../elements/crm-lifecycle-funnel/index.js';
import { CrmNpsGauge as NpsElement } from '../elements/crm-nps-gauge/index.js';
import { CrmSegmentMatrix as MatrixElement } from '../elements/crm-segment-matrix/index.js';

const dataEvents = {
  onCrmLoad: 'crm-load' as EventName<CrmLoadEvent>,
  onCrmError: 'crm-error' as EventName<CrmErrorEvent>,
  onCrmDataWarning: 'crm-data-warning' as EventName<CrmDataWarningEvent>,
};
const widgetEvents = { ...dataEvents, onCrmSelect: 'crm-select' as EventName<CrmSelectEvent>, onCrmRender: 'crm-render' as EventName<CrmRenderEvent> };

/**
 * `<crm-nps-gauge>` as a React component.
 * @example
 * <CrmNpsGauge data={payload} period="last-90d" onCrmSelect={(e) => console.log(e.detail)} />
 */
export const CrmNpsGauge = createComponent({ react: React, tagName: 'crm-nps-gauge', elementClass: NpsElement, events: widgetEvents, displayName: 'CrmNpsGauge' });

/** `<crm-lifecycle-funnel>` as a React component. */
export const CrmLifecycleFunnel = createComponent({ react: React, tagName: 'crm-lifecycle-funnel', elementClass: FunnelElement, events: widgetEvents, displayName: 'CrmLifecycleFunnel' });

/** `<crm-segment-matrix>` as a React component. */
export const CrmSegmentMatrix = createComponent({ react: React, tagName: 'crm-segment-matrix', elementClass: MatrixElement, events: widgetEvents, displayName: 'CrmSegmentMatrix' });

/**
 * `<crm-customer-360>` as a React component.
 * @example
 * <CrmCustomer360 data={payload} customerId="C000123" followSelection />
 */
export const CrmCustomer360 = createComponent({ react: React, tagName: 'crm-customer-360', elementClass: CustomerElement, events: widgetEvents, displayName: 'CrmCustomer360' });

/** `<crm-data-source>` as a React component: one request, one validation, one cache entry for the widgets inside it or naming its `id`. */
export const CrmDataSource = createComponent({
  react: React,
  tagName: 'crm-data-source',
  elementClass: DataSourceElement,
  events: { ...dataEvents, onCrmFilterChange: 'crm-filter-change' as EventName<CrmFilterChangeEvent> },
  displayName: 'CrmDataSource',
});

/** `<crm-filter-bar>` as a React component: the filters of the source it names, for every widget bound to it. */
export const CrmFilterBar = createComponent({
  react: React,
  tagName: 'crm-filter-bar',
  elementClass: FilterBarElement,
  events: { ...widgetEvents, onCrmFilterChange: 'crm-filter-change' as EventName<CrmFilterChangeEvent> },
  displayName: 'CrmFilterBar',
});
