import { type LocalizedText, safeUrl } from '@matbakh/contract';
import type { Listenable } from '../shared/client-controller.ts';

/** What `<mb-next-best-action>` renders: the SDK's `Action` (sdk/src/rules), structurally. */
export interface ActionView {
  id: string;
  placement: string;
  kind: 'tip' | 'upsell' | 'prompt';
  title: Partial<LocalizedText>;
  body: Partial<LocalizedText>;
  reason: Partial<LocalizedText>;
  cta?: { label: Partial<LocalizedText>; url?: string; event?: string };
}

export type ActionOutcome = 'shown' | 'accepted' | 'dismissed' | 'snoozed';

/**
 * The narrow client `<mb-next-best-action>` needs: the rules plugin's `client.actions` (or a partner's / test's
 * look-alike).
 */
export interface ActionsClientLike {
  actions: {
    $next(placement: string): Listenable & { get(): ActionView | null };
    record(actionId: string, outcome: ActionOutcome, options?: { snoozeHours?: number }): void;
  };
}

export function isActionsClient(value: unknown): value is ActionsClientLike {
  const actions = (value as { actions?: Record<string, unknown> } | undefined)?.actions;
  return typeof actions?.$next === 'function' && typeof actions.record === 'function';
}

export type { ActionEventDetail } from '../events/mb-action-accept.ts';

/** The one URL sanitiser (`@matbakh/contract`): only http(s) becomes a link or an image. */
export { safeUrl };
