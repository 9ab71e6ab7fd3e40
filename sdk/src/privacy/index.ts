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
 * `client.privacy` ({@link PrivacyControls}), through the plugin host (the plugin never touches the client). One
 * module per job: config, view, decisions, ledger, consent-mode, script-blocking, storage-cleanup, cross-tab, rights.
 *
 * Privacy by default: until the visitor decides, everything but `necessary` is off (the core gate keeps
 * messages in memory); the only request is `GET /v1/config` (no cookie, no identifier) and nothing is stored.
 * Global Privacy Control is shown in `$view.gpc` and honoured by the gate, never stored as a decision.
 */
import { CONSENT_CATEGORIES, type ConsentCategoryId } from '@matbakh/contract';
import { atom } from 'nanostores';
import { definePlugin } from '../plugin/define.ts';
import type { PluginContext } from '../plugin/types.ts';
import type { Client } from '../types.ts';
import { afterPaint } from '../util/after-paint.ts';
import { createConfig } from './config.ts';
import { createConsentMode } from './consent-mode.ts';
import { createCrossTab } from './cross-tab.ts';
import { createDecisions } from './decisions.ts';
import { createLedger } from './ledger.ts';
import { createRights } from './rights.ts';
import { startScriptBlocking } from './script-blocking.ts';
import { clearStorageKeys } from './storage-cleanup.ts';
import type { ConsentControls, ConsentView, LedgerStatus, PrivacyControls } from './types.ts';
import { viewOf } from './view.ts';

export { type ConsentModeMapping, consentModeState, DEFAULT_CONSENT_MODE } from './consent-mode.ts';
export * from './types.ts';
export { featureEnabled, reasonOf } from './view.ts';

export interface PrivacyOptions {
  /** Google Consent Mode v2 signals when the page has gtag or a dataLayer (default true). */
  consentMode?: boolean;
  /** Runs `<script type="text/plain" data-mb-category="…">` once their category is granted (default true). */
  scriptBlocking?: boolean;
}

declare module '../plugin/types.ts' {
  interface PluginApis {
    privacy: PrivacyControls;
  }
}

/** A client created with {@link privacyPlugin}. */
export type PrivacyClient = Client & { consent: Client['consent'] & ConsentControls; privacy: PrivacyControls };

/** Whether a category is granted now (explicitly; `necessary` always is). */
export const isAllowed = (client: Client, category: ConsentCategoryId): boolean =>
  client.consent.status(category) === 'granted';

const OPTIONAL = CONSENT_CATEGORIES.filter((c) => c !== 'necessary');

/** The cross-tab channel (see {@link afterFirstPaint}). */
type Tabs = Pick<ReturnType<typeof createCrossTab>, 'post' | 'close'>;

