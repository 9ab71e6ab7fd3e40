import { CHANNELS, type ChannelId, NOTIFICATION_TOPICS, type NotificationPreferences } from '@matbakh/contract';
import { html, nothing, type TemplateResult } from 'lit';
import { localized } from '../shared/texts.ts';
import { describedBy, errorId, errorOf, invalid, renderError } from './field-errors.ts';
import type { PanelContext } from './sections.ts';

/** Quiet hours switched on without times chosen yet. */
export const DEFAULT_QUIET_HOURS = { start: '22:00', end: '07:00' };

export function renderNotifications(ctx: PanelContext, notifications: NotificationPreferences): TemplateResult {
  return html`<section part="section" class="section" aria-labelledby="notifications-title">
    <h3 id="notifications-title">${ctx.say('notifications')}</h3>
    ${ctx.overflowing ? html`<p part="scroll-hint" class="scroll-hint">${ctx.say('scrollHint')}</p>` : nothing}
    ${renderChannelMatrix(ctx, notifications)}
    ${renderError(ctx.errors, 'notifications.channels')}
    ${renderQuietHours(ctx, notifications.quietHours)}
    ${renderMaxPerDay(ctx, notifications.maxPerDay)}
  </section>`;
}
/** Topics × channels, each channel asking for consent where the visitor has not given it. */
function renderChannelMatrix(ctx: PanelContext, notifications: NotificationPreferences): TemplateResult {
  const view = ctx.consentView;
  const policyChannels = view?.policy?.channels;
  const channelName = (id: ChannelId) => {
    const fromPolicy = policyChannels?.find((channel) => channel.id === id);
    return fromPolicy ? localized(fromPolicy.title, ctx.locale) : ctx.say(`channel.${id}`);
  };
  // Without a consent client the panel cannot know: channels are shown as available.
  const consented = (id: ChannelId) => !view || view.channels[id] === true;
  return html`<div class="table-scroll">
      <table part="matrix" class="matrix" aria-labelledby="notifications-title" aria-describedby=${describedBy(ctx.errors, 'notifications.channels')}>
        <thead>
          <tr>
            <th scope="col">${ctx.say('topic')}</th>
            ${CHANNELS.map(
              (channel) => html`<th scope="col" id="channel-${channel}">
                <span>${channelName(channel)}</span>
                ${
                  consented(channel)
                    ? nothing
                    : html`<span part="consent-needed" class="consent-needed">
                        <span>${ctx.say('needsConsent')}</span>
                        <button
                          part="privacy-button"
                          type="button"
                          class="small"
                          @click=${ctx.act.privacy}
                        >
                          ${ctx.say('giveConsent', { channel: channelName(channel) })}
                        </button>
                      </span>`
                }
              </th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${NOTIFICATION_TOPICS.map(
            (topic) => html`<tr>
              <th scope="row" id="topic-${topic}">${ctx.say(`topic.${topic}`)}</th>
              ${CHANNELS.map(
                (channel) => html`<td>
                  <input
                    type="checkbox"
                    aria-labelledby="topic-${topic} channel-${channel}"
                    .checked=${notifications.channels[channel]?.[topic] === true}
                    @change=${(event: Event) => ctx.act.matrix(channel, topic, event)}
                  />
                </td>`,
              )}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

function renderQuietHours(ctx: PanelContext, quiet: NotificationPreferences['quietHours']): TemplateResult {
  return html`<fieldset part="quiet-hours" class="quiet" aria-describedby=${describedBy(ctx.errors, 'notifications.quietHours')}>
      <legend>${ctx.say('quietHours')}</legend>
      <label class="choice">
        <input type="checkbox" .checked=${quiet !== null} @change=${ctx.act.quietToggle} />
        ${ctx.say('quietHoursOn')}
      </label>
      ${timeInput(ctx, 'start', ctx.say('quietFrom'), quiet)} ${timeInput(ctx, 'end', ctx.say('quietTo'), quiet)}
      ${renderError(ctx.errors, 'notifications.quietHours')}
    </fieldset>`;
}
/** One end of the quiet hours: its label around a time input (disabled while quiet hours are off). */
function timeInput(
  ctx: PanelContext,
  end: 'start' | 'end',
  label: string,
  quiet: NotificationPreferences['quietHours'],
): TemplateResult {
  return html`<label class="inline">
        ${label}
        <input
          type="time"
          name=${end}
          .value=${quiet?.[end] ?? DEFAULT_QUIET_HOURS[end]}
          ?disabled=${quiet === null}
          aria-invalid=${invalid(ctx.errors, 'notifications.quietHours')}
          @change=${ctx.act.quietTime}
        />
      </label>`;
}

function renderMaxPerDay(ctx: PanelContext, maxPerDay: number): TemplateResult {
  return html`<div class="field">
      <label for="max-per-day">${ctx.say('maxPerDay')}</label>
      <input
        id="max-per-day"
        part="max-per-day"
        type="number"
        inputmode="numeric"
        min="0"
        max="50"
        step="1"
        .value=${String(maxPerDay)}
        aria-describedby="max-per-day-hint${errorOf(ctx.errors, 'notifications.maxPerDay') ? ` ${errorId('notifications.maxPerDay')}` : ''}"
        aria-invalid=${invalid(ctx.errors, 'notifications.maxPerDay')}
        @change=${ctx.act.maxPerDay}
      />
      <p id="max-per-day-hint" class="hint">${ctx.say('maxPerDayHint')}</p>
      ${renderError(ctx.errors, 'notifications.maxPerDay')}
    </div>`;
}
