import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What a widget shows: the four states of its frame, and `empty` (loaded, nothing for the selection). */
export type ViewState = 'loading' | 'error' | 'ready' | 'empty';

/** Every custom state a widget may carry: its view, and `stale` beside `ready` or `empty`. */
export const CUSTOM_STATES = ['loading', 'error', 'ready', 'empty', 'stale'] as const;

/**
 * Publishes what the widget drew as custom states on its ElementInternals, so host CSS can say
 * `crm-nps-gauge:state(loading) { min-height: 18rem }` or `:state(stale)`; and notices the first
 * time data was drawn (the widget is interactive from then on). The widget sets `view` and
 * `stale` while it renders; the states follow once the DOM is committed.
 */
export class ViewStates implements ReactiveController {
  view: ViewState = 'loading';
  stale = false;
  private readonly states?: CustomStateSet;
  private interactive = false;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    private readonly onFirstDrawn: (view: 'ready' | 'empty') => void,
  ) {
    host.addController(this);
    // ElementInternals.states is missing in older browsers and in server-side DOM shims: no states there.
    this.states = typeof host.attachInternals === 'function' ? host.attachInternals().states : undefined;
  }

  hostUpdated(): void {
    const on = new Set<string>([this.view, ...(this.stale ? ['stale'] : [])]);
    for (const state of CUSTOM_STATES) {
      if (on.has(state)) this.states?.add(state);
      else this.states?.delete(state);
    }
    if (!this.interactive && (this.view === 'ready' || this.view === 'empty')) {
      this.interactive = true;
      this.onFirstDrawn(this.view);
    }
  }
}
