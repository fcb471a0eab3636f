import { css } from 'lit';

/**
 * Cells are placed by the band scales (percent of the plot) through cssProps (CSSOM), never a style
 * attributes (strict CSP). The ramp is one hue from the theme's tokens; text sits on the tile itself,
 * in the text colour on the quiet half of the ramp and in the surface colour on the strong half.
 */
export const matrixStyles = css`
  :host {
    --_outline: var(--_border-strong);
    --_selected: var(--_accent);
    --_empty: var(--_border-strong);
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-l);
  }
  .base[data-size='wide'] .layout.with-drill {
    grid-template-columns: minmax(0, 1fr) minmax(0, 1.25fr);
    align-items: start;
  }
  .matrix-column {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    min-width: 0;
  }
  .matrix {
    display: grid;
    grid-template-columns: auto 1.25em minmax(0, 1fr);
    grid-template-rows: auto auto auto;
    column-gap: 0.25em;
    max-width: 40em;
  }
  .y-title {
    grid-area: 1 / 1 / 2 / 2;
    writing-mode: vertical-rl;
    transform: rotate(180deg);
    text-align: center;
    color: var(--_muted);
    font-size: 0.8em;
  }
  /* Chinese reads top to bottom in vertical text: no rotation. */
  .y-title:lang(zh) {
    transform: none;
  }
  .y-ticks {
    grid-area: 1 / 2 / 2 / 3;
    position: relative;
  }
  .plot {
    grid-area: 1 / 3 / 2 / 4;
    position: relative;
    aspect-ratio: 5 / 4;
  }
  .base[data-size='narrow'] .plot {
    aspect-ratio: 1;
  }
  .x-ticks {
    grid-area: 2 / 3 / 3 / 4;
    position: relative;
    height: 1.4em;
  }
  .x-title {
    grid-area: 3 / 3 / 4 / 4;
    text-align: center;
    color: var(--_muted);
    font-size: 0.8em;
  }
  .x-title .hint {
    white-space: nowrap;
  }
  .tick {
    position: absolute;
    color: var(--_muted);
    font-size: 0.8em;
    font-family: var(--_font-numeric);
    font-variant-numeric: tabular-nums;
    transform: translate(-50%, 0);
  }
  .y-ticks .tick {
    right: 0.25em;
    transform: translate(0, -50%);
  }
  .grid,
  .row {
    display: contents;
  }
  .cell {
    position: absolute;
    display: flex;
    flex-direction: column;
    justify-content: space-between;
    align-items: flex-start;
    gap: 0.15em;
    padding: 0.25em;
    overflow: hidden;
    border-radius: var(--_radius);
    cursor: pointer;
    transition: background-color 0.3s ease-out;
  }
  .cell.empty {
    justify-content: flex-end;
    border: 1px dashed var(--_empty);
  }
  .cell:hover {
    box-shadow: inset 0 0 0 2px var(--_text);
  }
  .cell[aria-selected='true'] {
    box-shadow:
      inset 0 0 0 3px var(--_selected),
      inset 0 0 0 5px var(--_surface);
  }
  .cell {
    color: var(--_text);
  }
  .cell.strong {
    color: var(--_surface);
  }
  .cell.empty {
    color: var(--_muted);
  }
  .segment-label {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
    font-size: 0.75em;
    font-weight: 600;
  }
  .readout {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.35em;
    margin-top: auto;
    font-family: var(--_font-numeric);
    font-variant-numeric: tabular-nums;
  }
  .count {
    font-size: 1.1em;
    font-weight: 700;
  }
  .share {
    font-size: 0.75em;
  }
  .base[data-size='narrow'] .share {
    display: none;
  }
  .base[data-size='narrow'] .count {
    font-size: 0.85em;
  }
  .base[data-size='narrow'] .cell {
    padding: 0.15em;
  }
  .outlines {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    overflow: visible;
    pointer-events: none;
  }
  .outlines path {
    fill: none;
    stroke: var(--_outline);
    stroke-width: 1;
    stroke-linecap: square;
    vector-effect: non-scaling-stroke;
  }

  /* Legend */
  .legend {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.35em 1.25em;
    color: var(--_muted);
    font-size: 0.8em;
  }
  .legend-ramp {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.5em;
  }
  .ramp-row {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    font-family: var(--_font-numeric);
    font-variant-numeric: tabular-nums;
  }
  .ramp {
    width: 6em;
    height: 0.8em;
    border-radius: var(--_radius-s);
  }
  .legend-key {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
  }
  .key-empty,
  .key-outline {
    display: inline-block;
    width: 1.1em;
    height: 0.8em;
    border-radius: var(--_radius-s);
  }
  .key-empty {
    border: 1px dashed var(--_empty);
  }
  .key-outline {
    border: 2px solid var(--_outline);
  }
  .legend .note {
    flex-basis: 100%;
  }

  /* Drill-down */
  .drill {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
    min-width: 0;
    container-type: inline-size;
  }
  .drill-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5em;
  }
  .drill-title {
    margin: 0;
    font-weight: 600;
  }
  .filter {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .filter input {
    flex: 1 1 10em;
    min-width: 0;
    padding: 0.3em 0.5em;
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border-strong);
    border-radius: var(--_radius);
  }
  .drill table {
    font-size: 0.875em;
  }
  .drill th,
  .drill td {
    white-space: nowrap;
  }
  .drill thead th {
    padding: 0;
    /* The header stays in view while a long page scrolls inside the card. */
    position: sticky;
    top: 0;
    z-index: 1;
    background: var(--_surface);
  }
  .drill .table-wrap {
    max-height: 28em;
    overflow-y: auto;
  }
  /* Column priority: name, health, monetary and recency stay; the rest give way by width, so the
     table fits its card without a horizontal scroll (the table view and the 360 card have them all). */
  @container (max-width: 40em) {
    .drill .col-company {
      display: none;
    }
  }
  @container (max-width: 34em) {
    .drill .col-frequency {
      display: none;
    }
  }
  @container (max-width: 28em) {
    .drill .col-segment {
      display: none;
    }
  }
  @container (max-width: 22em) {
    .drill .col-recency {
      display: none;
    }
  }
  .sort {
    display: inline-flex;
    gap: 0.3em;
    width: 100%;
    padding: 0.3em 0.5em;
    background: none;
    border: 0;
    font-weight: 600;
    text-align: inherit;
    cursor: pointer;
  }
  th.num .sort {
    justify-content: flex-end;
  }
  .sort-mark {
    color: var(--_muted);
  }
  th[aria-sort='ascending'] .sort-mark,
  th[aria-sort='descending'] .sort-mark {
    color: var(--_accent);
  }
  tbody tr {
    cursor: pointer;
  }
  tbody tr:hover {
    background: var(--_accent-subtle);
  }
  tbody th {
    font-weight: normal;
  }
  .customer {
    padding: 0;
    background: none;
    border: 0;
    color: var(--_accent);
    text-align: start;
    cursor: pointer;
  }
  .no-rows {
    color: var(--_muted);
    white-space: normal;
  }
  .band {
    display: inline-block;
    width: 0.65em;
    height: 0.65em;
    margin-inline-end: 0.35em;
  }
  /* Band by shape as well as colour: circle, triangle, square. */
  .band-green {
    background: var(--_good);
    border-radius: 50%;
  }
  .band-yellow {
    background: var(--_neutral);
    clip-path: polygon(50% 0, 100% 100%, 0 100%);
  }
  .band-red {
    background: var(--_bad);
  }
  .pager {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em;
    font-size: 0.875em;
  }
  .pager button[disabled] {
    opacity: 0.45;
    cursor: default;
  }
  .pager-status {
    color: var(--_muted);
    font-family: var(--_font-numeric);
    font-variant-numeric: tabular-nums;
  }

  /* Skeleton in the final layout's shape */
  .skeleton-matrix .cell.skeleton {
    position: absolute;
    display: block;
    cursor: default;
  }
  .skeleton-legend {
    height: 1em;
    width: 60%;
  }
  .migration h3 {
    margin: var(--_space) 0 var(--_space-xs);
    font-size: 1em;
  }
  .migration p {
    margin: 0 0 var(--_space-xs);
    color: var(--_muted);
  }
  .migration table {
    border-collapse: collapse;
    width: 100%;
  }
  .migration :is(th, td) {
    text-align: start;
    padding: 0.2em 0.5em 0.2em 0;
    border-bottom: 1px solid var(--_border);
  }
  .migration .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
`;
