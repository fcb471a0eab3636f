'use client';
import { useState } from 'react';
import type { CrmSelectEvent } from 'crm-widget-kit';
import { CrmCustomer360, CrmLifecycleFunnel, CrmNpsGauge, CrmSegmentMatrix } from 'crm-widget-kit/react';

export function Dashboard({ payload, firstCustomer }: { payload: unknown; firstCustomer: string }) {
  const [lastSelect, setLastSelect] = useState('nothing');
  const onSelect = ({ detail }: CrmSelectEvent) => {
    if (detail.kind === 'cell') setLastSelect(`cell:${detail.customerIds.length}`);
    else if (detail.kind === 'customer') setLastSelect(`customer:${detail.customerId}`);
  };
  return (
    <main>
      <output id="last-select">{lastSelect}</output>
      <CrmNpsGauge data={payload} cache="none" period="all" target={40} />
      <CrmLifecycleFunnel data={payload} cache="none" windowDays={60} />
      <CrmSegmentMatrix data={payload} cache="none" colorBy="count" pageSize={5} onCrmSelect={onSelect} />
      <CrmCustomer360 data={payload} cache="none" followSelection />
      {/* A prop is applied again on every render, so this card stays on its customer. */}
      <CrmCustomer360 id="fixed-customer" data={payload} cache="none" customerId={firstCustomer} />
    </main>
  );
}
