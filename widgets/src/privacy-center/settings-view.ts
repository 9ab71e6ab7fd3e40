import type { ChannelId, ConsentCategoryId } from '@matbakh/contract';
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { type ConsentView, FEATURES, type PersonalizationFeature } from '../shared/consent-client.ts';
import type { Locale } from '../shared/i18n.ts';
import { localized } from '../shared/texts.ts';
import type { Say } from './plain-language.ts';

/** What the visitor's switches and buttons in the settings do (the component saves and announces). */
export interface SettingsActions {
  category(id: ConsentCategoryId, on: boolean): void;
  channel(id: ChannelId, on: boolean): void;
  feature(id: PersonalizationFeature, on: boolean): void;
  withdraw(): void;
  retry(): void;
}

/** The settings part of the center: consent per category, message channels, personalization features. */
export function renderSettings(
  view: ConsentView | undefined,
  locale: Locale,
  say: Say,
  act: SettingsActions,
): TemplateResult {
  if (!view || view.config === 'loading') {
    return html`<p part="loading" class="muted" aria-busy="true">${say('center.loading')}</p>`;
  }
  const policy = view.policy;
  if (view.config === 'error' || !policy) {
    return html`<p part="error" class="note error">${say('center.configError')}</p>
        <div class="actions">
          <button part="retry" type="button" @click=${act.retry}>${say('center.retry')}</button>
          <button part="withdraw" class="danger" type="button" @click=${act.withdraw}>${say('center.withdraw')}</button>
        </div>`;
  }
  const offline = view.ledger === 'offline' || view.ledger === 'error';
  return html`
      <section part="section consent" aria-labelledby="consent-title">
        <h3 id="consent-title">${say('center.consentHeading')}</h3>
        <p class="hint">${say('center.consentHint')}</p>
        ${view.gpc ? html`<p part="gpc" class="note">${say('center.gpc')}</p>` : nothing}
        ${offline ? html`<p part="notice" class="note">${say('center.offline')}</p>` : nothing}
        <ul>
          ${policy.categories.map((category) =>
            renderSwitch({
              kind: 'category',
              id: category.id,
              title: localized(category.title, locale),
              description: localized(category.description, locale),
              on: category.required || view.choices[category.id] === true,
              disabled: category.required,
              badge: category.required ? say('center.alwaysOn') : '',
              change: (on) => act.category(category.id, on),
            }),
          )}
        </ul>
        <div class="actions">
          <button part="withdraw" class="danger" type="button" @click=${act.withdraw}>${say('center.withdraw')}</button>
        </div>
      </section>
      ${
        policy.channels.length
          ? html`<section part="section channels" aria-labelledby="channels-title">
              <h3 id="channels-title">${say('center.channelsHeading')}</h3>
              <p class="hint">${say('center.channelsHint')}</p>
              <ul>
                ${policy.channels.map((channel) =>
                  renderSwitch({
                    kind: 'channel',
                    id: channel.id,
                    title: localized(channel.title, locale),
                    description: localized(channel.description, locale),
                    on: view.channels[channel.id] === true,
                    change: (on) => act.channel(channel.id, on),
                  }),
                )}
              </ul>
            </section>`
          : nothing
      }
      ${renderFeatures(view, say, act)}
    `;
}

function renderFeatures(view: ConsentView, say: Say, act: SettingsActions): TemplateResult {
  const personalization = view.choices.personalization === true;
  return html`<section part="section features" aria-labelledby="features-title">
        <h3 id="features-title">${say('center.featuresHeading')}</h3>
        ${personalization ? nothing : html`<p class="hint">${say('center.featuresHint')}</p>`}
        <ul>
          ${FEATURES.map((feature) =>
            renderSwitch({
              kind: 'feature',
              id: feature,
              title: say(`center.feature.${feature}`),
              description: say(`center.feature.${feature}.description`),
              on: view.features[feature] !== false,
              change: (on) => act.feature(feature, on),
            }),
          )}
        </ul>
      </section>`;
}

interface SwitchRow {
  kind: 'category' | 'channel' | 'feature';
  id: string;
  title: string;
  description: string;
  on: boolean;
  disabled?: boolean;
  badge?: string;
  change: (on: boolean) => void;
}

function renderSwitch(row: SwitchRow): TemplateResult {
  const id = `${row.kind}-${row.id}`;
  return html`<li part=${row.kind} class="row">
      <input
        id=${id}
        part="switch"
        class="switch"
        type="checkbox"
        role="switch"
        .checked=${live(row.on)}
        ?disabled=${row.disabled === true}
        aria-describedby="${id}-description"
        @change=${(event: Event) => row.change((event.target as HTMLInputElement).checked)}
      />
      <label for=${id}>${row.title}${row.badge ? html`<span class="always">${row.badge}</span>` : nothing}</label>
      <p id="${id}-description" part="description" class="description">${row.description}</p>
    </li>`;
}
