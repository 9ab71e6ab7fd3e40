/**
 * The "regulars at risk" section of `<mb-insights>`: each regular by pseudonym (never a name) with the numbers
 * behind the score and the server's reasons, the revenue at stake, and the win-back button. While the win-back
 * runs the button stays focusable but inert (`aria-disabled`) and says why next to it; the outcome is announced
 * in the section's live region.
 */
import type { ChurnResponse, ChurnRisk } from '@matbakh/contract';
import { html, nothing, type TemplateResult } from 'lit';
import { type Formats, formatsFor } from './forecast-format.ts';
import type { SectionContext } from './forecast-section.ts';
import type { WinBackState } from './predictive-state.ts';

export function atRiskSection(context: SectionContext): TemplateResult | typeof nothing {
  const { say, state } = context;
  const section = state.churn;
  // The state never keeps `pending` for the regulars (the route answers for every group); hidden like `absent`.
  if (section.status === 'absent' || section.status === 'pending') return nothing;
  const status =
    section.status === 'loading'
      ? say('churn.loading')
      : section.status === 'ready'
        ? say('churn.loaded', { count: section.data.atRisk.length })
        : '';
  let body: TemplateResult;
  if (section.status === 'ready') body = ready(context, section.data);
  else if (section.status === 'loading') body = html`<div part="skeleton" class="skeleton" aria-hidden="true"></div>`;
  else {
    body = html`<div part="churn-error" class="notice" role="alert">
      <p>${say(`churn.${section.status}`)}</p>
      <button part="retry" class="retry" type="button" @click=${() => state.retryChurn()}>${say('retry')}</button>
    </div>`;
  }
  return html`<section part="at-risk" class="panel" aria-labelledby="churn-title"
      aria-busy=${section.status === 'loading' ? 'true' : 'false'}>
    <h3 id="churn-title">${say('churn.title')}</h3>
    <div class="visually-hidden" role="status">${status}</div>
    ${body}
  </section>`;
}

function ready(context: SectionContext, data: ChurnResponse): TemplateResult {
  const { say, locale } = context;
  const formats = formatsFor(locale, data.currency);
  if (data.regulars === 0) return html`<p part="churn-empty" class="notice">${say('churn.none')}</p>`;
  if (data.atRisk.length === 0)
    return html`<p part="churn-empty" class="notice">${say('churn.empty', { regulars: data.regulars })}</p>`;
  return html`<p part="churn-summary" class="summary-line">
      <strong>${say('churn.summary', { count: formats.count(data.atRisk.length), regulars: formats.count(data.regulars) })}</strong>
      · ${say('churn.revenue', { amount: formats.money(data.revenueAtRisk) })}
    </p>
    <p class="muted">${say('churn.privacy')}</p>
    ${regulars(context, data.atRisk, formats)}
    ${winBack(context, data)}`;
}

/** How many regulars show before "Show n more": the riskiest first (the server sorts), the rest on request. */
export const FIRST_REGULARS = 5;

/**
 * The riskiest regulars, and the rest behind a native disclosure (keyboard and screen readers know `<details>`),
 * so a restaurant with many regulars at risk does not get a page-long list. One more would not need hiding.
 */
function regulars(context: SectionContext, atRisk: readonly ChurnRisk[], formats: Formats): TemplateResult {
  const list = (risks: readonly ChurnRisk[], part: string) =>
    html`<ul part=${part} class="risks">${risks.map((risk) => regular(context, risk, formats))}</ul>`;
  if (atRisk.length <= FIRST_REGULARS + 1) return list(atRisk, 'at-risk-list');
  const rest = atRisk.slice(FIRST_REGULARS);
  return html`${list(atRisk.slice(0, FIRST_REGULARS), 'at-risk-list')}
    <details part="more-regulars" class="more">
      <summary>${context.say('churn.more', { count: rest.length })}</summary>
      ${list(rest, 'at-risk-list at-risk-more')}
    </details>`;
}

function regular({ say }: SectionContext, risk: ChurnRisk, formats: Formats): TemplateResult {
  const id = `guest-${risk.guestRef.replace(/[^\w-]/g, '')}`;
  return html`<li part="regular" class="risk">
    <div class="risk-head">
      <h4 id=${id} part="guest">${say('churn.guest', { ref: risk.guestRef })}</h4>
      <span part="probability" class="probability">${say('churn.risk', { percent: formats.percent(risk.probability) })}</span>
    </div>
    <dl class="facts">
      <div><dt>${say('churn.orders')}</dt><dd>${formats.count(risk.orders)}</dd></div>
      <div><dt>${say('churn.interval')}</dt><dd>${say('churn.everyDays', { days: risk.usualIntervalDays })}</dd></div>
      <div><dt>${say('churn.since')}</dt><dd>${say('churn.daysAgo', { days: risk.daysSinceLastOrder })}</dd></div>
      <div><dt>${say('churn.average')}</dt><dd>${formats.money(risk.averageOrder)}</dd></div>
    </dl>
    ${
      risk.reasons.length === 0
        ? nothing
        : html`<ul part="reasons" class="reasons" aria-label=${say('churn.reasons')}>
          ${risk.reasons.map((reason) => html`<li data-code=${reason.code}>${reason.text}</li>`)}
        </ul>`
    }
  </li>`;
}

function outcome(say: SectionContext['say'], winBack: WinBackState): string {
  switch (winBack.status) {
    case 'running':
      return say('winback.running');
    case 'done':
      return winBack.result.alreadyRunning
        ? say('winback.already')
        : say('winback.started', { queued: winBack.result.queued });
    case 'error':
      return say('winback.error');
    case 'offline':
      return say('winback.offline');
    default:
      return '';
  }
}

function winBack({ say, state }: SectionContext, data: ChurnResponse): TemplateResult {
  const current = state.winBack;
  const blocked = current.status === 'running' || current.status === 'done';
  const why = current.status === 'running' ? say('winback.busy') : current.status === 'done' ? say('winback.done') : '';
  const failed = current.status === 'error' || current.status === 'offline';
  // While it runs, the reason next to the button is what sighted owners read; the live region tells the rest.
  return html`<div part="win-back" class="win-back">
    <p>${data.action.description}</p>
    <div class="win-back-row">
      <button part="win-back-button" class="cta" type="button" aria-disabled=${blocked ? 'true' : 'false'}
        aria-describedby=${why ? 'win-back-why' : nothing}
        @click=${() => (blocked ? undefined : state.startWinBack())}>
        ${data.action.label}
      </button>
      ${why ? html`<span id="win-back-why" part="win-back-reason" class="muted">${why}</span>` : nothing}
    </div>
    <p part="win-back-outcome" class=${current.status === 'running' ? 'visually-hidden' : 'outcome'} role="status" data-status=${current.status}
      data-failed=${failed ? 'true' : 'false'}>${outcome(say, current)}</p>
  </div>`;
}
