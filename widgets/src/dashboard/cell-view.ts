import { html, nothing, type TemplateResult } from 'lit';
import type { MessageParams } from '../shared/i18n.ts';
import type { WidgetRegistration } from '../shared/widget-registry.ts';
import { ORDERS_WIDGET } from './built-in-widgets.ts';
import type { DashboardMessage } from './dashboard.messages.ts';
import type { CellState } from './widget-mounts.ts';

export type Say = (key: DashboardMessage, params?: MessageParams) => string;

/**
 * One widget's cell (`title`: the built-in's from the catalog, else as registered): its title (none over a widget with its own heading), then a skeleton of reserved size while
 * loading, the error with a retry, or the widget; the built-in `orders` shows the page's `slot="orders"` content.
 * `empty`: a ready widget that hid itself (nothing to show) takes no cell.
 */
export function renderCell(
  registration: WidgetRegistration,
  title: string,
  say: Say,
  state: CellState,
  empty: boolean,
  retry: (id: string) => void,
): TemplateResult {
  const isOrders = registration.builtIn && registration.id === ORDERS_WIDGET;
  // A widget with its own heading gets no second one (and its cell is no second landmark of the same name).
  const titled = !registration.ownHeading;
  return html`<section
    class="cell"
    part="widget widget-${isOrders ? 'ready' : state}"
    ?hidden=${empty}
    widget-id=${registration.id}
    widget-title=${title}
    span=${registration.span}
    aria-labelledby=${titled ? `title-${registration.id}` : nothing}
    aria-busy=${!isOrders && state === 'loading' ? 'true' : 'false'}
  >
    ${titled ? html`<h3 id="title-${registration.id}" part="widget-title" class="widget-title">${title}</h3>` : nothing}
    ${
      isOrders
        ? html`<div class="content"><slot name="orders"><p part="empty" class="muted">${say('ordersEmpty')}</p></slot></div>`
        : html`${
            state === 'loading'
              ? html`<div part="skeleton" class="skeleton" role="img" aria-label=${say('loading', { title })}>
                  <span></span><span></span><span></span>
                </div>`
              : nothing
          }
          ${
            state === 'error'
              ? html`<div class="failure">
                  <p id="error-${registration.id}" part="error" class="error">${say('error', { title })}</p>
                  <button
                    part="retry"
                    class="retry"
                    type="button"
                    aria-describedby="error-${registration.id}"
                    @click=${() => retry(registration.id)}
                  >
                    ${say('retry')}
                  </button>
                </div>`
              : nothing
          }
          <div class="content" data-widget=${registration.id} ?hidden=${state !== 'ready'}></div>`
    }
  </section>`;
}
