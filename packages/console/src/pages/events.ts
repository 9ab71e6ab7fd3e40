import type { LiveEvent } from '@matbakh/contract';
import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { dataTable } from '../data-table.ts';
import { ConsolePage } from '../page-base.ts';

const PATH = '/v1/admin/events/live';
/** The newest this many stay on the page; older ones drop off the end. */
const KEEP = 200;

/**
 * Live events: the tenant's incoming messages as Server-Sent Events (same origin, the session cookie), newest first.
 * Pause closes the stream and resume reopens it after the last id seen, so nothing is missed in between. A filter
 * by text and "refused only"; a refused message shows its reason.
 */
@customElement('mb-console-events')
export class ConsoleEvents extends ConsolePage {
  @state() private events: LiveEvent[] = [];
  @state() private state: 'connecting' | 'live' | 'paused' | 'unavailable' = 'connecting';
  @state() private error = '';
  @state() private filter = '';
  @state() private refusedOnly = false;
  private source: EventSource | undefined;
  private last = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  override disconnectedCallback(): void {
    this.source?.close();
    super.disconnectedCallback();
  }

  /** A JSON probe first: an EventSource cannot tell "no such endpoint" (an older server) from a dropped line. */
  private async start() {
    try {
      await this.api.get(`${PATH}?after=${this.last}&limit=1`);
    } catch (error) {
      this.state = 'unavailable';
      this.error = this.problem(error);
      return;
    }
    this.connect();
  }

  private connect() {
    this.state = 'connecting';
    const source = new EventSource(this.last > 0 ? `${PATH}?lastEventId=${this.last}` : PATH);
    source.addEventListener('open', () => {
      this.state = 'live';
    });
    source.addEventListener('message', (message) => {
      try {
        const event = JSON.parse(message.data) as LiveEvent;
        this.last = Math.max(this.last, event.id);
        this.events = [event, ...this.events].slice(0, KEEP);
      } catch {
        // a line that is not an event (never sent by our server) is skipped
      }
    });
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) void this.api.session();
      this.state = 'connecting';
    });
    this.source = source;
  }

  private toggle() {
    if (this.state === 'paused') {
      this.connect();
    } else {
      this.source?.close();
      this.source = undefined;
      this.state = 'paused';
    }
  }

  private reason(event: LiveEvent): string {
    const refusal = event.refusal;
    if (!refusal) return this.msg('refused', { reason: '' });
    const details = Object.entries(refusal)
      .filter(([name]) => name !== 'reason')
      .map(([name, value]) => `${name}: ${String(value)}`)
      .join(', ');
    return this.msg('refused', { reason: details ? `${refusal.reason} (${details})` : refusal.reason });
  }

  private shown(): LiveEvent[] {
    const needle = this.filter.trim().toLowerCase();
    return this.events.filter(
      (event) =>
        (!this.refusedOnly || event.status === 'refused') &&
        (!needle ||
          [event.type, event.event, event.name, event.path, event.refusal?.reason]
            .join(' ')
            .toLowerCase()
            .includes(needle)),
    );
  }

  override render() {
    const label =
      this.state === 'paused' ? this.msg('paused') : this.state === 'live' ? this.msg('live') : this.msg('connecting');
    const shown = this.shown();
    return html`
      <h1 tabindex="-1">${this.msg('page.events')}</h1>
      <p>${this.msg('eventsIntro')}</p>
      <div role="alert">${this.error ? html`<p class="notice error">${this.error}</p>` : ''}</div>
      ${
        this.state === 'unavailable'
          ? ''
          : html`
            <div class="row">
              <button type="button" class="secondary" aria-pressed=${this.state === 'paused' ? 'true' : 'false'} @click=${this.toggle}>
                ${this.msg('pause')}
              </button>
              <span role="status">${label}</span>
            </div>
            <div class="row">
              <div class="field">
                <label for="filter">${this.msg('filter')}</label>
                <input
                  id="filter"
                  type="search"
                  .value=${this.filter}
                  @input=${(event: InputEvent) => {
                    this.filter = (event.target as HTMLInputElement).value;
                  }}
                />
              </div>
              <div class="field">
                <input
                  id="refused"
                  type="checkbox"
                  .checked=${this.refusedOnly}
                  @change=${(event: Event) => {
                    this.refusedOnly = (event.target as HTMLInputElement).checked;
                  }}
                />
                <label for="refused" class="inline">${this.msg('onlyRefused')}</label>
              </div>
            </div>
            ${
              shown.length === 0
                ? html`<p>${this.msg('eventsEmpty')}</p>`
                : dataTable({
                    caption: this.msg('page.events'),
                    columns: [
                      this.msg('eventAt'),
                      this.msg('eventType'),
                      this.msg('eventName'),
                      this.msg('eventStatus'),
                    ],
                    rows: shown,
                    row: (event) => html`<tr>
                          <td>${this.date(event.receivedAt)}</td>
                          <td>${event.type ?? ''} <code>${event.path}</code></td>
                          <td>${event.event ?? event.name ?? ''}</td>
                          <td>${event.status === 'refused' ? this.reason(event) : this.msg('accepted')}</td>
                        </tr>`,
                  })
            }
          `
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mb-console-events': ConsoleEvents;
  }
}
