/**
 * Every `mb-*` event the widgets dispatch, one declaration per file (like Shoelace's `src/events/`). Each file
 * adds its event to `GlobalEventHandlersEventMap`, so a partner's `el.addEventListener('mb-consent-change', e =>
 * e.detail.choices)` is typed; this module gathers them into one map for `emit`. All bubble and are composed (a
 * listener on `document` hears them) and are dispatched for the visitor's own actions only, never for
 * programmatic changes or store updates.
 */
import type { MbActionAcceptEvent } from './mb-action-accept.ts';
import type { MbActionDismissEvent } from './mb-action-dismiss.ts';
import type { MbActionSnoozeEvent } from './mb-action-snooze.ts';
import type { MbConsentChangeEvent } from './mb-consent-change.ts';
import type { MbExplanationOpenEvent } from './mb-explanation-open.ts';
import type { MbFeedbackEvent } from './mb-feedback.ts';
import type { MbInsightActionEvent } from './mb-insight-action.ts';
import type { MbLayoutChangeEvent } from './mb-layout-change.ts';
import type { MbPreferenceChangeEvent } from './mb-preference-change.ts';
import type { MbPrivacyCloseEvent } from './mb-privacy-close.ts';
import type { MbPrivacyEraseEvent } from './mb-privacy-erase.ts';
import type { MbPrivacyExportEvent } from './mb-privacy-export.ts';
import type { MbPrivacyOpenEvent } from './mb-privacy-open.ts';
import type { MbPushChangeEvent } from './mb-push-change.ts';
import type { MbRecommendationClickEvent } from './mb-recommendation-click.ts';
import type { MbSearchSelectEvent } from './mb-search-select.ts';
import type { MbTourCompleteEvent } from './mb-tour-complete.ts';
import type { MbTourDismissEvent } from './mb-tour-dismiss.ts';
import type { MbTourStepEvent } from './mb-tour-step.ts';

export type * from './mb-action-accept.ts';
export type * from './mb-action-dismiss.ts';
export type * from './mb-action-snooze.ts';
export type * from './mb-consent-change.ts';
export type * from './mb-explanation-open.ts';
export type * from './mb-feedback.ts';
export type * from './mb-insight-action.ts';
export type * from './mb-layout-change.ts';
export type * from './mb-preference-change.ts';
export type * from './mb-privacy-close.ts';
export type * from './mb-privacy-erase.ts';
export type * from './mb-privacy-export.ts';
export type * from './mb-privacy-open.ts';
export type * from './mb-push-change.ts';
export type * from './mb-recommendation-click.ts';
export type * from './mb-search-select.ts';
export type * from './mb-tour-complete.ts';
export type * from './mb-tour-dismiss.ts';
export type * from './mb-tour-step.ts';

/** The widgets' events by name. */
export interface MbEventMap {
  'mb-action-accept': MbActionAcceptEvent;
  'mb-action-dismiss': MbActionDismissEvent;
  'mb-action-snooze': MbActionSnoozeEvent;
  'mb-consent-change': MbConsentChangeEvent;
  'mb-explanation-open': MbExplanationOpenEvent;
  'mb-feedback': MbFeedbackEvent;
  'mb-insight-action': MbInsightActionEvent;
  'mb-layout-change': MbLayoutChangeEvent;
  'mb-preference-change': MbPreferenceChangeEvent;
  'mb-privacy-close': MbPrivacyCloseEvent;
  'mb-privacy-erase': MbPrivacyEraseEvent;
  'mb-privacy-export': MbPrivacyExportEvent;
  'mb-privacy-open': MbPrivacyOpenEvent;
  'mb-push-change': MbPushChangeEvent;
  'mb-recommendation-click': MbRecommendationClickEvent;
  'mb-search-select': MbSearchSelectEvent;
  'mb-tour-complete': MbTourCompleteEvent;
  'mb-tour-dismiss': MbTourDismissEvent;
  'mb-tour-step': MbTourStepEvent;
}

export type MbEventName = keyof MbEventMap;
export type MbEventDetail<K extends MbEventName> = MbEventMap[K]['detail'];

/**
 * Dispatches the `mb-*` event `name` from `target`, bubbling and composed (out of shadow roots). Returns `false`
 * when a listener called `preventDefault()` on a cancelable one. Elements use `MbElement.emit`; this is for the
 * few dispatches from elsewhere (a test double standing for the SDK).
 */
export function emitEvent<K extends MbEventName>(
  target: EventTarget,
  name: K,
  detail: MbEventDetail<K>,
  { cancelable = false }: { cancelable?: boolean } = {},
): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }));
}
