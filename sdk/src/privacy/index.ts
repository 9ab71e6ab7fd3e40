/**
 * The privacy layer of the matbakh SDK, as a plugin of the core client:
 *
 * ```ts
 * import { createClient } from '@matbakh/sdk';
 * import { privacyPlugin, type PrivacyClient } from '@matbakh/sdk/privacy';
 * const client = createClient({ writeKey: 'pk_…', plugins: [privacyPlugin()] }) as PrivacyClient;
 * client.consent.$view.subscribe(render);          // what a banner / privacy center shows
 * client.consent.acceptAll('banner');
 * await client.privacy.export();
 * ```
 *
 * It adds to `client.consent` the {@link ConsentControls} (the `$view` store, `ready`, `reload`, `acceptAll`,
 * `rejectAll`, `save`, `withdraw`; `set` is kept and recorded as a custom decision from the API) and
 * `client.privacy` ({@link PrivacyControls}). One module per job: config, view, ledger, consent-mode,
 * script-blocking, storage-cleanup, cross-tab, rights.
 *
 * Privacy by default: until the visitor decides, everything but `necessary` is off (the core gate keeps
 * messages in memory); the only request is `GET /v1/config` (no cookie, no identifier) and nothing is stored.
 * Global Privacy Control is shown in `$view.gpc` and honoured by the gate, never stored as a decision.
 */
import {
  CHANNELS,
  type ChannelId,
  CONSENT_CATEGORIES,
  type ConsentAction,
  type ConsentCategoryId,
  type ConsentSource,
  type JsonObject,
} from '@matbakh/contract';
import { atom } from 'nanostores';
import type { Client } from '../client.ts';
import type { ConsentChoices } from '../consent/index.ts';
import type { Plugin } from '../plugin.ts';
import { tenantConfig } from '../tenant-config.ts';
import { deviceClass } from '../tracking/context.ts';
import { afterPaint } from '../util/after-paint.ts';
import { guard } from '../util/diagnostics.ts';
import { createConfig } from './config.ts';
import { createConsentMode } from './consent-mode.ts';
import { createCrossTab } from './cross-tab.ts';
import { endpoint } from './http.ts';
import { createLedger } from './ledger.ts';
import { createRights } from './rights.ts';
import { startScriptBlocking } from './script-blocking.ts';
import { clearStorageKeys } from './storage-cleanup.ts';
import {
  type ConsentControls,
  type ConsentView,
  type LedgerStatus,
  PERSONALIZATION_FEATURES,
  type PersonalizationFeature,
  type PrivacyControls,
} from './types.ts';
import { type DecisionMeta, metaOf, viewOf } from './view.ts';

export { type ConsentModeMapping, consentModeState, DEFAULT_CONSENT_MODE } from './consent-mode.ts';
export * from './types.ts';
export { featureEnabled, reasonOf } from './view.ts';

export interface PrivacyOptions {
  /** Google Consent Mode v2 signals when the page has gtag or a dataLayer (default true). */
  consentMode?: boolean;
  /** Runs `<script type="text/plain" data-mb-category="…">` once their category is granted (default true). */
  scriptBlocking?: boolean;
}

/** A client created with {@link privacyPlugin}. */
export type PrivacyClient = Client & { consent: Client['consent'] & ConsentControls; privacy: PrivacyControls };

/** Whether a category is granted now (explicitly; `necessary` always is). */
export const isAllowed = (client: Client, category: ConsentCategoryId): boolean =>
  client.consent.status(category) === 'granted';

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

