import {
  CHANNELS,
  type ChannelId,
  CONSENT_CATEGORIES,
  type ConsentAction,
  type ConsentPolicy,
  type ConsentSource,
  type JsonObject,
} from '@matbakh/contract';
import type { ConsentChoices } from '../consent/index.ts';
import type { PluginContext } from '../plugin/types.ts';
import { deviceClass } from '../tracking/context.ts';
import type { createLedger } from './ledger.ts';
import { type ConsentControls, PERSONALIZATION_FEATURES, type PersonalizationFeature } from './types.ts';
import { type DecisionMeta, metaOf } from './view.ts';

const SOURCES: readonly ConsentSource[] = ['banner', 'center', 'api'];
const OPTIONAL = CONSENT_CATEGORIES.filter((c) => c !== 'necessary');

/** Keeps the known keys set to booleans: a decision is stored and sent as proof, junk is not. */
function pick<K extends string>(from: unknown, keys: readonly K[]): Partial<Record<K, boolean>> {
  const out: Partial<Record<K, boolean>> = {};
  for (const key of keys) {
    const value = (from as Record<string, unknown> | undefined)?.[key];
    if (typeof value === 'boolean') out[key] = value;
  }
  return out;
}
const all = <K extends string>(keys: readonly K[], value: boolean) =>
  Object.fromEntries(keys.map((key) => [key, value])) as Record<K, boolean>;

interface DecisionsOptions {
  ctx: PluginContext;
  ledger: ReturnType<typeof createLedger>;
  policy(): ConsentPolicy | undefined;
  /** Tells the other tabs (once the channel is open). */
  tabs(): { post(message: 'consent'): void };
}

/**
 * The visitor's decisions: stored by the gate with their metadata (action, source, policy version, channels,
 * feature switches), and recorded in the ledger as proof. A decision made before the policy was known gets its
 * version once it is ({@link versionKnown}).
 */
export function createDecisions({ ctx, ledger, policy, tabs }: DecisionsOptions) {
  const gate = ctx.consent;
  let unversioned = false;

  const decide = (
    action: ConsentAction,
    source: ConsentSource,
    choices: ConsentChoices,
    channels: Partial<Record<ChannelId, boolean>> = {},
    features: Partial<Record<PersonalizationFeature, boolean>> = {},
  ) => {
    const previous = metaOf(gate.get());
    const version = policy()?.version;
    const meta: DecisionMeta = {
      action,
      source: SOURCES.includes(source) ? source : 'api',
      channels: { ...previous.channels, ...pick(channels, CHANNELS) },
      features: { ...previous.features, ...pick(features, PERSONALIZATION_FEATURES) },
    };
    if (version === undefined) unversioned = true;
    else meta.policyVersion = version;
    gate.set(choices, meta as JsonObject);
    const state = gate.get();
    const { anonymousId, userId, userHash } = ctx.subject();
    void ledger.record({
      consentId: state.id!,
      anonymousId,
      ...(userId && { userId }),
      ...(userHash && { userHash }),
      policyVersion: version,
      action,
      choices: state.choices,
      channels: meta.channels!,
      source: meta.source!,
      timestamp: state.updatedAt!,
      userAgentClass: deviceClass(navigator.userAgent),
    });
    tabs().post('consent');
  };
  const asked = () => {
    const categories = policy()?.categories;
    return categories ? categories.map((c) => c.id).filter((c) => c !== 'necessary') : OPTIONAL;
  };
  const safe = ctx.guard;

  const controls: Pick<ConsentControls, 'acceptAll' | 'rejectAll' | 'save' | 'withdraw'> = {
    acceptAll: safe('consent.acceptAll', (source: ConsentSource) => decide('accept_all', source, all(asked(), true))),
    rejectAll: safe('consent.rejectAll', (source: ConsentSource) =>
      decide('reject_all', source, all(OPTIONAL, false), all(CHANNELS, false)),
    ),
    save: safe('consent.save', (decision: Parameters<ConsentControls['save']>[0], source: ConsentSource) =>
      decide('custom', source, decision?.choices ?? {}, decision?.channels, decision?.features),
    ),
    withdraw: safe('consent.withdraw', (source: ConsentSource) =>
      decide('withdraw', source, all(OPTIONAL, false), all(CHANNELS, false)),
    ),
  };
  return {
    controls,
    // The core's set, now with proof: a host's own consent tool decides through the API.
    set: safe('consent.set', (choices: ConsentChoices) => decide('custom', 'api', choices)),
    /** The policy arrived: a decision stored without its version gets it. */
    versionKnown(version: number) {
      if (unversioned && gate.get().id) gate.set({}, { policyVersion: version });
      unversioned = false;
    },
  };
}
