import { nothing, svg } from 'lit';
import type { NpsResult } from '../../metrics/index.js';
import { cssProps } from '../base/css-props.js';
import type { ExportFigure } from '../base/figure.js';
import { gaugeShapes, RADIUS } from './gauge-geometry.js';
import { SPARK_HEIGHT, SPARK_WIDTH, sparkline } from './sparkline.js';

export const FIGURE_WIDTH = 320;
/** The dial's centre in the figure: the arc spans x 60..260, y 40..140. */
export const DIAL_X = 160;
export const DIAL_Y = 140;
/** The promoter / passive / detractor bar: x 20..300, y 172..186. */
export const BAR = { x: 20, y: 172, width: 280, height: 14 } as const;
const TREND_TOP = 256;

const CATEGORIES = ['promoters', 'passives', 'detractors'] as const;
export const CATEGORY_COLOUR = { promoters: 'var(--_promoter)', passives: 'var(--_passive)', detractors: 'var(--_detractor)' } as const;

/** What the picture says, already in words and formatted numbers. */
export interface NpsFigureWords {
  score: string;
  target: string;
  low: string;
  high: string;
  /** Lines under the bar: margin of error, target, responses (or "not enough responses"). */
  readout: string[];
  trendLabel: string;
  /** Legend: each group's name with its share. */
  categories: Record<(typeof CATEGORIES)[number], string>;
}

const text = (x: number, y: number, value: string, size: number, colour: string, anchor = 'middle', weight = 400) =>
  svg`<text x=${x} y=${y} ${cssProps({ fill: colour, 'font-size': `${size}px`, 'font-weight': String(weight), 'text-anchor': anchor })}>${value}</text>`;

/** The gauge as a picture: dial with score, margin band and target; the group bar; the readout; the trend when there is one. */
export function npsFigure(r: NpsResult, target: number, words: NpsFigureWords, trend: boolean): ExportFigure {
  // Below the minimum the score is still drawn, greyed as indicative only, as on screen.
  const shapes = gaugeShapes(r.score, r, target);
  const scoreColour = r.enough ? 'var(--_text)' : 'var(--_muted)';
  const total = Math.max(1, r.responses);
  let x = BAR.x;
  const segments = CATEGORIES.map((c) => {
    const width = (BAR.width * r[c]) / total;
    const rect = svg`<rect x=${x} y=${BAR.y} width=${width} height=${BAR.height} ${cssProps({ fill: CATEGORY_COLOUR[c] })}></rect>`;
    x += width;
    return rect;
  });
  const { path, zeroY } = sparkline(r.trend);
  const showTrend = trend && path !== '';
  const t = shapes.target;
  return {
    width: FIGURE_WIDTH,
    height: showTrend ? TREND_TOP + 16 + SPARK_HEIGHT : 200 + 16 * words.readout.length,
    marks: svg`
      <g transform="translate(${DIAL_X} ${DIAL_Y})">
        <path d=${shapes.track} ${cssProps({ fill: 'var(--_track)' })}></path>
        ${shapes.value ? svg`<path d=${shapes.value} ${cssProps(r.enough ? { fill: 'var(--_accent)' } : { fill: 'var(--_muted)', 'fill-opacity': '0.6' })}></path>` : nothing}
        ${shapes.band ? svg`<path d=${shapes.band} ${cssProps({ fill: 'var(--_text)', 'fill-opacity': '0.35' })}></path>` : nothing}
        <line x1=${t.x1} y1=${t.y1} x2=${t.x2} y2=${t.y2} ${cssProps({ stroke: 'var(--_text)', 'stroke-width': '2' })}></line>
        ${text(t.lx, t.ly + 4, words.target, 11, 'var(--_muted)')}
        ${text(-(RADIUS + 70) / 2, 14, words.low, 11, 'var(--_muted)')}
        ${text((RADIUS + 70) / 2, 14, words.high, 11, 'var(--_muted)')}
        ${text(0, -8, words.score, 40, scoreColour, 'middle', 700)}
      </g>
      <rect x=${BAR.x} y=${BAR.y} width=${BAR.width} height=${BAR.height} ${cssProps({ fill: 'var(--_track)' })}></rect>
      ${segments}
      ${words.readout.map((line, i) => text(DIAL_X, 206 + 16 * i, line, 12, 'var(--_muted)'))}
      ${showTrend
        ? svg`${text(BAR.x, TREND_TOP, words.trendLabel, 12, 'var(--_muted)', 'start')}
            <g transform="translate(${(FIGURE_WIDTH - SPARK_WIDTH) / 2} ${TREND_TOP + 12})">
              <line x1="0" x2=${SPARK_WIDTH} y1=${zeroY} y2=${zeroY} ${cssProps({ stroke: 'var(--_border)', 'stroke-dasharray': '2 2' })}></line>
              <path d=${path} ${cssProps({ fill: 'none', stroke: 'var(--_accent)', 'stroke-width': '2' })}></path>
            </g>`
        : nothing}
    `,
    legend: CATEGORIES.map((c) => ({ label: words.categories[c], colours: [CATEGORY_COLOUR[c]] })),
  };
}
