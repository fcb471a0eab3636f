import { expect } from '@open-wc/testing';
import { generateSample } from '../../src/sample/index.js';
import { kit, mount, prototypeFingerprint, recordEvents, textOf, untilView, viewOf, WIDGETS } from './surface.js';

const AS_OF = '2026-10-31T23:59:59Z';
const AS_OF_MS = Date.UTC(2026, 9, 31, 23, 59, 59);

/** A small valid payload whose collections tests then poison. */
const base = () => JSON.parse(JSON.stringify(generateSample({ seed: 11, customers: 40 }))) as Record<string, unknown[]> & { asOf: string };

const validated = (payload: unknown) => {
  const result = kit.validatePayload(payload);
  if (!result.ok) throw new Error(`expected a readable payload: ${result.error.message}`);
  return result;
};

async function everyWidget(payload: unknown, extra: Record<string, unknown> = {}) {
  const els = WIDGETS.map((tag) => mount(tag, { data: payload, cache: 'none', ...(tag === 'crm-customer-360' ? { customerId: 'C000001' } : {}), ...extra }));
  const views = [];
  for (const el of els) views.push(await untilView(el));
  return { els, views, remove: () => els.forEach((el) => el.remove()) };
}

describe('hostile payloads (hardening #2, #5, #6, #7, #12)', () => {
  describe('#2 a "__proto__" key never reaches the host page', () => {
    const before = prototypeFingerprint();
    afterEach(() => {
      expect(prototypeFingerprint()).to.equal(before);
      expect(({} as Record<string, unknown>)[0]).to.equal(undefined);
      expect(([] as unknown as Record<string, unknown>)['POLLUTED']).to.equal(undefined);
    });

    it('row form: __proto__, constructor and prototype are ordinary extra fields', () => {
      const text = JSON.stringify({ schemaVersion: 1, asOf: AS_OF }).replace(
        /}$/,
        ',"customers":[{"id":"C1","name":"a","__proto__":"POLLUTED","constructor":"x","prototype":{"polluted":1}},{"id":"C2","name":"b"}]}',
      );
      const result = validated(JSON.parse(text));
      expect(result.rejectedTotal).to.equal(0);
      const extra = result.dataset.customers.extra;
      expect(Object.keys(extra).sort()).to.deep.equal(['__proto__', 'constructor', 'prototype']);
      expect(Object.getOwnPropertyDescriptor(extra, '__proto__')!.value).to.deep.equal(['POLLUTED', undefined]);
      expect(Object.getOwnPropertyDescriptor(extra, 'constructor')!.value).to.deep.equal(['x', undefined]);
    });

    it('columnar form: a "__proto__" column is an extra column like any other', () => {
      const text =
        '{"schemaVersion":1,"asOf":"' +
        AS_OF +
        '","customers":{"columns":{"id":["C1","C2"],"name":["a","b"],"__proto__":["P","Q"],"constructor":[1,2]}}}';
      const result = validated(JSON.parse(text));
      expect(Object.getOwnPropertyDescriptor(result.dataset.customers.extra, '__proto__')!.value).to.deep.equal(['P', 'Q']);
      expect(Object.getOwnPropertyDescriptor(result.dataset.customers.extra, 'constructor')!.value).to.deep.equal([1, 2]);
    });

    it('four widgets render such a payload and leave the prototypes alone', async () => {
      const payload = base();
      const text = JSON.stringify(payload).replace('"id":"C000001",', '"id":"C000001","__proto__":"POLLUTED","constructor":"c",');
      expect(text.includes('"__proto__":"POLLUTED"')).to.equal(true);
      const { views, remove } = await everyWidget(JSON.parse(text));
      expect(views).to.deep.equal(['ready', 'ready', 'ready', 'ready']);
      remove();
    });

    it('a segment filter on "constructor" or "attributes.__proto__" reads own fields only', async () => {
      const payload = base();
      const el = mount('crm-nps-gauge', { data: payload, cache: 'none', segment: 'attributes.__proto__:x' });
      expect(await untilView(el)).to.equal('empty');
      el.remove();
    });
  });

  describe('#5 dates never hang the page', () => {
    it('a columnar survey at the earliest epoch is set aside as out of range; the one at asOf counts', async () => {
      const payload = {
        schemaVersion: 1,
        asOf: AS_OF,
        surveys: { columns: { id: ['S1', 'S2'], date: [-8.64e15, AS_OF_MS], score: [10, 9] } },
      };
      const result = validated(payload);
      expect(result.rejected.surveys).to.equal(1);
      expect(result.issues[0]!.code).to.equal('range');
      expect(result.issues[0]!.path).to.equal('surveys.columns.date[0]');
      expect(result.dataset.surveys.length).to.equal(1);
      const el = mount('crm-nps-gauge', { data: payload, cache: 'none', trend: 'week' });
      expect(await untilView(el)).to.equal('ready');
      expect(textOf(el)).to.match(/1 row set aside/);
      el.remove();
    });

    it('a survey dated 0001-01-01 with trend="week" is set aside, with the reason', async () => {
      const payload = base();
      (payload.surveys[0] as Record<string, unknown>).date = '0001-01-01T00:00:00Z';
      const result = validated(payload);
      expect(result.issues.map((i) => [i.path, i.code])).to.deep.equal([['surveys[0].date', 'range']]);
      expect(result.issues[0]!.expected).to.contain('1900-01-01 to 2199-12-31');
      const el = mount('crm-nps-gauge', { data: payload, cache: 'none', trend: 'week' });
      expect(await untilView(el)).to.equal('ready');
      el.remove();
    });

    it('a trend over 126 years of weeks is capped to the latest 120 periods, and says so', async () => {
      const payload = base();
      (payload.surveys[0] as Record<string, unknown>).date = '1900-01-01T00:00:00Z';
      // One response per week is enough here, so every capped week has a point to count (with none scored the gauge shows one line instead).
      const el = mount('crm-nps-gauge', { data: payload, cache: 'none', trend: 'week', minResponses: 1 });
      expect(await untilView(el)).to.equal('ready');
      expect(el.shadowRoot!.querySelectorAll('[part~="trend-point"]').length).to.equal(120);
      expect(el.shadowRoot!.querySelector('[part~="trend-truncated"]')!.textContent).to.contain('latest 120 periods');
      el.remove();
    });

    it('a stages list of 70,000 entries is a payload error naming stages', async () => {
      const payload = { ...base(), stages: Array.from({ length: 70_000 }, (_, i) => ({ key: `s${i}` })) };
      const result = kit.validatePayload(payload);
      expect(result.ok).to.equal(false);
      if (!result.ok) expect(result.error).to.deep.include({ path: 'stages', message: 'stages: expected at most 100 stages, received 70000', code: 'too-many-stages' });
      const el = mount('crm-lifecycle-funnel', { data: payload, cache: 'none' });
      const errors = recordEvents(el, 'crm-error');
      expect(await untilView(el)).to.equal('error');
      expect(errors[0]!.detail.kind).to.equal('payload');
      expect(textOf(el)).to.contain('stages');
      el.remove();
    });

    it('70,000 distinct stage keys without a stages list is a payload error too', () => {
      const events = Array.from({ length: 70_000 }, (_, i) => ({ entityId: `D${i}`, stage: `s${i}`, date: AS_OF }));
      const result = kit.validatePayload({ schemaVersion: 1, asOf: AS_OF, stageEvents: events });
      expect(result.ok).to.equal(false);
      if (!result.ok) expect(result.error.path).to.equal('stageEvents');
    });
  });

  describe('#6 an out-of-range epoch never blanks the 360 card', () => {
    it('a columnar order dated -1e20 is set aside and the card renders the rest', async () => {
      const payload = {
        schemaVersion: 1,
        asOf: AS_OF,
        customers: [{ id: 'C1', name: 'Wang Fang', createdAt: '2025-01-01T00:00:00Z' }],
        orders: { columns: { id: ['O1', 'O2'], customerId: ['C1', 'C1'], date: [-1e20, Date.UTC(2026, 5, 1)], amount: [50, 120] } },
      };
      const result = validated(payload);
      expect(result.issues.map((i) => [i.path, i.code])).to.deep.equal([['orders.columns.date[0]', 'range']]);
      const el = mount('crm-customer-360', { data: payload, cache: 'none', customerId: 'C1' });
      expect(await untilView(el)).to.equal('ready');
      expect(textOf(el)).to.contain('Wang Fang');
      expect(textOf(el)).to.match(/1 row set aside/);
      el.remove();
    });
  });

  describe('#7 one strict timestamp parser for every accepted form', () => {
    const survey = (date: string) => ({ schemaVersion: 1, asOf: AS_OF, surveys: [{ id: 'S1', date, score: 9 }] });
    const codeOf = (date: string) => {
      const result = validated(survey(date));
      return result.rejectedTotal === 0 ? result.dataset.surveys.date[0] : result.issues[0]!.code;
    };

    it('rejects impossible dates and fields in every form (Z, offset, fraction)', () => {
      for (const text of [
        '2024-02-30T00:00:00Z',
        '2024-02-30T00:00:00+08:00',
        '2024-02-30T00:00:00.000Z',
        '2023-02-29T00:00:00Z',
        '2024-04-31T10:00:00-05:00',
        '2024-01-01T24:00:00Z',
        '2024-01-01T23:60:00Z',
        '2024-01-01T23:59:60Z',
        '2024-01-01T00:00:00+99:99',
        '2024-01-01T00:00:00+08:60',
        '2024-01-01T00:00:00.Z',
        '2024-01-01T00:00:00.1234567890Z',
        '2024-01-01 00:00:00Z',
        '2024-01-01T00:00:00',
        '2024-1-01T00:00:00Z',
        '２０２４-01-01T00:00:00Z',
      ]) {
        expect(codeOf(text), text).to.equal('type');
      }
    });

    it('reads every accepted form to the same instant, worked out by hand', () => {
      // 2024-02-29T12:30:00Z = 19,782 days after 1970-01-01 (54 years, 13 of them leap: 365·54 + 13 = 19,723,
      // plus 31 + 28 days of 2024 = 19,782) → 19,782 · 86,400,000 + 12.5 h · 3,600,000 = 1,709,209,800,000 ms.
      const noon30 = 1_709_209_800_000;
      expect(codeOf('2024-02-29T12:30:00Z')).to.equal(noon30);
      expect(codeOf('2024-02-29T12:30Z')).to.equal(noon30);
      expect(codeOf('2024-02-29T20:30:00+08:00')).to.equal(noon30);
      expect(codeOf('2024-02-29T20:30:00+0800')).to.equal(noon30);
      expect(codeOf('2024-02-29T07:30:00-05:00')).to.equal(noon30);
      expect(codeOf('2024-02-29T12:30:00.000Z')).to.equal(noon30);
      expect(codeOf('2024-02-29T12:30:00.250Z')).to.equal(noon30 + 250);
      expect(codeOf('2024-02-29T12:30:00.123456789Z')).to.equal(noon30 + 123);
      expect(codeOf('2024-02-29T12:30:00.5+00:00')).to.equal(noon30 + 500);
    });

    it('sets aside instants outside 1900-01-01 … 2199-12-31 as out of range', () => {
      expect(codeOf('1899-12-31T23:59:59Z')).to.equal('range');
      expect(codeOf('1900-01-01T00:30:00+01:00')).to.equal('range');
      expect(codeOf('2200-01-01T00:00:00Z')).to.equal('range');
      expect(codeOf('1900-01-01T00:00:00Z')).to.equal(-2_208_988_800_000);
      expect(codeOf('2199-12-31T23:59:59Z')).to.equal(7_258_118_399_000);
    });

    it('an impossible asOf is a payload error naming asOf, in the widget too', async () => {
      for (const asOf of ['2024-02-30T00:00:00Z', '2024-02-30T00:00:00+08:00', '2024-01-01T24:00:00Z', '0001-01-01T00:00:00Z']) {
        const result = kit.validatePayload({ schemaVersion: 1, asOf, surveys: [] });
        expect(result.ok, asOf).to.equal(false);
        if (!result.ok) {
          expect(result.error.path).to.equal('asOf');
          expect(result.error.message).to.contain(JSON.stringify(asOf));
        }
      }
      const el = mount('crm-nps-gauge', { data: { ...base(), asOf: '2024-02-30T00:00:00+08:00' }, cache: 'none' });
      expect(await untilView(el)).to.equal('error');
      expect(textOf(el)).to.contain('asOf');
      el.remove();
    });
  });

  describe('#12 data as JSON text', () => {
    it('a widget takes the payload as JSON text as well as an object', async () => {
      const payload = base();
      const asObject = mount('crm-nps-gauge', { data: payload, cache: 'none' });
      const asText = mount('crm-nps-gauge', { data: JSON.stringify(payload), cache: 'none' });
      expect(await untilView(asObject)).to.equal('ready');
      expect(await untilView(asText)).to.equal('ready');
      expect(textOf(asText)).to.equal(textOf(asObject));
      // 24 survey rows; S11 (2026-11-12) lies after asOf, so 23 count.
      expect(textOf(asText)).to.match(/23 responses/);
      asObject.remove();
      asText.remove();
    });

    it('JSON text that is not JSON is a not-json error, not a crash', async () => {
      const el = mount('crm-nps-gauge', { data: '{"schemaVersion": 1, oops', cache: 'none' });
      const errors = recordEvents(el, 'crm-error');
      expect(await untilView(el)).to.equal('error');
      expect(errors.map((e) => e.detail.kind)).to.deep.equal(['not-json']);
      expect(viewOf(el)).to.equal('error');
      el.remove();
    });
  });
});
