import { expect } from '@open-wc/testing';
import { createFormatter } from '../../../src/i18n/index.js';
import { cellMove, drillRowView, drillWords, matrixView, migrationView, type Grid, type MatrixReadyView } from '../../../src/elements/crm-segment-matrix/view-model.js';
// The view models are pure: zh-CN's words are there once its module is imported, as in Node.
import '../../../src/locales/zh-CN.js';

const info = { asOf: Date.UTC(2026, 5, 30), asOfFromPayload: true, currency: 'CNY', stages: [], present: { orders: true } };

/** 40 scored customers: 30 champions at R5 F5 (mean M 5, ¥9,000), 10 hibernating at R1 F1 (mean M 1, ¥100); the other 23 cells empty. */
const cells: Grid['cells'] = [];
for (let y = 1; y <= 5; y++) {
  for (let x = 1; x <= 5; x++) {
    const at = (cx: number, cy: number) => x === cx && y === cy;
    cells.push(at(5, 5) ? { x, y, count: 30, monetary: 9000, meanM: 5 } : at(1, 1) ? { x, y, count: 10, monetary: 100, meanM: 1 } : { x, y, count: 0, monetary: 0, meanM: null });
  }
}
const grid = { x: 'r', y: 'f', cells, segments: {}, scored: 40, unscored: 2, warnings: [] } as unknown as Grid;
const options = { xAxis: 'r' as const, yAxis: 'f' as const, colorBy: 'm-score' as const, rfm: {} };

const ready = (locale: 'en' | 'zh-CN', o = options): MatrixReadyView => {
  const view = matrixView(grid, info, o, locale, createFormatter(locale, 'CNY'));
  if (view.kind !== 'ready') throw new Error('expected a ready view');
  return view;
};
const cellAt = (view: MatrixReadyView, x: number, y: number) => view.rows[5 - y]![x - 1]!;

