import type { ChannelId, ConsentAction, ConsentPolicy, ConsentSource } from '@matbakh/contract';
import type { ConsentState } from '../consent/index.ts';
import type { ConfigStatus } from './config.ts';
import {
  type AskReason,
  type ConsentView,
  type LedgerStatus,
  PERSONALIZATION_FEATURES,
  type PersonalizationFeature,
} from './types.ts';

/** What the privacy layer stores beside the choices, in the core gate's `meta`. */
export interface DecisionMeta {
  policyVersion?: number;
  channels?: Partial<Record<ChannelId, boolean>>;
  features?: Partial<Record<PersonalizationFeature, boolean>>;
  action?: ConsentAction;
  source?: ConsentSource;
}

const DAY_MS = 86_400_000;

export const metaOf = (state: ConsentState): DecisionMeta => (state.meta ?? {}) as DecisionMeta;

/**
 * Why the visitor is asked (first match wins):
 * - `first_visit`: no decision stored (GPC alone is a signal, not a decision: shown, never stored);
 * - `policy_changed`: decided under an older policy version; earlier choices stay in force and pre-filled;
 * - `new_category`: the policy has a category the visitor was never asked about (it stays pending: neither
 *   granted nor refused on their behalf);
 * - `expired`: decided more than `reaskAfterDays` ago; the decision stays in force until answered.
 */
export function reasonOf(state: ConsentState, policy: ConsentPolicy | undefined, now = Date.now()): AskReason {
  if (!state.id) return 'first_visit';
  if (!policy) return 'none';
  const { policyVersion } = metaOf(state);
  if (typeof policyVersion === 'number' && policyVersion < policy.version) return 'policy_changed';
  if (policy.categories.some((c) => !c.required && c.id !== 'necessary' && state.choices[c.id] === undefined)) {
    return 'new_category';
  }
  const decidedAt = Date.parse(state.updatedAt ?? '');
  if (now - decidedAt > policy.reaskAfterDays * DAY_MS) return 'expired';
  return 'none';
}

export function viewOf(
  state: ConsentState,
  policy: ConsentPolicy | undefined,
  config: ConfigStatus,
  ledger: LedgerStatus,
): ConsentView {
  const meta = metaOf(state);
  const features = {} as Record<PersonalizationFeature, boolean>;
  for (const feature of PERSONALIZATION_FEATURES) features[feature] = meta.features?.[feature] !== false;
  const reason = reasonOf(state, policy);
  const view: ConsentView = {
    policy,
    config,
    choices: { ...state.choices },
    channels: { ...meta.channels },
    features,
    gpc: state.gpc,
    needsDecision: reason !== 'none',
    reason,
    ledger,
  };
  if (state.id) {
    view.decidedAt = state.updatedAt;
    view.policyVersion = meta.policyVersion;
    view.action = meta.action;
  }
  return view;
}

/** A personalization feature may run: personalization is granted and the visitor did not switch the feature off. */
export const featureEnabled = (view: ConsentView, feature: PersonalizationFeature): boolean =>
  view.choices.personalization === true && view.features[feature] !== false;
