import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { deepActiveElement, restoreFocus } from './focus.ts';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

export interface ModalFocusOptions {
  /** Whether the element shows as a modal dialog now. */
  modal(): boolean;
  /** When the modal closes: whether focus goes back to where it was (default: always). */
  restore?(): boolean;
}

/**
 * Focus of a modal dialog (WAI-ARIA dialog pattern): when it opens, focus moves to its `#title` and where it was
 * is remembered; when it closes, or the element is removed while it is open, focus returns there.
 */
export class ModalFocus implements ReactiveController {
  private readonly host: Host;
  private readonly options: ModalFocusOptions;
  private returnFocus: HTMLElement | null = null;
  private shown = false;

  constructor(host: Host, options: ModalFocusOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  hostUpdated(): void {
    const modal = this.options.modal();
    if (modal && !this.shown) {
      this.shown = true;
      this.returnFocus = deepActiveElement();
      this.host.renderRoot.querySelector<HTMLElement>('#title')?.focus();
    } else if (!modal && this.shown) {
      this.shown = false;
      if (this.options.restore?.() ?? true) restoreFocus(this.returnFocus);
      this.returnFocus = null;
    }
  }

  hostDisconnected(): void {
    if (this.shown) restoreFocus(this.returnFocus);
    this.shown = false;
  }
}
