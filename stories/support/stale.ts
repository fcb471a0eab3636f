import { html, type TemplateResult } from 'lit';
import { until } from 'lit/directives/until.js';

/**
 * Show a widget in the stale state the way it happens in production: a first load fills the
 * memory cache from a blob URL, the URL is then revoked (the "server" is gone), and a second
 * widget on the same `src` can only show the cached copy, with its stale badge.
 */
export function staleStory(payload: unknown, widget: (src: string) => TemplateResult, firstTag: string): TemplateResult {
  const src = URL.createObjectURL(new Blob([JSON.stringify(payload)], { type: 'application/json' }));
  const warmed = new Promise<TemplateResult>((resolve) => {
    const first = document.createElement(firstTag) as HTMLElement & { src?: string; cache?: string };
    first.cache = 'memory';
    first.src = src;
    first.hidden = true;
    first.addEventListener(
      'crm-load',
      () => {
        first.remove();
        URL.revokeObjectURL(src);
        resolve(widget(src));
      },
      { once: true },
    );
    document.body.append(first);
  });
  return html`${until(warmed, html`<p>Filling the cache…</p>`)}`;
}
