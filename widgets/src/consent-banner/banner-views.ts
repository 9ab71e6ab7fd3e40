// The banner's pieces that need none of its state: the category switches, the choices a decision records, and
// when it asks. The element (consent-banner.component.ts) keeps the state and the focus handling.
import { CONSENT_CATEGORIES, type ConsentCategory, type ConsentCategoryId } from '@matbakh/contract';
import { html, nothing, type TemplateResult } from 'lit';
import type { ConsentView } from '../shared/consent-client.ts';
import type { Locale } from '../shared/i18n.ts';
import { localized } from '../shared/texts.ts';
import type { BannerMessage } from './consent-banner.messages.ts';

export type Choices = Partial<Record<ConsentCategoryId, boolean>>;
export type Say = (key: BannerMessage) => string;

/** The "Customize" view: one switch per category (required ones on and disabled) with its services, and Save. */
export function renderCategories(
  categories: readonly ConsentCategory[],
  draft: Choices,
  locale: Locale,
  say: Say,
  onSwitch: (id: ConsentCategoryId, on: boolean) => void,
  onSave: () => void,
): TemplateResult {
  return html`<div id="categories" part="categories" class="categories" role="group" aria-labelledby="categories-title">
<h3 id="categories-title">${say('categories')}</h3>
<ul>${categories.map(({ id, required, title, description, services }) => {
    const on = required || draft[id] === true;
    return html`<li part="category" class="category"><div class="category-head">
<input id="switch-${id}" part="switch" class="switch" type="checkbox" role="switch" .checked=${on} ?disabled=${required} aria-describedby="desc-${id}" @change=${(event: Event) => onSwitch(id, (event.target as HTMLInputElement).checked)}>
<label for="switch-${id}">${localized(title, locale)}</label>${required ? html`<span class="always">${say('alwaysOn')}</span>` : nothing}</div>
<p id="desc-${id}" part="category-description" class="category-description">${localized(description, locale)}</p>
${
  services.length
    ? html`<div part="services" class="services"><span>${say('services')}:</span>
<ul>${services.map((service) => html`<li>${service.name} – ${localized(service.purpose, locale)}</li>`)}</ul></div>`
    : nothing
}</li>`;
  })}</ul>
<div class="save-row"><button part="save" class="choice" type="button" @click=${onSave}>${say('save')}</button></div></div>`;
}

/**
 * Every category of the policy with what `action` decides for it: required ones and "necessary" always on;
 * "Save choices" keeps exactly the switches the visitor turned on.
 */
export function decisionChoices(
  view: ConsentView,
  action: 'accept_all' | 'reject_all' | 'custom',
  draft: Choices,
): Choices {
  const ids = view.policy?.categories.map((category) => category.id) ?? CONSENT_CATEGORIES;
  const required = new Set(view.policy?.categories.filter((c) => c.required).map((c) => c.id) ?? ['necessary']);
  const choices: Choices = {};
  for (const id of ids) {
    choices[id] =
      required.has(id) || id === 'necessary' || action === 'accept_all'
        ? true
        : action === 'custom' && draft[id] === true;
  }
  return choices;
}

/** A proof waiting for the network; never for a page the API refused (its setup is wrong, not the connection). */
export const isOffline = (view: ConsentView) =>
  view.config !== 'misconfigured' && (view.ledger === 'offline' || view.ledger === 'error');

/** A press on the backdrop must not move focus out of the modal (to the page's body). */
export const keepFocus = (event: MouseEvent) => {
  if (event.target === event.currentTarget) event.preventDefault();
};

/**
 * The banner asks while a decision is needed and the tenant did not hide it. A first visit is known without the
 * policy, so the banner asks at once with its built-in texts (usable within a frame of the bundle's evaluation)
 * and fills in the policy's details when they arrive; asking *again* needs the policy, so it waits for it.
 */
export function isAsking(view: ConsentView): boolean {
  const known = view.config !== 'loading' || view.reason === 'first_visit';
  return view.needsDecision && known && view.policy?.banner?.hidden !== true;
}
