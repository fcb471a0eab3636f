import { expect } from '@open-wc/testing';
import { generateSample } from '../../src/sample/index.js';

describe('generateSample(options)', () => {
  it('generateSample never dates a survey before the customer became one', () => {
    for (const seed of [7, 42, 2026]) {
      const payload = generateSample({ seed, customers: 400 }) as unknown as {
        customers: { id: string; createdAt: string }[];
        surveys: { customerId: string | null; date: string }[];
      };
      const since = new Map(payload.customers.map((c) => [c.id, Date.parse(c.createdAt)]));
      const early = payload.surveys.filter((s) => s.customerId !== null && since.has(s.customerId) && Date.parse(s.date) < since.get(s.customerId)!);
      expect(early.length, `seed ${seed}`).to.equal(0);
    }
  });
});
