// Type test: the React components of crm-widget-kit/react, as a React 19 app type-checks them.
import { CrmDataSource, CrmFilterBar, CrmLifecycleFunnel, CrmNpsGauge, CrmSegmentMatrix } from 'crm-widget-kit/react';

export const ok = [
  <CrmNpsGauge key="a" data={{}} period="last-90d" target={40} onCrmSelect={(event) => event.detail.kind} />,
  <CrmSegmentMatrix key="b" colorBy="count" style={{ maxWidth: 600 }} onCrmLoad={(event) => event.detail.rows} />,
  <CrmLifecycleFunnel key="c" windowDays={60} onCrmError={(event) => event.detail.message} onCrmRender={(event) => event.detail.view} />,
  <CrmDataSource key="h" id="crm" crossFilter filters={{ stage: ['lead'] }} onCrmFilterChange={(event) => event.detail.cause} />,
  <CrmFilterBar key="i" source="crm" fields="region,owner" onCrmFilterChange={(event) => event.detail.filters.stage} />,
];

export const wrong = [
  // @ts-expect-error: not a colouring of the matrix
  <CrmSegmentMatrix key="d" colorBy="nope" />,
  // @ts-expect-error: a select detail has no `nope`
  <CrmNpsGauge key="e" onCrmSelect={(event) => event.detail.nope} />,
  // @ts-expect-error: style is an object in React, not a string
  <CrmNpsGauge key="f" style="color: red" />,
  // @ts-expect-error: the funnel has no crm-select named like React's own events
  <CrmLifecycleFunnel key="g" onCrmSelected={() => {}} />,
  // @ts-expect-error: not a filter part
  <CrmDataSource key="j" filters={{ colour: ['red'] }} />,
];
