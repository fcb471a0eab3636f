import { css } from 'lit';

/**
 * The frame every widget shares: title row, body, footer, state views, table view,
 * tooltip. Sizes are in rem / % / em only, so a widget fits 280 px to full width.
 */
export const frameStyles = css`
  :host {
    display: block;
    min-width: 0;
    font-family: var(--_font-sans);
    font-size: var(--_font-size);
    /* Every figure in tabular digits, so columns of numbers line up and counts do not jitter. */
    font-variant-numeric: tabular-nums;
    color: var(--_text);
    color-scheme: var(--_scheme);
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .base {
    position: relative;
    /* Fills a host the page stretches (cards side by side in a grid row end level), footer at the bottom. */
    height: 100%;
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    padding: var(--_space);
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    line-height: 1.4;
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: var(--_space-s) var(--_space);
  }
  .titles {
    flex: 1 1 12em;
    min-width: 0;
  }
  .title {
    margin: 0;
    font-size: 1em;
    font-weight: 600;
  }
  .subtitle {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .note {
    font-style: italic;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-xs);
    padding: 0.1em 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-full);
    font-size: 0.8em;
    color: var(--_text);
    white-space: nowrap;
  }
  .badge::before {
    content: '◷';
    color: var(--_muted);
  }
  .menu {
    display: flex;
    gap: var(--_space-xs);
  }
  button {
    font: inherit;
    color: inherit;
  }
  .menu button,
  .link-button {
    padding: 0.15em 0.6em;
    background: transparent;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font-size: 0.8em;
    cursor: pointer;
  }
  /* The one call to action of a state view (retry): a real button, not a link. */
  .button {
    justify-self: start;
    align-self: flex-start;
    padding: 0.4em 1em;
    background: var(--_accent);
    color: var(--_surface);
    border: 0;
    border-radius: var(--_radius);
    font-weight: 600;
    cursor: pointer;
  }
  /* The view options are quiet icons beside the title, not outline pills competing with the numbers. */
  .menu .icon-button {
    display: inline-grid;
    place-items: center;
    width: 1.9em;
    height: 1.9em;
    padding: 0;
    border-color: transparent;
    color: var(--_muted);
    font-size: 1em;
  }
  .menu .icon-button:hover {
    color: var(--_text);
    background: var(--_accent-subtle);
  }
  .icon-button svg {
    width: 1.1em;
    height: 1.1em;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.4;
    stroke-linecap: round;
  }
  .menu button[aria-expanded='true'] {
    background: var(--_accent-subtle);
    border-color: var(--_accent);
  }
  .menu button[aria-pressed='true'] {
    background: var(--_accent-subtle);
    border-color: var(--_accent);
  }
  :focus-visible {
    outline: var(--_focus-ring-width) solid var(--_focus-ring-color);
    outline-offset: var(--_focus-ring-offset);
  }
  .body {
    min-width: 0;
  }
  .footer {
    margin-top: auto;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    padding-top: var(--_space-s);
    border-top: 1px solid var(--_border);
    color: var(--_muted);
    font-size: 0.8em;
  }
  /* Where an export figure is drawn for a moment: laid out and styled, off screen. */
  .export-stage {
    position: absolute;
    top: 0;
    left: -100000px;
    pointer-events: none;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  /* States */
  .state {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_space-s);
    padding: var(--_space) 0;
  }
  .state-title {
    margin: 0;
    font-weight: 600;
  }
  .state-text {
    margin: 0;
    color: var(--_muted);
  }
  .error .state-title::before {
    content: '⚠ ';
    color: var(--_bad);
  }
  .skeleton {
    display: block;
    background: var(--_track);
    border-radius: var(--_radius);
    animation: crm-pulse 1.6s ease-in-out infinite;
  }
  .skeleton-text {
    height: 0.9em;
    width: 40%;
  }
  @keyframes crm-pulse {
    50% {
      opacity: 0.45;
    }
  }

  /* Details: validation issues */
  details > summary {
    cursor: pointer;
    color: var(--_accent);
  }
  .issues {
    width: 100%;
  }
  .issues-list {
    margin: 0.5em 0 0;
    padding-left: 1.2em;
    font-size: 0.85em;
  }
  .issues-list code {
    font-family: var(--_font-mono);
    overflow-wrap: anywhere;
  }

  /* Table view */
  .table-wrap {
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    color: var(--_muted);
    padding-bottom: 0.25em;
  }
  th,
  td {
    padding: 0.3em 0.5em;
    border-bottom: 1px solid var(--_border);
    text-align: start;
  }
  thead th {
    background: var(--_surface-alt);
  }
  td.num,
  th.num {
    text-align: end;
    font-family: var(--_font-numeric);
  }

  /* Tooltip: inside the shadow root, positioned in the base wrapper. */
  .tooltip {
    /* How far the tooltip moves sideways to stay in the viewport; set by the element after layout. */
    --_tip-shift: 0px;
    position: absolute;
    z-index: 1;
    max-width: 16em;
    padding: 0.25em 0.5em;
    background: var(--_text);
    color: var(--_surface);
    border-radius: var(--_radius);
    font-size: 0.8em;
    pointer-events: none;
    transform: translate(calc(-50% + var(--_tip-shift)), calc(-100% - 0.5em));
  }
  .tooltip.below {
    transform: translate(calc(-50% + var(--_tip-shift)), 2em);
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
    }
  }
`;
