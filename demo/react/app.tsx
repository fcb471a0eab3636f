import { useEffect, useRef, useState } from 'react';
// Type-checks the tags through the typings generated from custom-elements.json.
import type {} from 'crm-widget-kit/frameworks';
import '../../src/elements/crm-nps-gauge/index.js';
import '../../src/elements/crm-segment-matrix/index.js';
import '../../src/elements/crm-customer-360/index.js';
import type { SelectDetail } from '../../src/elements/base/events.js';

/**
 * A React host: the payload goes in as a property, the locale as an attribute, and the
 * widgets' events come back through a ref listener, the way any React app would wire them.
 */
export function App({ payload }: { payload: unknown }) {
  const [locale, setLocale] = useState<'en' | 'zh-CN'>('en');
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [lastEvent, setLastEvent] = useState<SelectDetail | null>(null);
  const area = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const node = area.current;
    if (!node) return;
    const onSelect = (event: Event) => {
      const detail = (event as CustomEvent<SelectDetail>).detail;
      setLastEvent(detail);
      if (detail.kind === 'customer') setCustomerId(detail.customerId);
      if (detail.kind === 'cell' && detail.customerIds[0]) setCustomerId(detail.customerIds[0]);
    };
    node.addEventListener('crm-select', onSelect);
    return () => node.removeEventListener('crm-select', onSelect);
  }, []);

  return (
    <div ref={area}>
      <header>
        <h1>React host</h1>
        <button type="button" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
          {locale === 'en' ? '中文' : 'English'}
        </button>
        <output data-testid="last-event">{lastEvent ? `${lastEvent.kind} selected` : 'nothing selected'}</output>
      </header>
      <crm-nps-gauge data={payload} locale={locale} cache="none"></crm-nps-gauge>
      <crm-segment-matrix data={payload} locale={locale} cache="none"></crm-segment-matrix>
      {customerId && <crm-customer-360 data={payload} locale={locale} customerId={customerId} cache="none"></crm-customer-360>}
    </div>
  );
}
