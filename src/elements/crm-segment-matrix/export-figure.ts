import { nothing, svg } from 'lit';
import type { RfmCell as RfmGridCell } from '../../metrics/index.js';
import { cssProps } from '../base/css-props.js';
import type { ExportFigure, LegendEntry } from '../base/figure.js';
import { cellColour, type ColorBy } from './colour-scale.js';
import { cellBox, SCORES, xCentre, yCentre } from './matrix-geometry.js';
import type { Grid, MatrixView } from './view-model.js';

export const FIGURE_WIDTH = 340;
/** The plot: a 280 × 280 square at x 40, y 0; the matrix geometry's 100 × 100 box scaled by 2.8. */
export const PLOT = { x: 40, y: 0, size: 280 } as const;
const SCALE = PLOT.size / 100;

/** What the picture says, already in words and formatted numbers. */
export interface MatrixFigureWords {
  xTitle: string;
  yTitle: string;
  /** Count and share of each cell, by `x,y`. */
  cells: Map<string, { count: string; share: string }>;
}

const text = (x: number, y: number, value: string, size: number, colour: string, anchor = 'middle', extra: Record<string, string> = {}) =>
  svg`<text x=${x} y=${y} ${cssProps({ fill: colour, 'font-size': `${size}px`, 'text-anchor': anchor, 'dominant-baseline': 'middle', ...extra })}>${value}</text>`;

/** A cell's figures stay readable on every colour of the ramp: a halo of the surface colour under the text. */
const HALO = { stroke: 'var(--_surface)', 'stroke-width': '3', 'font-weight': '700' };

/**
 * The matrix as a picture: the 25 cells in their colours (empty ones dashed), count and share in
 * each, the segment boundaries, the scores and the axis titles.
 */
export function matrixFigure(grid: readonly RfmGridCell[], fill: (cell: RfmGridCell) => string | null, outline: string | null, words: MatrixFigureWords, legend: LegendEntry[]): ExportFigure {
  const cells = grid.map((cell) => {
    const box = cellBox(cell.x, cell.y);
    const [x, y, w, h] = [PLOT.x + box.left * SCALE, PLOT.y + box.top * SCALE, box.width * SCALE, box.height * SCALE];
    const colour = fill(cell);
    const figures = words.cells.get(`${cell.x},${cell.y}`);
    return svg`
      <rect x=${x} y=${y} width=${w} height=${h} rx="4"
        ${cssProps(colour ? { fill: colour } : { fill: 'none', stroke: 'var(--_empty)', 'stroke-dasharray': '3 2' })}></rect>
      ${figures ? text(x + w / 2, y + h / 2 - 7, figures.count, 14, 'var(--_text)', 'middle', HALO) : nothing}
      ${figures ? text(x + w / 2, y + h / 2 + 10, figures.share, 10, 'var(--_text)', 'middle', { ...HALO, 'font-weight': '400' }) : nothing}`;
  });
  const plotMiddle = PLOT.y + PLOT.size / 2;
  return {
    width: FIGURE_WIDTH,
    height: PLOT.y + PLOT.size + 44,
    marks: svg`
      ${cells}
      ${outline
        ? svg`<g transform="translate(${PLOT.x} ${PLOT.y}) scale(${SCALE})">
            <path d=${outline} ${cssProps({ fill: 'none', stroke: 'var(--_outline)', 'stroke-width': String(2 / SCALE), 'stroke-linecap': 'square' })}></path>
          </g>`
        : nothing}
      ${SCORES.map((s) => text(PLOT.x + xCentre(s) * SCALE, PLOT.y + PLOT.size + 12, String(s), 11, 'var(--_muted)'))}
      ${SCORES.map((s) => text(PLOT.x - 8, PLOT.y + yCentre(s) * SCALE, String(s), 11, 'var(--_muted)', 'end'))}
      ${text(PLOT.x + PLOT.size / 2, PLOT.y + PLOT.size + 32, words.xTitle, 12, 'var(--_muted)')}
      <g transform="translate(10 ${plotMiddle}) rotate(-90)">${text(0, 0, words.yTitle, 12, 'var(--_muted)')}</g>
    `,
    legend,
  };
}

/** The cells in their colours with counts, the segment boundaries and a legend of the ramp, for `download('png')`; null before the grid is drawn. */
export function matrixExport(grid: Grid | undefined, view: MatrixView, colorBy: ColorBy): ExportFigure | null {
  if (!grid || view.kind !== 'ready') return null;
  const colour = cellColour(colorBy, grid.cells);
  return matrixFigure(grid.cells, (cell) => colour.fill(cell), view.outline, { xTitle: `${view.xTitle} → ${view.xHint}`, yTitle: view.yTitle, cells: view.figure.cells }, view.figure.legend);
}