describe('matrixView(grid, info, options, locale, fmt)', () => {
  it('lays the top row (score 5) first and gives each cell its count and share', () => {
    const view = ready('en');
    expect(view.rows.map((row) => row.map((c) => c.y))[0]).to.deep.equal([5, 5, 5, 5, 5]);
    const top = cellAt(view, 5, 5);
    // 30 of 40 scored customers = 75 %; 10 of 40 = 25 %.
    expect([top.count, top.share, top.empty]).to.deep.equal(['30', '75.0%', false]);
    expect([cellAt(view, 1, 1).count, cellAt(view, 1, 1).share]).to.deep.equal(['10', '25.0%']);
    expect(cellAt(view, 3, 3).empty).to.equal(true);
    expect(cellAt(view, 3, 3).fill).to.equal(null);
  });

  it('colours on the one-hue ramp: mean M 5 at the strong end, 1 at the quiet end', () => {
    const view = ready('en');
    expect(cellAt(view, 5, 5).fill).to.equal('var(--_ramp-5)');
    expect(cellAt(view, 1, 1).fill).to.equal('var(--_ramp-1)');
    expect([cellAt(view, 5, 5).strong, cellAt(view, 1, 1).strong]).to.deep.equal([true, false]);
    expect(view.legend.ramp.every((c) => !c.includes('--_bad'))).to.equal(true);
    expect([view.legend.low, view.legend.high]).to.deep.equal(['1', '5']);
  });

  it('names each cell with its segment, and labels a segment once, in its first cell from the top-left', () => {
    const view = ready('en');
    expect(cellAt(view, 5, 5).label).to.equal('R5 · F5: 30 customers, 75.0% of scored customers, mean M score 5, segment Champions');
    // R1 F5 is the first cell read from the top-left: Can't lose them.
    expect(cellAt(view, 1, 5).segmentName).to.not.equal(null);
    expect(cellAt(view, 2, 5).segmentName).to.equal(null);
    expect(view.outline).to.be.a('string');
  });

  it('has no segments on axes other than R × F', () => {
    const view = ready('en', { ...options, xAxis: 'm' as never, yAxis: 'f' });
    expect(view.outline).to.equal(null);
    expect(view.rows.flat().every((c) => c.segmentName === null)).to.equal(true);
  });

  it('builds the table with the same figures, top row first', () => {
    const rows = ready('en').table.rows;
    expect(rows[4]).to.deep.equal(['R5 · F5', 'Champions', '30', '75.0%', '5', 'CN¥9,000.00']);
    expect(rows[20]).to.deep.equal(['R1 · F1', 'Hibernating', '10', '25.0%', '1', 'CN¥100.00']);
  });

  it('says in the summary which cell is largest and how many were not scored', () => {
    const summary = ready('en').summary;
    expect(summary).to.contain('R5 · F5');
    expect(summary).to.contain('2');
  });

  it('speaks Chinese in zh-CN', () => {
    const view = ready('zh-CN');
    expect(cellAt(view, 5, 5).label).to.equal('R5 · F5：30 位客户，占已评分客户的 75.0%，平均 M 得分 5，属于核心客户');
    expect(view.legend.title).to.equal('颜色：平均 M 得分');
  });

  it('words a drill-down row and the pager', () => {
    const row = drillRowView(
      { customerId: 'C1', name: '王芳', company: '华星科技', recencyDays: 124, frequency: 3, monetary: -197.33, segment: 'at_risk', segmentLabel: 'At risk', health: 71, band: 'green' },
      'en',
      createFormatter('en', 'CNY'),
    );
    expect([row.recency, row.frequency, row.monetary, row.health]).to.deep.equal(['124 days ago', '3', '\u2212CN¥197.33', '71 · healthy']);
    // Page 2 of 3 with 10 per page over 25 rows: rows 11–20.
    const words = drillWords(cells[24]!, options, { index: 1, size: 10, pages: 3, total: 25 }, 'en', createFormatter('en'));
    expect(words.status).to.equal('Page 2 of 3 · 11–20 of 25');
    expect(words.title).to.equal('R5 · F5 (Champions): 30 customers');
  });

  describe('with the previous period', () => {
    /** The period before: 27 champions at R5 F5, 12 hibernating at R1 F1, 1 at R3 F3; 40 scored then too. */
    const before = {
      ...grid,
      cells: cells.map((c) => (c.x === 5 && c.y === 5 ? { ...c, count: 27 } : c.x === 1 && c.y === 1 ? { ...c, count: 12 } : c.x === 3 && c.y === 3 ? { ...c, count: 1, meanM: 3 } : c)),
    } as Grid;
    const withBefore = (locale: 'en' | 'zh-CN') => {
      const view = matrixView(grid, info, options, locale, createFormatter(locale, 'CNY'), before);
      if (view.kind !== 'ready') throw new Error('expected a ready view');
      return view;
    };

    it('gives each cell its count change, negatives with a real minus sign', () => {
      const view = withBefore('en');
      // R5 F5: 30 − 27 = +3; R1 F1: 10 − 12 = −2; R3 F3: 0 − 1 = −1; R2 F4: 0 − 0 = 0.
      expect([cellAt(view, 5, 5).change, cellAt(view, 1, 1).change, cellAt(view, 3, 3).change, cellAt(view, 2, 4).change]).to.deep.equal(['+3', '\u22122', '\u22121', '0']);
      expect(cellAt(view, 5, 5).label).to.equal('R5 · F5: 30 customers, 75.0% of scored customers, mean M score 5, segment Champions, +3 against the period before');
      expect(cellAt(view, 1, 1).label).to.equal('R1 · F1: 10 customers, 25.0% of scored customers, mean M score 1, segment Hibernating, \u22122 against the period before');
    });

    it('adds the change column to the table after the count', () => {
      const view = withBefore('en');
      expect(view.table.columns.map((c) => c.label)).to.deep.equal(['Cell', 'Segment', 'Customers', 'Change against the period before', 'Share', 'Mean M score', 'Total spend']);
      // Top row first: R5 F5 is row 4 (R1..R5 of F5), R3 F3 row 12, R1 F1 row 20.
      expect(view.table.rows[4]).to.deep.equal(['R5 · F5', 'Champions', '30', '+3', '75.0%', '5', 'CN¥9,000.00']);
      expect(view.table.rows[12]!.slice(0, 4)).to.deep.equal(['R3 · F3', 'Need attention', '0', '\u22121']);
      expect(view.table.rows[20]).to.deep.equal(['R1 · F1', 'Hibernating', '10', '\u22122', '25.0%', '1', 'CN¥100.00']);
    });

    it('says it in Chinese', () => {
      const view = withBefore('zh-CN');
      expect(cellAt(view, 1, 1).label).to.equal('R1 · F1：10 位客户，占已评分客户的 25.0%，平均 M 得分 1，属于沉睡客户，较上一周期 \u22122');
      expect(view.table.columns[3]!.label).to.equal('较上一周期');
    });

    it('shows no change, and no column, without a previous period', () => {
      const view = ready('en');
      expect(cellAt(view, 5, 5).change).to.equal(null);
      expect(cellAt(view, 5, 5).label).to.not.contain('period before');
      expect(view.table.columns).to.have.length(6);
    });
  });

  it('moves the tab stop with arrows, Home and End, score 5 on top, never off the grid', () => {
    expect(cellMove('ArrowUp', { x: 3, y: 3 })).to.deep.equal({ x: 3, y: 4 });
    expect(cellMove('ArrowDown', { x: 3, y: 3 })).to.deep.equal({ x: 3, y: 2 });
    expect(cellMove('ArrowLeft', { x: 1, y: 3 })).to.deep.equal({ x: 1, y: 3 });
    expect(cellMove('ArrowUp', { x: 2, y: 5 })).to.deep.equal({ x: 2, y: 5 });
    expect([cellMove('Home', { x: 4, y: 2 }), cellMove('End', { x: 1, y: 2 })]).to.deep.equal([{ x: 1, y: 2 }, { x: 5, y: 2 }]);
    expect(cellMove('a', { x: 1, y: 1 })).to.equal(null);
  });

  it('words the migration: moves only, largest first as the engine lists them, at most eight', () => {
    const flows = [
      { from: 'champions', to: 'champions', customers: 40 },
      { from: null, to: 'hibernating', customers: 12 },
      ...Array.from({ length: 9 }, (_, i) => ({ from: 'loyal', to: 'at_risk', customers: 9 - i })),
    ];
    const view = migrationView({ from: Date.UTC(2026, 2, 22), days: 100, customers: 97, stayed: 40, flows } as never, 'en', createFormatter('en'));
    expect(view.title).to.equal('Segment migration since Mar 22, 2026');
    expect(view.stayed).to.equal('40 of 97 customers are in the same segment as then.');
    // Eleven flows, one of them a stay: ten moves, of which the first eight are shown.
    expect(view.rows).to.have.length(8);
    expect(view.rows[0]).to.deep.equal(['Not scored', 'Hibernating', '12']);
    expect(view.rows[1]).to.deep.equal(['Loyal', 'At risk', '9']);
  });

  it('is empty when nobody is scored, or orders are absent', () => {
    const none = matrixView({ ...grid, scored: 0 }, info, options, 'en', createFormatter('en'));
    expect(none.kind === 'empty' && none.text).to.contain('2');
    expect(matrixView(grid, { ...info, present: { orders: false } }, options, 'en', createFormatter('en')).kind).to.equal('empty');
  });
});
