import type { CrmElement } from '../../../src/elements/base/crm-element.js';

/** The first element of a widget's shadow tree with `part` name. */
export const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`);
/** Its text, whitespace collapsed. */
export const text = (el: Element, name: string) => part(el, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Resolves once the widget shows its chart, its empty view or its error view (at most 4 s). */
export async function drawn<T extends CrmElement>(el: T): Promise<T> {
  // What the widget asked the data engine is answered and drawn first.
  await el.updateComplete;
  await el.taskComplete;
  await el.updateComplete;
  for (let i = 0; i < 200 && !part(el, 'chart') && !part(el, 'empty') && !part(el, 'error'); i++) {
    await new Promise((r) => setTimeout(r, 20));
    await el.updateComplete;
  }
  return el;
}

/** Red, green, blue 0..255 of any CSS colour the browser computes (rgb(), color(srgb …)), read back from a canvas. */
export function rgbOf(colour: string): number[] {
  const context = Object.assign(document.createElement('canvas'), { width: 1, height: 1 }).getContext('2d', { willReadFrequently: true })!;
  context.fillStyle = colour;
  context.fillRect(0, 0, 1, 1);
  return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
}
