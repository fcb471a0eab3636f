import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type SizeClass = 'narrow' | 'medium' | 'wide';

/** Below 400 px widgets stack and move secondary labels to the table view; above 800 px they lay comparisons side by side. */
export const NARROW_BELOW = 400;
export const WIDE_ABOVE = 800;

export const sizeClassOf = (width: number): SizeClass => (width < NARROW_BELOW ? 'narrow' : width > WIDE_ABOVE ? 'wide' : 'medium');

/** Watches the host's own width (not the viewport's), so a widget in a sidebar is narrow on a wide screen. */
export class SizeController implements ReactiveController {
  size: SizeClass = 'medium';
  width = 0;
  private observer?: ResizeObserver;
  private frame = 0;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver((entries) => {
      const width = entries[entries.length - 1]?.contentRect.width ?? 0;
      // Not laid out yet (display: none, detached): keep the last class rather than flash "narrow".
      if (width === 0) return;
      this.width = width;
      const size = sizeClassOf(width);
      if (size !== this.size) {
        this.size = size;
        // Next frame: re-laying out inside the observer's callback would resize the host again
        // in the same frame, which the browser reports as "ResizeObserver loop completed".
        cancelAnimationFrame(this.frame);
        this.frame = requestAnimationFrame(() => this.host.requestUpdate());
      }
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
    this.observer?.disconnect();
    this.observer = undefined;
  }
}
