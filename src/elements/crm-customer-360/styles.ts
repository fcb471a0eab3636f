import { css } from 'lit';

/**
 * Two columns when there is room (who and how healthy | what is wrong and what happened),
 * one stacked column below 400 px. Bands and signals carry a shape and a label besides colour.
 */
export const c360Styles = css`
  :host {
    --_band-green: var(--_good);
    --_band-yellow: var(--_neutral);
    --_band-red: var(--_bad);
    --_signal: var(--_bad);
  }
  p,
  ul,
  ol,
  dl,
  dd {
    margin: 0;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    gap: var(--_space-l);
    align-items: start;
  }
  .base[data-size='wide'] .layout {
    grid-template-columns: minmax(0, 1fr) minmax(0, 1.4fr);
  }
  .base[data-size='narrow'] .layout {
    grid-template-columns: minmax(0, 1fr);
  }
  .column {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    min-width: 0;
  }
  .muted,
  .meta,
  dt {
    color: var(--_muted);
  }
  .section-title {
    font-weight: 600;
    margin-bottom: 0.25em;
  }
  .section-title .muted {
    font-weight: 400;
  }
  .facts {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 0.15em 0.75em;
  }
  .facts > div {
    display: contents;
  }
  dd {
    overflow-wrap: anywhere;
  }

  /* Profile */
  .name {
    font-size: 1.25em;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .meta {
    margin-bottom: 0.35em;
  }

  /* Health: the number a user came for is the largest thing on the card, its band beside it. */
  .kpi {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 var(--_space);
  }
  .score-line {
    display: flex;
    align-items: baseline;
    gap: 0.35em;
  }
  .health-score {
    font-size: 2.5em;
    font-weight: 700;
    line-height: 1;
    /* The score takes its band's colour (the band's shape and label say it too), never the accent. */
    color: var(--_band);
    font-family: var(--_font-numeric);
    font-variant-numeric: tabular-nums;
  }
  .health[data-band='green'] {
    --_band: var(--_band-green);
  }
  .health[data-band='yellow'] {
    --_band: var(--_band-yellow);
  }
  .health[data-band='red'] {
    --_band: var(--_band-red);
  }
  .meter {
    display: block;
    width: 100%;
    max-width: 12em;
    height: 4px;
    margin-block: 0.4em;
  }
  .meter-track {
    fill: var(--_track);
  }
  .meter-fill {
    fill: var(--_band);
  }
  .base[data-size='narrow'] .health-score {
    font-size: 2em;
  }
  .of {
    color: var(--_muted);
  }
  .band {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    font-weight: 600;
  }
  .shape {
    width: 1em;
    height: 1em;
    flex: none;
  }
  .band-green .shape {
    fill: var(--_band-green);
  }
  .band-yellow .shape {
    fill: var(--_band-yellow);
  }
  .band-red .shape {
    fill: var(--_band-red);
  }

  /* Figures */
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9em, 1fr));
    gap: var(--_space);
    padding-block: var(--_space);
    border-block: 1px solid var(--_border);
  }
  .figure dt {
    font-size: 0.875em;
  }
  .figure dd {
    font-size: 1.15em;
    font-weight: 600;
    font-family: var(--_font-numeric);
    font-variant-numeric: tabular-nums;
    /* An amount never wraps mid-value. */
    white-space: nowrap;
  }
  .figure dt {
    font-weight: 400;
  }
  .revenue dd {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.5em;
  }
  .revenue-spark {
    width: 7.5em;
    height: 1.75em;
    flex: none;
    overflow: visible;
  }
  .revenue-line {
    fill: none;
    stroke: var(--_accent);
    stroke-width: 1.5;
    vector-effect: non-scaling-stroke;
  }
  .revenue-area {
    fill: var(--_accent-subtle);
  }
  .revenue-zero {
    stroke: var(--_border);
    stroke-width: 1;
    vector-effect: non-scaling-stroke;
  }
  .revenue-last {
    fill: var(--_accent);
  }

  /* Next best action */
  .action {
    padding: var(--_space);
    border-inline-start: 3px solid var(--_accent);
    background: var(--_accent-subtle);
    border-radius: var(--_radius);
  }
  .action-text {
    font-weight: 600;
  }

  /* Signals */
  .signals ul,
  .tickets ul,
  .timeline ol {
    padding: 0;
    list-style: none;
  }
  .signal {
    display: grid;
    grid-template-columns: 1em max-content minmax(0, 1fr);
    align-items: baseline;
    gap: 0 0.5em;
    padding-block: 0.15em;
    color: var(--_muted);
  }
  .mark {
    width: 1em;
    height: 1em;
    align-self: center;
  }
  .mark .icon-line,
  .mark .icon-mark {
    fill: none;
    stroke: currentColor;
    stroke-width: 1.75;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .mark .icon-fill {
    fill: currentColor;
  }
  .signal.fired .mark .icon-mark {
    stroke: var(--_surface);
  }
  .signal:not(.fired):not(.not-measured) .mark {
    color: var(--_good);
  }
  .base[data-size='narrow'] .signal {
    grid-template-columns: 1em minmax(0, 1fr);
  }
  .base[data-size='narrow'] .signal .evidence {
    grid-column: 2;
  }
  .signal.fired {
    color: var(--_text);
  }
  .signal.fired .mark {
    color: var(--_signal);
  }
  .signal.fired .signal-name {
    font-weight: 600;
  }
  .signal.not-measured .evidence {
    font-style: italic;
  }
  .comment {
    font-style: italic;
    overflow-wrap: anywhere;
  }

  /* Timeline */
  .timeline ol {
    display: flex;
    flex-direction: column;
    border-inline-start: 2px solid var(--_border);
    margin-inline-start: 0.35em;
  }
  .item {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr) max-content;
    gap: 0 0.5em;
    width: 100%;
    padding: 0.3em 0.5em;
    background: none;
    border: 0;
    border-radius: var(--_radius);
    text-align: start;
    cursor: pointer;
  }
  .item:hover {
    background: var(--_accent-subtle);
  }
  .base[data-size='narrow'] .item {
    grid-template-columns: max-content minmax(0, 1fr);
  }
  .base[data-size='narrow'] .item time {
    grid-column: 1 / -1;
  }
  .item .kind {
    font-weight: 600;
  }
  .item .what {
    /* Breaks between words only: an amount ("Refund O3076: −CN¥197.33") never wraps mid-value. */
    overflow-wrap: break-word;
  }
  .item time {
    color: var(--_muted);
    font-family: var(--_font-numeric);
    font-variant-numeric: tabular-nums;
  }

  /* Skeleton in the final layout's shape */
  .skeleton-profile {
    height: 4.5em;
  }
  .skeleton-health {
    height: 6em;
  }
  .skeleton-figures {
    height: 4em;
  }
  .skeleton-signals {
    height: 7em;
  }
  .skeleton-timeline {
    height: 12em;
  }
`;
