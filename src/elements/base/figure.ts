import type { SVGTemplateResult } from 'lit';
import { paintSvg } from './paint-svg.js';

/** A key of the legend: a swatch (one colour), a ramp (several), or an outline. Colours are CSS, tokens included. */
export interface LegendEntry {
  label: string;
  colours?: string[];
  /** An outline instead of a fill, e.g. an empty cell or a boundary; `dashed` for a dashed one. */
  outline?: string;
  dashed?: boolean;
}

/**
 * A chart as a picture: SVG shapes in a `width` × `height` box (CSS pixels), coloured through
 * the widget's private variables (`var(--_accent)` …) so the picture follows the theme, and the
 * legend that explains its colours.
 */
export interface ExportFigure {
  width: number;
  height: number;
  marks: SVGTemplateResult;
  legend: LegendEntry[];
}

/** Layout of an exported picture, in CSS pixels; the PNG is drawn at 2×. */
export const PNG_SCALE = 2;
export const PNG_MARGIN = 16;
/** Where the figure starts: below the title (16 px, bold) and the subtitle (12 px). */
export const PNG_FIGURE_TOP = 64;
const LEGEND_GAP = 12;
const LEGEND_ROW = 20;
const SWATCH = 12;
const RAMP_WIDTH = 56;
const MIN_WIDTH = 320;

interface Header {
  title: string;
  subtitle: string;
}

/** A CSS colour (tokens and color-mix() included) as the widget resolves it, through a probe in its shadow tree. */
function resolver(stage: HTMLElement) {
  const probe = document.createElement('span');
  stage.append(probe);
  return (colour: string) => {
    probe.style.setProperty('color', colour);
    return getComputedStyle(probe).color;
  };
}

function legendWidth(context: CanvasRenderingContext2D, entry: LegendEntry): number {
  return (entry.colours && entry.colours.length > 1 ? RAMP_WIDTH : SWATCH) + 6 + context.measureText(entry.label).width;
}

/**
 * The figure drawn on a canvas at 2×: title and subtitle, the figure's SVG shapes, the legend,
 * on the widget's surface colour, then encoded as PNG. `stage` is an element inside the widget's
 * shadow root, where the figure is rendered for a moment so its styles and tokens apply; `draw`
 * renders the figure's SVG into the holder it is given. It comes from the element: this module
 * loads lazily and must not import lit, or a bundler moves lit into a chunk shared with it and
 * evaluates lit before the page's SSR hydration support (test/e2e/ssr.test.mjs caught that).
 */
export async function figureToPng(stage: HTMLElement, figure: ExportFigure, header: Header, draw: (holder: HTMLElement) => void): Promise<Blob> {
  const holder = document.createElement('div');
  holder.className = 'export-stage';
  holder.setAttribute('aria-hidden', 'true');
  stage.append(holder);
  try {
    draw(holder);
    const colour = resolver(holder);
    const font = getComputedStyle(holder).fontFamily;
    const surface = colour('var(--_surface)');
    const text = colour('var(--_text)');
    const muted = colour('var(--_muted)');
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d')!;
    const legendFont = `12px ${font}`;

    // Lay the legend out in rows, then size the canvas around everything.
    context.font = legendFont;
    const width = Math.max(MIN_WIDTH, figure.width + 2 * PNG_MARGIN);
    const rows: { entry: LegendEntry; x: number; row: number }[] = [];
    let x = PNG_MARGIN;
    let row = 0;
    for (const entry of figure.legend) {
      const w = legendWidth(context, entry);
      if (x > PNG_MARGIN && x + w > width - PNG_MARGIN) {
        row++;
        x = PNG_MARGIN;
      }
      rows.push({ entry, x, row });
      x += w + 16;
    }
    const legendTop = PNG_FIGURE_TOP + figure.height + LEGEND_GAP;
    const height = legendTop + (rows.length ? (row + 1) * LEGEND_ROW : 0) + PNG_MARGIN;
    canvas.width = width * PNG_SCALE;
    canvas.height = height * PNG_SCALE;
    context.scale(PNG_SCALE, PNG_SCALE);

    context.fillStyle = surface;
    context.fillRect(0, 0, width, height);
    context.textBaseline = 'alphabetic';
    context.fillStyle = text;
    context.font = `600 16px ${font}`;
    context.fillText(header.title, PNG_MARGIN, PNG_MARGIN + 16, width - 2 * PNG_MARGIN);
    context.fillStyle = muted;
    context.font = `12px ${font}`;
    context.fillText(header.subtitle, PNG_MARGIN, PNG_MARGIN + 36, width - 2 * PNG_MARGIN);

    paintSvg(context, holder.querySelector('svg')!, { x: PNG_MARGIN, y: PNG_FIGURE_TOP, width: figure.width, height: figure.height });

    context.font = legendFont;
    context.textBaseline = 'middle';
    for (const { entry, x, row } of rows) {
      const middle = legendTop + row * LEGEND_ROW + LEGEND_ROW / 2;
      const colours = (entry.colours ?? []).map(colour);
      const swatch = colours.length > 1 ? RAMP_WIDTH : SWATCH;
      colours.forEach((c, i) => {
        context.fillStyle = c;
        context.fillRect(x + (i * swatch) / colours.length, middle - SWATCH / 2, swatch / colours.length + 0.5, SWATCH);
      });
      if (entry.outline) {
        context.strokeStyle = colour(entry.outline);
        context.lineWidth = entry.dashed ? 1 : 2;
        context.setLineDash(entry.dashed ? [3, 2] : []);
        context.strokeRect(x + 1, middle - SWATCH / 2 + 1, swatch - 2, SWATCH - 2);
        context.setLineDash([]);
      }
      context.fillStyle = text;
      context.fillText(entry.label, x + swatch + 6, middle);
    }

    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the PNG'))), 'image/png'),
    );
  } finally {
    holder.remove();
  }
}
