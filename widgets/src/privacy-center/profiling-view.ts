import { html, nothing, type TemplateResult } from 'lit';
import type { Locale } from '../shared/i18n.ts';
import { formatDateTime } from '../shared/texts.ts';
import type { Say } from './plain-language.ts';
import type { ProfilingState } from './profiling.ts';

/** "Whether you will order again": what may exist about the guest, and the objection (Art. 21) and its withdrawal. */
export function renderProfiling(
  state: ProfilingState,
  locale: Locale,
  say: Say,
  act: { object(objected: boolean): void; retry(): void },
): TemplateResult {
  const ready = state.status === 'ready' ? state : undefined;
  return html`<section
    part="section profiling"
    aria-labelledby="profiling-title"
    aria-busy=${state.status === 'loading' || ready?.working ? 'true' : 'false'}
  >
    <h3 id="profiling-title">${say('center.profilingHeading')}</h3>
    <p part="profiling-text" class="muted">${say('center.profilingText')}</p>
    ${
      state.status === 'error'
        ? html`<p part="error" class="note error">${say('center.profilingError')}</p>
            <button part="retry" type="button" @click=${act.retry}>${say('center.retry')}</button>`
        : !ready
          ? html`<p part="loading" class="muted">${say('center.dataLoading')}</p>`
          : html`<p part="profiling-status">
                ${
                  ready.value.objectedAt
                    ? say('center.profilingObjected', { date: formatDateTime(ready.value.objectedAt, locale) })
                    : say('center.profilingScores', { count: ready.value.scores })
                }
              </p>
              <div class="actions">
                <button
                  part="profiling-object"
                  type="button"
                  ?disabled=${ready.working}
                  @click=${() => act.object(!ready.value.objected)}
                >
                  ${say(ready.value.objected ? 'center.profilingWithdraw' : 'center.profilingObject')}
                </button>
              </div>
              ${ready.failed ? html`<p part="error" class="note error" role="alert">${say('center.profilingError')}</p>` : nothing}`
    }
  </section>`;
}
