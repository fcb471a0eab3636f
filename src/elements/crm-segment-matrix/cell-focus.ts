import type { ReactiveControllerHost } from 'lit';
import { cellMove } from './view-model.js';

export interface Point {
  x: number;
  y: number;
}

/** The matrix as the keyboard needs it: where focus goes. */
export interface CellFocusHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** What opening and closing a cell does in the matrix. */
export interface CellFocusActions {
  /** Enter or Space on a cell (a click does the same). */
  open(at: Point): void;
  /** The open cell closed (close button, Escape). */
  closed(): void;
}

/**
 * The grid's roving tab stop and its open cell: arrows, Home and End move the tab stop, Enter and
 * Space open a cell, Escape closes it and gives focus back to the cell (the ARIA grid pattern).
 */
export class CellFocus {
  /** The cell holding the tab stop. */
  active: Point = { x: 5, y: 5 };
  /** The cell whose customers the drill-down lists; null when closed. */
  open: Point | null = null;

  constructor(
    private readonly host: CellFocusHost,
    private readonly actions: CellFocusActions,
  ) {}

  /** Open a cell (and give it the tab stop); true when another cell was open before, or none. */
  openAt(at: Point): boolean {
    const moved = this.open?.x !== at.x || this.open?.y !== at.y;
    this.active = at;
    this.open = at;
    this.host.requestUpdate();
    return moved;
  }

  /** Close without moving focus (new axes make the open cell mean something else). */
  forget(): void {
    this.open = null;
  }

  async close(): Promise<void> {
    const at = this.open;
    this.open = null;
    this.actions.closed();
    this.host.requestUpdate();
    await this.host.updateComplete;
    if (at) this.cellElement(at)?.focus();
  }

  readonly onKey = async (e: KeyboardEvent, cell: Point): Promise<void> => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.actions.open({ x: cell.x, y: cell.y });
    } else if (e.key === 'Escape' && this.open) {
      e.preventDefault();
      void this.close();
    } else {
      const next = cellMove(e.key, cell);
      if (!next) return;
      e.preventDefault();
      this.active = next;
      this.host.requestUpdate();
      await this.host.updateComplete;
      this.cellElement(next)?.focus();
    }
  };

  private cellElement(p: Point): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>(`[part~="cell"][data-x="${p.x}"][data-y="${p.y}"]`);
  }
}
