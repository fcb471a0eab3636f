import { css } from 'lit';

/** Promoters, passives and detractors differ by pattern as well as colour: solid, diagonal stripes, cross stripes. */
export const npsStyles = css`
  :host {
    --_promoter: var(--_good);
    --_passive: var(--_neutral);
    --_detractor: var(--_bad);
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
  }
  .base[data-size='wide'] .layout {
    grid-template-columns: minmax(0, 1fr) minmax(0, 1.2fr);
    align-items: center;
  }
  .side {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    min-width: 0;
  }
  .dial {
    display: grid;
    width: 100%;
    max-width: 22em;
    margin-inline: auto;
  }
  .dial > * {
    grid-area: 1 / 1;
  }
  .dial svg {
    width: 100%;
    height: auto;
    overflow: visible;
  }
  .score-wrap {
    align-self: end;
    justify-self: center;
    text-align: center;
  }
  .score {
    display: block;
    font-size: 2.75em;
    font-weight: 700;
    line-height: 1;
    font-family: var(--_font-numeric);
    font-variant-numeric: tabular-nums;
  }
  .base[data-size='narrow'] .score {
    font-size: 2.25em;
  }
  /* The score's comparisons right under it, as values (change first, then target); the interval and
     the responses under them as quiet labels. */
  .compare {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.15em 0.75em;
    margin: 0.35em 0 0;
    font-weight: 600;
    font-family: var(--_font-numeric);
    font-variant-numeric: tabular-nums;
  }
  .compare:empty {
    display: none;
  }
  .readout {
    margin: 0.35em 0 0;
    text-align: center;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .readout span {
    display: block;
  }
  .track {
    fill: var(--_track);
  }
  .value {
    fill: var(--_accent);
    transition: d 0.3s ease-out;
  }
  .band {
    fill: var(--_text);
    fill-opacity: 0.35;
  }
  .target {
    stroke: var(--_text);
    stroke-width: 2;
  }
  .tick {
    fill: var(--_muted);
    font-size: 11px;
  }
  .not-enough {
    margin: 0.5em 0 0;
    text-align: center;
    font-weight: 600;
    color: var(--_muted);
  }
  /* Below min-responses: the score is there, greyed, so nobody reads it as settled. */
  .indicative .score {
    color: var(--_muted);
  }
  .indicative .value {
    fill: var(--_muted);
    fill-opacity: 0.6;
  }

  /* Distribution */
  .bar {
    display: flex;
    gap: 2px;
    height: 1em;
    border-radius: var(--_radius);
    overflow: hidden;
    background: var(--_track);
  }
  .bar > span {
    flex-basis: 0;
    min-width: 0;
    cursor: pointer;
    transition: flex-grow 0.3s ease-out;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0.75em;
    margin: 0.5em 0 0;
    padding: 0;
    list-style: none;
  }
  .category {
    display: inline-flex;
    align-items: baseline;
    gap: 0.35em;
    padding: 0.15em 0.35em;
    background: none;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    cursor: pointer;
    text-align: start;
    font-family: var(--_font-numeric);
    font-variant-numeric: tabular-nums;
  }
  .category:hover {
    border-color: var(--_border);
  }
  .category .share {
    font-weight: 600;
  }
  .category .count {
    color: var(--_muted);
  }
  .base[data-size='narrow'] .category .count {
    display: none;
  }
  .swatch {
    flex: none;
    align-self: center;
    width: 0.9em;
    height: 0.9em;
    border-radius: var(--_radius-s);
  }
  .fill-promoters {
    background: var(--_promoter);
  }
  .fill-passives {
    background: repeating-linear-gradient(45deg, var(--_passive) 0 0.15em, color-mix(in srgb, var(--_passive) 35%, var(--_surface)) 0.15em 0.3em);
  }
  .fill-detractors {
    background:
      repeating-linear-gradient(-45deg, var(--_detractor) 0 0.12em, transparent 0.12em 0.3em),
      repeating-linear-gradient(45deg, var(--_detractor) 0 0.12em, color-mix(in srgb, var(--_detractor) 30%, var(--_surface)) 0.12em 0.3em);
  }

  /* Trend */
  .trend-label {
    margin: 0 0 0.25em;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .trend-note {
    margin: 0;
    color: var(--_muted);
    font-size: 0.8em;
  }
  .sparkline {
    display: block;
    width: 100%;
    height: auto;
    max-height: 6em;
    overflow: visible;
  }
  .spark-line {
    fill: none;
    stroke: var(--_accent);
    stroke-width: 2;
    vector-effect: non-scaling-stroke;
  }
  .zero {
    stroke: var(--_border);
    stroke-dasharray: 2 2;
    vector-effect: non-scaling-stroke;
  }
  .point {
    fill: var(--_surface);
    stroke: var(--_accent);
    stroke-width: 1.5;
    cursor: pointer;
  }
  .point.missing {
    stroke: var(--_muted);
    stroke-dasharray: 1.5 1.5;
  }
  .point:hover,
  .point:focus-visible {
    r: 5;
    stroke: var(--_text);
    stroke-width: 2.5;
    outline: none;
  }

  /* Skeleton in the final layout's shape */
  .skeleton-dial {
    width: 100%;
    max-width: 22em;
    aspect-ratio: 2 / 1;
    margin-inline: auto;
    border-radius: var(--_radius-full) var(--_radius-full) 0 0;
  }
  .skeleton-bar {
    height: 1em;
  }
  .skeleton-legend {
    height: 1.2em;
    width: 80%;
  }
  .skeleton-trend {
    height: 3em;
  }
  .band-label {
    fill: var(--_muted);
    font-size: 11px;
    font-variant-numeric: tabular-nums;
  }
  /* As wide as the drawn sparkline: at most 6em tall, so at most 6em × 200 / 48 = 25em wide, centred. */
  .trend-ticks {
    position: relative;
    max-width: 25em;
    height: 1em;
    margin-inline: auto;
    color: var(--_muted);
  }
  .trend-tick {
    font-size: 0.7em;
    position: absolute;
    top: 0;
    white-space: nowrap;
    transform: translateX(-50%);
  }
  .trend-tick:first-child {
    transform: none;
  }
  .trend-tick:last-child {
    transform: translateX(-100%);
  }
`;
