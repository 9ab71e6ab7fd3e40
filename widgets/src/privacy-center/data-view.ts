import type { ConsentLedgerEntry, ConsentPolicy, PrivacyExport, SubjectEvent } from '@matbakh/contract';
import { html, nothing, type TemplateResult } from 'lit';
import type { Locale } from '../shared/i18n.ts';
import { formatDateTime, formatNumber } from '../shared/texts.ts';
import { describeDecision, describeEvent, newestFirst, pageOf, type Say } from './plain-language.ts';
import type { PrivacyData } from './privacy-data.ts';

/** How many of the newest events "What we know about you" lists. */
export const EVENTS_SHOWN = 50;

/** What the buttons of "What we know about you" and of the erase confirmation do. */
export interface DataActions {
  refresh(): void;
  download(): void;
  requestErase(): void;
  cancelErase(): void;
  confirmErase(): void;
  confirmKeydown(event: KeyboardEvent): void;
}

/** "What we know about you": counts, the latest events, the consent history, download and erase. */
export function renderData(
  state: PrivacyData,
  policy: ConsentPolicy | undefined,
  locale: Locale,
  say: Say,
  act: DataActions,
): TemplateResult {
  const data = state.data;
  const busy = data.status === 'loading' || state.erase === 'working';
  return html`<section part="section data" aria-labelledby="data-title" aria-busy=${busy ? 'true' : 'false'}>
      <div class="section-head">
        <h3 id="data-title">${say('center.dataHeading')}</h3>
        <button part="refresh" type="button" ?disabled=${data.status === 'loading'} @click=${act.refresh}>
          ${say('center.refresh')}
        </button>
      </div>
      ${
        data.status === 'loading' || data.status === 'idle'
          ? html`<p part="loading" class="muted">${say('center.dataLoading')}</p>`
          : data.status === 'error'
            ? html`<p part="error" class="note error">${say('center.dataError')}</p>
                <button part="retry" type="button" @click=${act.refresh}>${say('center.retry')}</button>`
            : renderExport(data.export, data.history, policy, locale, say)
      }
      <div class="actions">
        <button
          part="export"
          class="primary"
          type="button"
          ?disabled=${state.exportState === 'working'}
          @click=${act.download}
        >
          ${say('center.export')}
        </button>
        <button
          part="erase"
          class="danger"
          type="button"
          aria-haspopup="dialog"
          ?disabled=${state.erase === 'working'}
          @click=${act.requestErase}
        >
          ${say('center.erase')}
        </button>
      </div>
      ${renderResult(state, say)}
    </section>`;
}

function renderExport(
  data: PrivacyExport,
  history: readonly ConsentLedgerEntry[],
  policy: ConsentPolicy | undefined,
  locale: Locale,
  say: Say,
): TemplateResult {
  const events = newestFirst(Array.isArray(data.events) ? data.events : []).slice(0, EVENTS_SHOWN);
  const count = (n: number) => formatNumber(n, locale);
  const hasPreferences = data.preferences !== null && typeof data.preferences === 'object';
  return html`
      <dl part="counts">
        <div>
          <dt>${say('center.count.events')}</dt>
          <dd>${count(data.events?.length ?? 0)}</dd>
        </div>
        <div>
          <dt>${say('center.count.consent')}</dt>
          <dd>${count(data.consent?.length ?? 0)}</dd>
        </div>
        <div>
          <dt>${say('center.count.preferences')}</dt>
          <dd>${say(hasPreferences ? 'center.yes' : 'center.no')}</dd>
        </div>
        <div>
          <dt>${say('center.count.feedback')}</dt>
          <dd>${count(data.feedback?.length ?? 0)}</dd>
        </div>
      </dl>
      <h4 id="events-title">${say('center.eventsHeading')}</h4>
      ${
        events.length
          ? html`<ol part="events" class="events" aria-labelledby="events-title" tabindex="0">
              ${events.map((event) => renderEvent(event, locale, say))}
            </ol>`
          : html`<p part="empty" class="muted">${say('center.dataEmpty')}</p>`
      }
      <h4 id="history-title">${say('center.historyHeading')}</h4>
      ${
        history.length
          ? html`<ol part="history" class="history" aria-labelledby="history-title" tabindex="0">
              ${history.map(
                (entry) => html`<li part="history-entry">${describeDecision(entry, policy, locale, say)}</li>`,
              )}
            </ol>`
          : html`<p part="empty" class="muted">${say('center.historyEmpty')}</p>`
      }
    `;
}

function renderEvent(event: SubjectEvent, locale: Locale, say: Say): TemplateResult {
  const page = pageOf(event);
  return html`<li part="event">
      <span class="what">${describeEvent(event, say)}</span>
      <span class="when">${say('center.event.at', { time: formatDateTime(String(event.timestamp), locale) })}</span>
      ${page ? html`<span class="where">${say('center.event.on', { page })}</span>` : nothing}
    </li>`;
}

function renderResult(state: PrivacyData, say: Say): TemplateResult | typeof nothing {
  if (state.erase === 'working') {
    return html`<p part="result" class="muted" role="status" tabindex="-1">${say('center.erasing')}</p>`;
  }
  if (state.erase === 'done' && state.eraseResult) {
    const { erased, consentAnonymized } = state.eraseResult;
    return html`<p part="result" class="note" role="status" tabindex="-1">
        ${say('center.erased', {
          events: erased.events,
          preferences: erased.preferences,
          feedback: erased.feedback,
          anonymized: consentAnonymized,
        })}
      </p>`;
  }
  if (state.erase === 'error') {
    return html`<p part="result" class="note error" role="alert" tabindex="-1">${say('center.eraseError')}</p>`;
  }
  if (state.exportState === 'error') {
    return html`<p part="result" class="note error" role="alert">${say('center.exportError')}</p>`;
  }
  if (state.exportState === 'done') {
    return html`<p part="result" class="note" role="status">${say('center.exported', { filename: state.exportedAs })}</p>`;
  }
  return nothing;
}

/** The erase confirmation: a modal alert dialog inside the center. */
export function renderConfirm(say: Say, act: DataActions): TemplateResult {
  return html`<div part="confirm-backdrop" class="backdrop" @mousedown=${keepFocus}>
      <div
        part="confirm"
        class="confirm"
        role="alertdialog"
        aria-modal="true"
        tabindex="-1"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-text"
        @keydown=${act.confirmKeydown}
      >
        <h3 id="confirm-title">${say('center.eraseTitle')}</h3>
        <p id="confirm-text">${say('center.eraseText')}</p>
        <div class="actions">
          <button part="confirm-cancel" type="button" @click=${act.cancelErase}>${say('center.eraseCancel')}</button>
          <button part="confirm-erase" class="danger solid" type="button" @click=${act.confirmErase}>
            ${say('center.eraseConfirm')}
          </button>
        </div>
      </div>
    </div>`;
}

/** A press on a backdrop must not move focus out of the modal (to the page's body). */
export const keepFocus = (event: MouseEvent) => {
  if (event.target === event.currentTarget) event.preventDefault();
};
