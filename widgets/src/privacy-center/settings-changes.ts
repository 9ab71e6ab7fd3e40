// What each switch of the settings view saves with the client, and the `mb-consent-change` it is announced with.
// The center (privacy-center.component.ts) runs them with its client and view, and shows the status.
import type { ChannelId, ConsentAction, ConsentCategoryId } from '@matbakh/contract';
import type { ConsentChangeDetail } from '../events/mb-consent-change.ts';
import type { ConsentClient, ConsentView, PersonalizationFeature } from '../shared/consent-client.ts';
import type { CenterMessage } from './privacy-center.messages.ts';

type Choices = Partial<Record<ConsentCategoryId, boolean>>;

/** A saved change: the event's action and detail, and the status line to show. */
export interface SettingsChange {
  action: ConsentAction;
  detail: Omit<ConsentChangeDetail, 'action' | 'source'>;
  status: CenterMessage;
}

export type ChangeSetting = (client: ConsentClient, view: ConsentView) => SettingsChange;

const saved = (detail: SettingsChange['detail']): SettingsChange => ({
  action: 'custom',
  detail,
  status: 'center.saved',
});

export const changeCategory =
  (id: ConsentCategoryId, on: boolean): ChangeSetting =>
  (client, view) => {
    client.consent.save({ choices: { [id]: on } }, 'center');
    return saved({ choices: allChoices(view, { [id]: on }), channels: { ...view.channels } });
  };

export const changeChannel =
  (id: ChannelId, on: boolean): ChangeSetting =>
  (client, view) => {
    client.consent.save({ channels: { [id]: on } }, 'center');
    return saved({ choices: allChoices(view), channels: { ...view.channels, [id]: on } });
  };

export const changeFeature =
  (id: PersonalizationFeature, on: boolean): ChangeSetting =>
  (client, view) => {
    client.consent.save({ features: { [id]: on } }, 'center');
    return saved({
      choices: allChoices(view),
      channels: { ...view.channels },
      features: { ...view.features, [id]: on },
    });
  };

/** Withdraws everything: every optional category and every channel off. */
export const withdrawAll: ChangeSetting = (client, view) => {
  client.consent.withdraw('center');
  const choices = allChoices(view, {}, false);
  const channels = Object.fromEntries(
    (view.policy?.channels.map((c) => c.id) ?? Object.keys(view.channels)).map((id) => [id, false]),
  ) as Partial<Record<ChannelId, boolean>>;
  return { action: 'withdraw', detail: { choices, channels }, status: 'center.withdrawn' };
};

/** Every category of the policy, `true` or `false` (necessary always `true`), after `change`. */
function allChoices(view: ConsentView, change: Choices = {}, fallback?: boolean): Choices {
  const out: Choices = {};
  for (const category of view.policy?.categories ?? []) {
    out[category.id] = category.required
      ? true
      : (change[category.id] ?? fallback ?? view.choices[category.id] === true);
  }
  out.necessary = true;
  return out;
}
