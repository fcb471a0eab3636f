import { expect } from '@open-wc/testing';
import { customerLookup, findDuplicateIds, idClassOf, idNumber, idNumbers } from '../../src/contract/numeric-ids.js';
import { validatePayload } from '../../src/contract/index.js';

/** Duplicates the plain way: the first row of each id in a Map. */
function duplicatesByMap(ids: unknown[], skip: Uint8Array): [number, number][] {
  const first = new Map<unknown, number>();
  const out: [number, number][] = [];
  ids.forEach((id, i) => {
    if (skip[i]) return;
    if (first.has(id)) out.push([i, first.get(id)!]);
    else first.set(id, i);
  });
  return out;
}

describe('numeric-looking ids', () => {
  it('idClassOf(id) and idNumber(id, class) read a shared prefix and digits, padded or not', () => {
    expect(idClassOf('C000123')).to.deep.equal({ prefix: 'C', width: 6 });
    expect(idClassOf('O123')).to.deep.equal({ prefix: 'O', width: 0 });
    expect(idClassOf('42')).to.deep.equal({ prefix: '', width: 0 });
    expect(idClassOf('abc')).to.equal(null);
    expect(idClassOf('x1234567890123456')).to.equal(null); // 16 digits: past exact doubles
    const padded = idClassOf('C000001')!;
    expect(idNumber('C000123', padded)).to.equal(123);
    expect(idNumber('C0123', padded)).to.equal(-1); // another width: another id, not the number 123
    expect(idNumber('D000123', padded)).to.equal(-1);
    const plain = idClassOf('O5')!;
    expect(idNumber('O0', plain)).to.equal(0);
    expect(idNumber('O07', plain)).to.equal(-1); // "O07" is not "O7"
    expect(idNumber('O7x', plain)).to.equal(-1);
    expect(idNumbers(['O1', 'O2', 'X3'], null, 3)).to.equal(null);
  });

  it('findDuplicateIds(ids, skip, n) agrees with a Map on dense, sparse, padded and non-numeric ids', () => {
    const cases: unknown[][] = [
      ['O1', 'O2', 'O1', 'O3', 'O2', 'O1'], // dense table
      ['O1', 'O99999999999', 'O1', 'O5000000000'], // sparse: one sort
      ['O1', 'O99999999999', 'O2', 'O5000000000'], // sparse, no repeat
      ['C0001', 'C0002', 'C0001'],
      ['O7', 'O07', 'O7'], // leaves the class: strings
      ['a', 'b', 'a', '__proto__', '__proto__'],
      ['O1', 'O2', 'O3', 'O4', 'O4'], // rising until the last row repeats
      ['O1', 'O5', 'O9', 'O99999999999', 'O5'], // rising, then back down to an id seen before
      ['O3', 'O2', 'O1'], // falling: not rising, yet nothing repeats
    ];
    for (const ids of cases) {
      const skip = new Uint8Array(ids.length);
      expect([...findDuplicateIds(ids, skip, ids.length)], JSON.stringify(ids)).to.deep.equal(duplicatesByMap(ids, skip));
    }
    const ids = ['O1', 'O1', 'O1'];
    const skip = Uint8Array.of(1, 0, 0); // row 0 already set aside: row 2 repeats row 1
    expect([...findDuplicateIds(ids, skip, 3)]).to.deep.equal([[2, 1]]);
    // Rows in id order (the usual export) need no table: a set-aside row in between breaks nothing.
    const rising = ['O1', 'O2', 'O2', 'O3'];
    expect([...findDuplicateIds(rising, Uint8Array.of(0, 0, 1, 0), 4)]).to.deep.equal([]);
    expect([...findDuplicateIds(rising, Uint8Array.of(0, 0, 0, 0), 4)]).to.deep.equal([[2, 1]]);
  });

  it('customerLookup(ids) finds each id by number or by Map, and -1 for any other', () => {
    const padded = customerLookup(['C000010', 'C000003', 'C000007']);
    expect([padded('C000003'), padded('C000007'), padded('C000010'), padded('C000004'), padded('C3'), padded('')]).to.deep.equal([1, 2, 0, -1, -1, -1]);
    const sparse = customerLookup(['C1', 'C900000000000']);
    expect([sparse('C900000000000'), sparse('C1'), sparse('C2')]).to.deep.equal([1, 0, -1]);
    const strings = customerLookup(['ann', 'bob']);
    expect([strings('bob'), strings('ann'), strings('eve')]).to.deep.equal([1, 0, -1]);
  });

  it('validatePayload gives the same report for numeric and other ids', () => {
    // The same rows twice: ids "O1"… and the same ids spelled as words; only the spelling differs.
    const rows = (id: (n: number) => string, customer: (n: number) => string) => ({
      schemaVersion: 1,
      customers: [1, 2, 3].map((n) => ({ id: customer(n), name: `c${n}` })),
      orders: [1, 2, 1, 4, 2].map((n, i) => ({ id: id(n), customerId: customer(i === 3 ? 9 : (n % 3) + 1), date: '2026-01-01T00:00:00Z', amount: 1 })),
    });
    const numeric = validatePayload(rows((n) => `O${n}`, (n) => `C${String(n).padStart(3, '0')}`));
    const words = validatePayload(rows((n) => `order-${'abcdefghij'[n]}`, (n) => `cust-${'abcdefghij'[n]}`));
    if (!numeric.ok || !words.ok) throw new Error('expected both to validate');
    // Rows 2 and 4 repeat rows 0 and 1; row 3 names customer 9, who is not listed.
    expect(numeric.issues.map((i) => [i.row, i.code])).to.deep.equal([[2, 'duplicate'], [3, 'unknown-customer'], [4, 'duplicate']]);
    expect(words.issues.map((i) => [i.row, i.code])).to.deep.equal([[2, 'duplicate'], [3, 'unknown-customer'], [4, 'duplicate']]);
    expect(Array.from(numeric.dataset.orders.customer)).to.deep.equal(Array.from(words.dataset.orders.customer));
  });
});
