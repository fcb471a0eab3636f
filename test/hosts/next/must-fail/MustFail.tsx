import { CrmLifecycleFunnel, CrmNpsGauge, CrmSegmentMatrix } from 'crm-widget-kit/react';

export const wrong = (
  <>
    {/* must fail: not a colouring of the matrix */}
    <CrmSegmentMatrix colorBy="nope" />
    {/* must fail: a select detail has no `nope` */}
    <CrmNpsGauge onCrmSelect={(event) => event.detail.nope} />
    {/* must fail: windowDays is a number */}
    <CrmLifecycleFunnel windowDays="sixty" />
    {/* must fail: style is an object in React, not a string */}
    <CrmNpsGauge style="color: red" />
    {/* must fail: the elements have no such event */}
    <CrmNpsGauge onCrmSelected={() => {}} />
  </>
);