export function privacyPlugin(options: PrivacyOptions = {}): Plugin {
  return (context) => {
    const { client, consent: gate, store, api, writeKey, diagnostics } = context;
    const status = (category: ConsentCategoryId) => gate.status(category);
    // Before anything else: Google's tags must see the default before any update (and before they fire).
    const consentMode = options.consentMode === false ? undefined : createConsentMode(status);
    const report = (where: string) => (error: unknown) => diagnostics.report(`privacy ${where}`, error);
    const safe = <A extends unknown[]>(where: string, fn: (...args: A) => void) => guard(diagnostics, where, fn);

    let ledgerStatus: LedgerStatus = 'idle';
    let unversioned = false;
    const refresh = () => $view.set(viewOf(gate.get(), config.policy, config.status, ledgerStatus));
    const onConfig = () => {
      refresh();
      if (config.status !== 'ready') return;
      if (unversioned && gate.get().id) gate.set({}, { policyVersion: config.policy!.version });
      unversioned = false;
      if (gate.get().id && config.policy?.consentMode) consentMode?.update(config.policy);
      void ledger.flush();
    };
    const shared = tenantConfig(context);
    const config = createConfig(shared.load, onConfig, report('config'));
    const $view = atom<ConsentView>(viewOf(gate.get(), undefined, 'loading', ledgerStatus));

    const ledger = createLedger({
      url: endpoint(api, '/v1/consent', writeKey),
      store,
      key: `mb.proof.${writeKey}`,
      ready: () => ready,
      policyVersion: () => config.policy?.version,
      status(next) {
        ledgerStatus = next;
        refresh();
      },
      report: report('ledger'),
    });
    // Events wait for the proof of the decision that allowed them: the server stores none without it.
    gate.hold = () => ledger.settled();

    // Until the channel opens (after the first paint), a decision is still posted: the core's storage listener
    // covers other tabs in that moment.
    let tabs: Pick<ReturnType<typeof createCrossTab>, 'post' | 'close'> = { post() {}, close() {} };
    const scripts = options.scriptBlocking === false ? undefined : startScriptBlocking((c) => status(c) === 'granted');

    /** Categories granted before the change: the ones no longer granted are cleaned up. */
    const grantedNow = () => new Set(OPTIONAL.filter((c) => status(c) === 'granted'));
    let granted = grantedNow();
    const storageKeysOf = (categories: ConsentCategoryId[]) =>
      (config.policy?.categories ?? []).filter((c) => categories.includes(c.id)).flatMap((c) => c.storageKeys);
    const unlisten = gate.onChange(
      safe('privacy consent change', () => {
        const before = granted;
        granted = grantedNow();
        const revoked = [...before].filter((c) => !granted.has(c));
        if (revoked.length) void ready.then(() => clearStorageKeys(storageKeysOf(revoked)));
        consentMode?.update(config.policy);
        scripts?.scan();
        refresh();
      }),
    );
    // A stored decision is restored: Google's tags learn it right after the default.
    if (gate.get().id) consentMode?.update();

    // The first banner renders with built-in texts: the config, the channel and resending stored proofs wait
    // until it is on screen.
    let destroyed = false;
    const start = safe('privacy start', () => {
      tabs = createCrossTab(
        writeKey,
        safe('privacy cross-tab', (message) => {
          if (message === 'erase') client.reset();
          gate.reload();
        }),
      );
      addEventListener('online', onOnline);
      void ledger.flush();
    });
    const ready = afterPaint<void>(() => {
      if (destroyed) return undefined;
      start();
      return config.load();
    });

    const decide = (
      action: ConsentAction,
      source: ConsentSource,
      choices: ConsentChoices,
      channels: Partial<Record<ChannelId, boolean>> = {},
      features: Partial<Record<PersonalizationFeature, boolean>> = {},
    ) => {
      const previous = metaOf(gate.get());
      const version = config.policy?.version;
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
      const { anonymousId, userId, userHash } = context.subject();
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
      tabs.post('consent');
    };
    const asked = () =>
      config.policy ? config.policy.categories.map((c) => c.id).filter((c) => c !== 'necessary') : OPTIONAL;

    const controls: ConsentControls & Pick<Client['consent'], 'set'> = {
      $view,
      ready,
      reload: () => config.load(),
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
      // The core's set, now with proof: a host's own consent tool decides through the API.
      set: safe('consent.set', (choices: ConsentChoices) => decide('custom', 'api', choices)),
    };
    Object.assign(client.consent, controls);

    /** Art. 17, locally: this write key's `mb.*` data (`mb.consent.<writeKey>` too) go; a new anonymous id starts. */
    const wipe = () => {
      for (const key of store.keys('mb.')) {
        if (key.endsWith(`.${writeKey}`) || key.includes(`.${writeKey}.`)) store.remove(key);
      }
      clearStorageKeys(storageKeysOf(OPTIONAL));
      ledger.clear();
      ledgerStatus = 'idle';
      gate.reload();
      client.reset();
      tabs.post('erase');
    };
    const rights = createRights(context, wipe);
    (client as PrivacyClient).privacy = { ...rights, open: safe('privacy.open', rights.open) };

    // A proof that could not be sent is retried when the browser is back online (and on the next page load).
    const onOnline = safe('privacy online', () => {
      if (config.status === 'error') void config.load();
      void ledger.flush();
    });

    const destroy = client.destroy;
    client.destroy = () => {
      destroyed = true;
      removeEventListener('online', onOnline);
      unlisten();
      tabs.close();
      scripts?.stop();
      ledger.stop();
      destroy();
    };
  };
}
