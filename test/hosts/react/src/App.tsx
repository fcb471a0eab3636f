import { useState } from 'react';
import type { CrmSelectEvent } from 'crm-widget-kit';
import { CrmCustomer360, CrmLifecycleFunnel, CrmNpsGauge, CrmSegmentMatrix } from 'crm-widget-kit/react';
import { generateSample } from 'crm-widget-kit/sample';

const payload = generateSample({ seed: 11, customers: 80 });

export function App() {
  const [lastSelect, setLastSelect] = useState('nothing');
  const onSelect = ({ detail }: CrmSelectEvent) => {
    if (detail.kind === 'cell') setLastSelect(`cell:${detail.customerIds.length}`);
    else if (detail.kind === 'customer') setLastSelect(`customer:${detail.customerId}`);
  };
  return (
    <main>
      <output id="last-select">{lastSelect}</output>
      <CrmNpsGauge data={payload} cache="none" period="all" target={40} onCrmLoad={(event) => event.detail.fromCache} />
      <CrmLifecycleFunnel data={payload} cache="none" windowDays={60} />
      <CrmSegmentMatrix data={payload} cache="none" colorBy="count" pageSize={5} onCrmSelect={onSelect} style={{ maxWidth: 900 }} />
      <CrmCustomer360 data={payload} cache="none" followSelection />
    </main>
  );
}

// @ts-expect-error: trend is month, week or none
export const wrongTrend = <CrmNpsGauge trend="daily" />;
