import { css } from 'lit';

/**
 * Bars are SVG rects in a stretched viewBox (see bar-track.ts); CSS gives the track its box.
 * What was lost on a step is a dashed ghost of the previous bar, and is also written out.
 */
export const funnelStyles = css`
  :host {
    --_bar: var(--_chart-1);
    --_lost: var(--_bad);
    --_label-width: minmax(4em, 9em);
    --_column-height: 9em;
  }
  .funnels {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
  }
  .funnels.grouped {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 18em), 1fr));
    --_label-width: minmax(3em, 6em);
  }
  .funnels {
    --_figures-width: 6.5em;
  }
  .funnel-wrap {
    min-width: 0;
  }
  /* Compared groups take the chart series in turn; the first is the single funnel's colour. */
  .grouped .funnel-wrap:nth-child(8n + 2) {
    --_bar: var(--_chart-2);
  }
  .grouped .funnel-wrap:nth-child(8n + 3) {
    --_bar: var(--_chart-3);
  }
  .grouped .funnel-wrap:nth-child(8n + 4) {
    --_bar: var(--_chart-4);
  }
  .grouped .funnel-wrap:nth-child(8n + 5) {
    --_bar: var(--_chart-5);
  }
  .grouped .funnel-wrap:nth-child(8n + 6) {
    --_bar: var(--_chart-6);
  }
  .grouped .funnel-wrap:nth-child(8n + 7) {
    --_bar: var(--_chart-7);
  }
  .grouped .funnel-wrap:nth-child(8n) {
    --_bar: var(--_chart-8);
  }
  .group-title {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 0.5em;
    margin: 0 0 0.25em;
    padding-bottom: 0.25em;
    border-bottom: 1px solid var(--_border);
  }
  .group-name {
    font-weight: 600;
  }
  .group-name::before {
    content: '';
    display: inline-block;
    inline-size: 0.7em;
    block-size: 0.7em;
    margin-inline-end: var(--_space-xs);
    background: var(--_bar);
    border-radius: var(--_radius-s);
  }
  .group-overall {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .funnel {
    display: flex;
    flex-direction: column;
    gap: 0.125em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .stage-item {
    min-width: 0;
  }

  /* One stage: name | track | figures */
  .stage {
    display: grid;
    /* The figures column has one width for every stage (each stage is its own grid), so every
       track ends at the same place and the 100 % bar is as long as the track. */
    grid-template-columns: var(--_label-width) minmax(0, 1fr) var(--_figures-width);
    grid-template-areas: 'name track figures';
    align-items: center;
    gap: 0.5em;
    width: 100%;
    padding: 0.25em;
    background: none;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    text-align: start;
    cursor: pointer;
  }
  .stage:hover {
    border-color: var(--_border);
  }
  .name {
    grid-area: name;
    min-width: 0;
    overflow-wrap: anywhere;
    color: var(--_muted);
  }
  .track {
    grid-area: track;
    position: relative;
    display: block;
    inline-size: 100%;
    block-size: 1.5em;
    overflow: hidden;
    background: var(--_track);
    border-radius: var(--_radius);
  }
  .bar {
    fill: var(--_bar);
    transition:
      width 0.3s ease-out,
      height 0.3s ease-out,
      y 0.3s ease-out;
  }
  .ghost {
    fill: color-mix(in srgb, var(--_lost) 15%, transparent);
    stroke: var(--_lost);
    stroke-width: 1.5;
    stroke-dasharray: 4 3;
    vector-effect: non-scaling-stroke;
  }
  .figures {
    grid-area: figures;
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    line-height: 1.15;
    font-family: var(--_font-numeric);
    font-variant-numeric: tabular-nums;
  }
  .count {
    font-size: 1.35em;
    font-weight: 700;
  }
  .share {
    color: var(--_muted);
    font-size: 0.8em;
  }

  /* The step between two stages */
  .step {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75em;
    margin: 0;
    padding-inline-start: 0.5em;
    color: var(--_muted);
    font-size: 0.8em;
    font-family: var(--_font-numeric);
    font-variant-numeric: tabular-nums;
  }
  .step .rate {
    color: var(--_text);
    font-weight: 600;
  }
  .step .lost {
    color: var(--_lost);
  }
  /* The headline: the overall conversion is the largest figure, the stages it spans a quiet label beside it. */
  .overall {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.5em;
    margin: 0 0 var(--_space-s);
  }
  .overall .kpi {
    font-size: 2em;
    font-weight: 700;
    line-height: 1.1;
    font-family: var(--_font-numeric);
    font-variant-numeric: tabular-nums;
  }
  .overall .kpi-label {
    color: var(--_muted);
  }
  .ignored {
    margin: 0.25em 0 0;
    color: var(--_muted);
    font-size: 0.8em;
  }

  /* Vertical: one column per stage, bars grow upwards. Rows are shared through subgrid
     (step | figures | track | name), so tracks line up however the words wrap. */
  .funnels.grouped[data-orientation='vertical'] {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 26em), 1fr));
  }
  .funnels[data-orientation='vertical'] .funnel {
    display: grid;
    grid-template-rows: auto auto auto auto;
    grid-auto-flow: column;
    grid-auto-columns: minmax(0, 1fr);
    gap: 0.25em 0.5em;
  }
  .funnels[data-orientation='vertical'] .stage-item {
    display: grid;
    grid-row: span 4;
    grid-template-rows: subgrid;
  }
  .funnels[data-orientation='vertical'] .step {
    grid-row: 1;
    flex-direction: column;
    justify-content: flex-end;
    padding: 0;
    overflow-wrap: break-word;
  }
  .funnels[data-orientation='vertical'] .stage {
    grid-row: 2 / span 3;
    grid-template-rows: subgrid;
    grid-template-columns: minmax(0, 1fr);
    grid-template-areas: 'figures' 'track' 'name';
    align-items: end;
    text-align: center;
  }
  .funnels[data-orientation='vertical'] .name {
    align-self: start;
    overflow-wrap: break-word;
  }
  .funnels[data-orientation='vertical'] .figures {
    align-items: center;
  }
  .funnels[data-orientation='vertical'] .track {
    block-size: var(--_column-height);
  }

  /* Narrow: name and figures over the bar; secondary labels live in the table view */
  .base[data-size='narrow'] .stage {
    grid-template-columns: minmax(0, 1fr) auto;
    grid-template-areas: 'name figures' 'track track';
    gap: 0.125em 0.5em;
  }
  .base[data-size='narrow'] .share,
  .base[data-size='narrow'] .step .median {
    display: none;
  }

  /* Skeleton in the final layout's shape */
  .skeleton-stage {
    cursor: default;
  }
  .skeleton-label {
    grid-area: name;
    block-size: 1em;
    inline-size: 70%;
  }
  .skeleton-count {
    grid-area: figures;
    block-size: 1.35em;
    inline-size: 3em;
    justify-self: end;
  }
  .skeleton-bar {
    block-size: 100%;
    inline-size: 100%;
  }
  .skeleton-bar.w1 {
    inline-size: 60%;
  }
  .skeleton-bar.w2 {
    inline-size: 38%;
  }
  .skeleton-bar.w3 {
    inline-size: 22%;
  }
  .funnels[data-orientation='vertical'] .skeleton-bar {
    position: absolute;
    inset-block-end: 0;
    inline-size: 100%;
  }
  .funnels[data-orientation='vertical'] .skeleton-bar.w1 {
    block-size: 60%;
  }
  .funnels[data-orientation='vertical'] .skeleton-bar.w2 {
    block-size: 38%;
  }
  .funnels[data-orientation='vertical'] .skeleton-bar.w3 {
    block-size: 22%;
  }
  .funnels[data-orientation='vertical'] .skeleton-count {
    justify-self: center;
  }
`;
