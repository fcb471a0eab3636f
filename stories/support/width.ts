import { html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';

/** Put a story in a container of a given width, to show the narrow (< 400 px) and wide (> 800 px) layouts. */
export const inWidth = (width: string, story: TemplateResult) => html`<div style=${styleMap({ width, maxWidth: '100%' })}>${story}</div>`;
