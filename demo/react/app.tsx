import { useState } from 'react';
import type { SelectDetail } from '../../src/index.js';
import { CrmCustomer360, CrmNpsGauge, CrmSegmentMatrix } from '../../src/react/index.js';

/**
 * A React host: the components of `crm-widget-kit/react` take the payload as a property and the
 * locale as a prop, and hand the widgets' events to `onCrm…` props with their typed detail.
 */
export function App({ payload }: { payload: unknown }) {
  const [locale, setLocale] = useState<'en' | 'zh-CN'>('en');
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [lastEvent, setLastEvent] = useState<SelectDetail | null>(null);

  const onSelect = ({ detail }: { detail: SelectDetail }) => {
    setLastEvent(detail);
    if (detail.kind === 'customer') setCustomerId(detail.customerId);
    if (detail.kind === 'cell' && detail.customerIds[0]) setCustomerId(detail.customerIds[0]);
  };

  return (
    <div>
      <header>
        <h1>React host</h1>
        <button type="button" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
          {locale === 'en' ? '中文' : 'English'}
        </button>
        <output data-testid="last-event">{lastEvent ? `${lastEvent.kind} selected` : 'nothing selected'}</output>
      </header>
      <CrmNpsGauge data={payload} locale={locale} cache="none" onCrmSelect={onSelect} />
      <CrmSegmentMatrix data={payload} locale={locale} cache="none" onCrmSelect={onSelect} />
      {customerId && <CrmCustomer360 data={payload} locale={locale} customerId={customerId} cache="none" />}
    </div>
  );
}
