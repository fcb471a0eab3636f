import { html, nothing, svg } from 'lit';
import type { BarSize } from './bar-sizes.js';

/** Track length and thickness in SVG units; the SVG stretches to its box, so lengths read as percentages. */
const LENGTH = 100;
const THICKNESS = 10;

/**
 * One stage's track with its bar and the ghost of the previous stage. Lengths are SVG geometry
 * attributes, not inline styles: a strict CSP (no 'unsafe-inline') blocks style attributes, and
 * Lit's styleMap writes one on first render.
 */
export function barTrack(size: BarSize, orientation: 'horizontal' | 'vertical') {
  const vertical = orientation === 'vertical';
  const rect = (kind: 'bar' | 'ghost', length: number) =>
    vertical
      ? svg`<rect class=${kind} part=${kind} x="0" y=${LENGTH - length} width=${THICKNESS} height=${length}></rect>`
      : svg`<rect class=${kind} part=${kind} x="0" y="0" width=${length} height=${THICKNESS}></rect>`;
  return html`<svg
    class="track"
    part="track"
    viewBox=${vertical ? `0 0 ${THICKNESS} ${LENGTH}` : `0 0 ${LENGTH} ${THICKNESS}`}
    preserveAspectRatio="none"
    aria-hidden="true"
    focusable="false"
  >
    ${size.ghost === null ? nothing : rect('ghost', size.ghost)} ${rect('bar', size.bar)}
  </svg>`;
}
