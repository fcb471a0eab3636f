import { css } from 'lit';

/** Native controls in a wrapping row, then the chips: everything reachable with Tab, nothing custom to learn. */
export const filterBarStyles = css`
  .bar {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .controls,
  .range {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space-s) var(--_space);
  }
  .control {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    min-width: 8em;
  }
  .label {
    color: var(--_muted);
    font-size: 0.875em;
  }
  select,
  input,
  button {
    font: inherit;
    color: inherit;
    color-scheme: var(--_scheme);
    background: var(--_surface);
    border: 1px solid var(--_border-strong);
    border-radius: var(--_radius-s);
    padding: 0.3em 0.5em;
  }
  button {
    cursor: pointer;
  }
  .active {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-s);
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    padding: 0.15em 0.25em 0.15em 0.6em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-full);
    background: var(--_accent-subtle);
  }
  .chip.cross {
    border-color: var(--_accent);
  }
  .chip button {
    border: none;
    background: transparent;
    border-radius: var(--_radius-full);
    padding: 0 0.4em;
    line-height: 1.4;
  }
  .clear {
    border-color: transparent;
    background: transparent;
    color: var(--_accent);
    text-decoration: underline;
  }
  .none {
    margin: 0;
    color: var(--_muted);
  }
  .error {
    color: var(--_bad);
  }
  .skeleton-control {
    display: inline-block;
    width: 8em;
    height: 2.2em;
  }
`;
