/**
 * Paints an SVG that is in the document onto a 2D canvas, shape by shape, with the colours,
 * strokes and fonts the browser computed for each shape (so `var(--crm-…)` tokens are already
 * resolved). The subset the kit's figures use: `g`, `rect`, `path`, `line`, `circle`, `text`, with
 * `transform` attributes and the `viewBox` mapped to the canvas box.
 *
 * Painting the shapes, rather than loading the SVG as an image, keeps exports working under a
 * strict Content-Security-Policy (no `blob:` or `data:` image URLs) and never taints the canvas.
 */
export function paintSvg(context: CanvasRenderingContext2D, svg: SVGSVGElement, box: { x: number; y: number; width: number; height: number }): void {
  const view = svg.viewBox.baseVal;
  const width = view && view.width > 0 ? view.width : box.width;
  const height = view && view.height > 0 ? view.height : box.height;
  context.save();
  context.translate(box.x, box.y);
  context.scale(box.width / width, box.height / height);
  if (view) context.translate(-view.x, -view.y);
  for (const child of svg.children) paintShape(context, child);
  context.restore();
}

const number = (value: string) => {
  const n = parseFloat(value);
  return Number.isFinite(n) ? n : 0;
};

/** `fill` / `stroke` as the canvas takes it, or null for none (or a paint server the kit does not use). */
function paint(value: string): string | null {
  return value === 'none' || value.startsWith('url(') ? null : value;
}

function paintShape(context: CanvasRenderingContext2D, element: Element): void {
  if (!(element instanceof SVGGraphicsElement)) return;
  const style = getComputedStyle(element);
  if (style.display === 'none' || style.visibility === 'hidden') return;
  context.save();
  const matrix = element.transform.baseVal.consolidate()?.matrix;
  if (matrix) context.transform(matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f);
  context.globalAlpha *= number(style.opacity);
  if (element instanceof SVGGElement) {
    for (const child of element.children) paintShape(context, child);
  } else if (element instanceof SVGTextElement) {
    paintText(context, element, style);
  } else {
    const path = outline(element);
    if (path) fillAndStroke(context, path, style);
  }
  context.restore();
}

function outline(element: SVGGraphicsElement): Path2D | null {
  const path = new Path2D();
  if (element instanceof SVGPathElement) return new Path2D(element.getAttribute('d') ?? '');
  if (element instanceof SVGRectElement) {
    const [x, y, w, h] = [element.x, element.y, element.width, element.height].map((a) => a.baseVal.value) as [number, number, number, number];
    const r = Math.min(element.rx.baseVal.value, w / 2, h / 2);
    if (r > 0) path.roundRect(x, y, w, h, r);
    else path.rect(x, y, w, h);
    return path;
  }
  if (element instanceof SVGCircleElement) {
    path.arc(element.cx.baseVal.value, element.cy.baseVal.value, element.r.baseVal.value, 0, 2 * Math.PI);
    return path;
  }
  if (element instanceof SVGLineElement) {
    path.moveTo(element.x1.baseVal.value, element.y1.baseVal.value);
    path.lineTo(element.x2.baseVal.value, element.y2.baseVal.value);
    return path;
  }
  return null;
}

function applyStroke(context: CanvasRenderingContext2D, style: CSSStyleDeclaration, colour: string): void {
  context.strokeStyle = colour;
  context.lineWidth = number(style.strokeWidth);
  context.lineCap = style.strokeLinecap as CanvasLineCap;
  context.lineJoin = style.strokeLinejoin === 'arcs' || style.strokeLinejoin === 'miter-clip' ? 'miter' : (style.strokeLinejoin as CanvasLineJoin);
  context.setLineDash(style.strokeDasharray === 'none' ? [] : style.strokeDasharray.split(/[\s,]+/).map(number));
}

function fillAndStroke(context: CanvasRenderingContext2D, path: Path2D, style: CSSStyleDeclaration): void {
  const fill = paint(style.fill);
  const stroke = paint(style.stroke);
  const alpha = context.globalAlpha;
  if (fill) {
    context.globalAlpha = alpha * number(style.fillOpacity);
    context.fillStyle = fill;
    context.fill(path, style.fillRule === 'evenodd' ? 'evenodd' : 'nonzero');
  }
  if (stroke && number(style.strokeWidth) > 0) {
    context.globalAlpha = alpha * number(style.strokeOpacity);
    applyStroke(context, style, stroke);
    context.stroke(path);
  }
  context.globalAlpha = alpha;
}

const ALIGN: Record<string, CanvasTextAlign> = { start: 'start', middle: 'center', end: 'end' };
const BASELINE: Record<string, CanvasTextBaseline> = { middle: 'middle', central: 'middle', hanging: 'top', 'text-before-edge': 'top', 'text-after-edge': 'bottom' };

/** One line of text at its x / y, anchored and aligned as in SVG; a stroke (a halo) is painted under the fill. */
function paintText(context: CanvasRenderingContext2D, element: SVGTextElement, style: CSSStyleDeclaration): void {
  const text = element.textContent?.trim() ?? '';
  if (!text) return;
  const x = element.x.baseVal.numberOfItems ? element.x.baseVal.getItem(0).value : 0;
  const y = element.y.baseVal.numberOfItems ? element.y.baseVal.getItem(0).value : 0;
  context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  context.textAlign = ALIGN[style.textAnchor] ?? 'start';
  context.textBaseline = BASELINE[style.dominantBaseline] ?? 'alphabetic';
  context.direction = style.direction === 'rtl' ? 'rtl' : 'ltr';
  const stroke = paint(style.stroke);
  if (stroke && number(style.strokeWidth) > 0) {
    applyStroke(context, style, stroke);
    context.lineJoin = 'round';
    context.strokeText(text, x, y);
  }
  const fill = paint(style.fill);
  if (fill) {
    context.fillStyle = fill;
    context.fillText(text, x, y);
  }
}