// Long because: one plugin's setup wiring its parts (policy, decisions, ledger, script release, tabs) to the consent
// view; each part is its own module.
export const privacyPlugin = (options: PrivacyOptions = {}) =>
  definePlugin({
    name: 'privacy',
    setup(ctx) {
      const { consent: gate, store, writeKey } = ctx;
      const status = (category: ConsentCategoryId) => gate.status(category);
      // Before anything else: Google's tags must see the default before any update (and before they fire).
      const consentMode = options.consentMode === false ? undefined : createConsentMode(status);
      const report = (where: string) => (error: unknown) => ctx.diagnostics.report(`privacy ${where}`, error);

      let ledgerStatus: LedgerStatus = 'idle';
      const refresh = () => $view.set(viewOf(gate.get(), config.policy, config.status, ledgerStatus));
      const onConfig = () => {
        refresh();
        if (config.status !== 'ready') return;
        decisions.versionKnown(config.policy!.version);
        if (gate.get().id && config.policy?.consentMode) consentMode?.update(config.policy);
        void ledger.flush();
      };
      const config = createConfig(ctx.config.load, onConfig, report('config'));
      const $view = atom<ConsentView>(viewOf(gate.get(), undefined, 'loading', ledgerStatus));
      const ledger = createLedger({
        post: (proof) => ctx.http.request('POST', '/v1/consent', { body: proof, proof: true }),
        store,
        key: `mb.proof.${writeKey}`,
        ready: () => later.ready,
        policyVersion: () => config.policy?.version,
        status(next) {
          ledgerStatus = next;
          refresh();
        },
        report: report('ledger'),
      });
      // Events wait for the proof of the decision that allowed them: the server stores none without it. A proof
      // still waiting (e.g. it failed offline) goes first: the core's `online` listener may run before ours.
      gate.hold = () => (ledger.pending() ? ledger.flush() : ledger.settled());

      const scripts =
        options.scriptBlocking === false ? undefined : startScriptBlocking((c) => status(c) === 'granted');
      const storageKeysOf = (categories: ConsentCategoryId[]) =>
        (config.policy?.categories ?? []).filter((c) => categories.includes(c.id)).flatMap((c) => c.storageKeys);
      const onConsent = revocationCleaner(status, (revoked) => {
        if (revoked.length) void ready.then(() => clearStorageKeys(storageKeysOf(revoked)));
        consentMode?.update(config.policy);
        scripts?.scan();
        refresh();
      });
      // A stored decision is restored: Google's tags learn it right after the default.
      if (gate.get().id) consentMode?.update();

      // The first banner renders with built-in texts: the config, the channel and resending stored proofs wait
      // until it is on screen.
      const later = afterFirstPaint(ctx, config, ledger);
      const { ready } = later;
      const tabs = () => later.tabs();

      const decisions = createDecisions({ ctx, ledger, policy: () => config.policy, tabs });
      const wipe = () => {
        wipeLocal(ctx, storageKeysOf(OPTIONAL));
        ledger.clear();
        ledgerStatus = 'idle';
        gate.reload();
        ctx.reset();
        tabs().post('erase');
      };
      const rights = createRights(ctx, wipe);
      const controls: ConsentControls = {
        ...decisions.controls,
        $view,
        ready,
        reload: () => config.load(),
      };
      const destroy = () => {
        later.stop();
        scripts?.stop();
        ledger.stop();
      };
      return {
        api: { ...rights, open: ctx.guard('privacy.open', rights.open) },
        consent: { ...controls, set: decisions.set },
        on: { consent: onConsent, destroy },
      };
    },
  });

/**
 * What waits for the first paint: the cross-tab channel (until it opens, a decision is posted to nobody: the core's
 * storage listener covers other tabs), the retry on `online`, resending stored proofs and loading the config.
 * `ready` settles once the config is loaded or failed.
 */
function afterFirstPaint(
  ctx: PluginContext,
  config: ReturnType<typeof createConfig>,
  ledger: ReturnType<typeof createLedger>,
) {
  let tabs: Tabs = { post() {}, close() {} };
  let stopped = false;
  // A proof that could not be sent is retried when the browser is back online (and on the next page load).
  const onOnline = ctx.guard('privacy online', () => {
    if (config.status === 'error') void config.load();
    void ledger.flush();
  });
  const start = ctx.guard('privacy start', () => {
    tabs = createCrossTab(
      ctx.writeKey,
      ctx.guard('privacy cross-tab', (message) => {
        if (message === 'erase') ctx.reset();
        ctx.consent.reload();
      }),
    );
    addEventListener('online', onOnline);
    void ledger.flush();
  });
  const ready = afterPaint<void>(() => {
    if (stopped) return undefined;
    start();
    return config.load();
  });
  return {
    ready,
    tabs: () => tabs,
    stop() {
      stopped = true;
      removeEventListener('online', onOnline);
      tabs.close();
    },
  };
}

/** Calls `changed` with the categories no longer granted since the last change (their storage is cleaned up). */
function revocationCleaner(
  status: (category: ConsentCategoryId) => string,
  changed: (revoked: ConsentCategoryId[]) => void,
) {
  const grantedNow = () => new Set(OPTIONAL.filter((c) => status(c) === 'granted'));
  let granted = grantedNow();
  return () => {
    const before = granted;
    granted = grantedNow();
    changed([...before].filter((c) => !granted.has(c)));
  };
}

/** Art. 17, locally: this write key's `mb.*` data (`mb.consent.<writeKey>` too) and the policy's storage keys go. */
function wipeLocal({ store, writeKey }: PluginContext, storageKeys: string[]) {
  for (const key of store.keys('mb.')) {
    if (key.endsWith(`.${writeKey}`) || key.includes(`.${writeKey}.`)) store.remove(key);
  }
  clearStorageKeys(storageKeys);
}
