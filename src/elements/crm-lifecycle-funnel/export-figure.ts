import { nothing, svg } from 'lit';
import { cssProps } from '../base/css-props.js';
import type { ExportFigure, LegendEntry } from '../base/figure.js';
import type { BarSize } from './bar-sizes.js';

export const FIGURE_WIDTH = 460;
/** One stage per row: its name in x 0..120, the track in x 128..368, the figures from x 376. */
export const TRACK = { x: 128, width: 240, height: 18 } as const;
export const ROW = 30;
/** A group's title row above its stages, when groups are compared. */
export const GROUP_TITLE = 26;
const SERIES = 8;

/** One funnel as the picture shows it: stage names, bar sizes and the figures beside each bar. */
export interface FunnelPicture {
  /** The group's name (and overall conversion); absent for the single funnel. */
  title?: string;
  stages: { name: string; size: BarSize; figures: string }[];
}

/** The bar colour of the n-th funnel: compared groups take the chart series in turn, as on screen. */
export const seriesColour = (n: number) => `var(--_chart-${(n % SERIES) + 1})`;

const label = (x: number, y: number, value: string, colour: string, anchor = 'start', weight = 400) =>
  svg`<text x=${x} y=${y} ${cssProps({ fill: colour, 'font-size': '12px', 'font-weight': String(weight), 'text-anchor': anchor, 'dominant-baseline': 'middle' })}>${value}</text>`;

/**
 * The funnel as a picture: per stage its name, the track, the ghost of the previous stage
 * (dashed, what was lost), the bar and its figures; compared groups one under the other.
 */
export function funnelFigure(funnels: readonly FunnelPicture[], footer: string, legend: LegendEntry[]): ExportFigure {
  let y = 0;
  const rows = funnels.map((funnel, n) => {
    const bar = seriesColour(n);
    const title = funnel.title === undefined ? nothing : label(0, y + GROUP_TITLE / 2, funnel.title, 'var(--_text)', 'start', 600);
    if (funnel.title !== undefined) y += GROUP_TITLE;
    const stages = funnel.stages.map((stage) => {
      const top = y + (ROW - TRACK.height) / 2;
      const middle = y + ROW / 2;
      y += ROW;
      const length = (percent: number) => (TRACK.width * percent) / 100;
      return svg`
        ${label(0, middle, stage.name, 'var(--_muted)')}
        <rect x=${TRACK.x} y=${top} width=${TRACK.width} height=${TRACK.height} rx="3" ${cssProps({ fill: 'var(--_track)' })}></rect>
        ${stage.size.ghost === null
          ? nothing
          : svg`<rect x=${TRACK.x} y=${top} width=${length(stage.size.ghost)} height=${TRACK.height}
              ${cssProps({ fill: 'color-mix(in srgb, var(--_lost) 15%, transparent)', stroke: 'var(--_lost)', 'stroke-width': '1.5', 'stroke-dasharray': '4 3' })}></rect>`}
        <rect x=${TRACK.x} y=${top} width=${length(stage.size.bar)} height=${TRACK.height} ${cssProps({ fill: bar })}></rect>
        ${label(TRACK.x + TRACK.width + 8, middle, stage.figures, 'var(--_text)')}`;
    });
    return svg`${title}${stages}`;
  });
  const footerY = y + 16;
  return {
    width: FIGURE_WIDTH,
    height: footer ? footerY + 10 : y,
    marks: svg`${rows}${footer ? label(0, footerY, footer, 'var(--_text)', 'start', 600) : nothing}`,
    legend,
  };
}
