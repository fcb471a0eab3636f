import { html, nothing, svg } from 'lit';
import { cssProps } from '../base/css-props.js';
import { cellBox, SCORES } from './matrix-geometry.js';
import type { CellView, MatrixReadyView, MigrationView } from './view-model.js';

interface Point {
  x: number;
  y: number;
}

/** What a cell asks of its element: open it, move or act on a key, show and hide its tooltip. */
export interface CellActions {
  select: (x: number, y: number) => void;
  key: (e: KeyboardEvent, cell: Point) => void;
  showTip: (target: Element, text: string) => void;
  hideTip: () => void;
}

export interface GridState {
  /** The cell holding the tab stop (roving tabindex). */
  active: Point;
  selected: Point | null;
  narrow: boolean;
  hint: string;
  locale: string;
}

const boxStyle = (box: { left: number; top: number; width: number; height: number }) => ({
  left: `${box.left}%`,
  top: `${box.top}%`,
  width: `${box.width}%`,
  height: `${box.height}%`,
});

/** The grid's shape: 25 quiet tiles where the cells will be, so nothing jumps when data arrives. */
export function skeletonTemplate() {
  return html`<div class="layout" part="layout">
    <div class="matrix-column">
      <div class="matrix skeleton-matrix" aria-hidden="true">
        <div class="plot">
          <div class="grid">
            ${SCORES.flatMap((y) => SCORES.map((x) => html`<span class="cell skeleton" part="skeleton" ${cssProps(boxStyle(cellBox(x, y)))}></span>`))}
          </div>
        </div>
      </div>
      <span class="skeleton skeleton-legend" part="skeleton"></span>
    </div>
  </div>`;
}

export function matrixTemplate(view: MatrixReadyView, state: GridState, actions: CellActions) {
  return html`<div class="matrix" part="matrix">
    <div class="y-title" part="axis" lang=${state.locale} aria-hidden="true">${view.yTitle}</div>
    <div class="y-ticks" aria-hidden="true">${view.ticks.map((t) => html`<span class="tick" part="tick" ${cssProps({ top: `${t.y}%` })}>${t.score}</span>`)}</div>
    <div class="plot">
      <div class="grid" part="grid" role="grid" aria-label=${view.gridLabel} aria-describedby="grid-hint">
        ${view.rows.map((row) => html`<div class="row" role="row">${row.map((cell) => cellTemplate(cell, state, actions))}</div>`)}
      </div>
      ${view.outline
        ? html`<svg class="outlines" part="outlines" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">${svg`<path d=${view.outline}></path>`}</svg>`
        : nothing}
    </div>
    <div class="x-ticks" aria-hidden="true">${view.ticks.map((t) => html`<span class="tick" part="tick" ${cssProps({ left: `${t.x}%` })}>${t.score}</span>`)}</div>
    <div class="x-title" part="axis" aria-hidden="true">${view.xTitle} → <span class="hint">${view.xHint}</span></div>
    <p id="grid-hint" class="visually-hidden">${state.hint}</p>
  </div>`;
}

function cellTemplate(cell: CellView, state: GridState, actions: CellActions) {
  const isActive = state.active.x === cell.x && state.active.y === cell.y;
  const isSelected = state.selected?.x === cell.x && state.selected?.y === cell.y;
  const parts = ['cell', cell.empty ? 'empty' : '', isSelected ? 'selected' : ''].filter(Boolean).join(' ');
  // The name comes from a hidden sentence in the cell (not aria-label), so the visible
  // count and share are part of the content the name is computed from.
  return html`<div
    class="cell ${cell.empty ? 'empty' : ''} ${cell.strong ? 'strong' : ''}"
    part=${parts}
    role="gridcell"
    data-x=${cell.x}
    data-y=${cell.y}
    tabindex=${isActive ? 0 : -1}
    aria-selected=${isSelected ? 'true' : 'false'}
    ${cssProps({
      ...boxStyle(cell.box),
      // An empty value removes the property, so an empty cell falls back to its CSS.
      'background-color': cell.fill ?? '',
    })}
    @click=${() => actions.select(cell.x, cell.y)}
    @keydown=${(e: KeyboardEvent) => actions.key(e, cell)}
    @focus=${(e: FocusEvent) => actions.showTip(e.currentTarget as Element, cell.label)}
    @pointerenter=${(e: PointerEvent) => actions.showTip(e.currentTarget as Element, cell.label)}
    @blur=${actions.hideTip}
    @pointerleave=${actions.hideTip}
  >
    <span class="cell-label visually-hidden">${cell.label}</span>
    ${cell.segmentName && !state.narrow ? html`<span class="segment-label" part="segment-label" aria-hidden="true">${cell.segmentName}</span>` : nothing}
    <span class="readout" aria-hidden="true">
      <span class="count" part="cell-count">${cell.count}</span>
      <span class="share" part="cell-share">${cell.share}</span>
    </span>
  </div>`;
}

export function legendTemplate({ legend }: MatrixReadyView, label: string) {
  const step = 100 / legend.ramp.length;
  return html`<div class="legend" part="legend" role="group" aria-label=${label}>
    <div class="legend-ramp">
      <span class="legend-title">${legend.title}</span>
      <span class="ramp-row">
        <span class="ramp-end">${legend.low} <span class="visually-hidden">(${legend.lowHint})</span></span>
        <svg class="ramp" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
          ${legend.ramp.map((c, i) => svg`<rect x=${i * step} y="0" width=${step + 0.5} height="10" ${cssProps({ fill: c })}></rect>`)}
        </svg>
        <span class="ramp-end">${legend.high} <span class="visually-hidden">(${legend.highHint})</span></span>
      </span>
    </div>
    <span class="legend-key"><span class="key-empty" aria-hidden="true"></span>${legend.empty}</span>
    ${legend.segments
      ? html`<span class="legend-key"><span class="key-outline" aria-hidden="true"></span>${legend.segments}</span>`
      : html`<span class="legend-key note">${legend.noSegments}</span>`}
  </div>`;
}

/** Where customers moved between segments: since when, how many stayed, the largest flows. */
export function migrationTemplate(view: MigrationView) {
  return html`<section class="migration" part="migration" aria-labelledby="migration-title">
    <h3 id="migration-title">${view.title}</h3>
    <p>${view.stayed}</p>
    ${view.rows.length
      ? html`<table part="migration-table">
          <thead>
            <tr>${view.columns.map((label, i) => html`<th scope="col" class=${i === 2 ? 'num' : nothing}>${label}</th>`)}</tr>
          </thead>
          <tbody>
            ${view.rows.map(([from, to, customers]) => html`<tr><td>${from}</td><td>${to}</td><td class="num">${customers}</td></tr>`)}
          </tbody>
        </table>`
      : nothing}
  </section>`;
}
