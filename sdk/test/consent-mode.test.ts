import { expect } from '@esm-bundle/chai';
import { cleanup, type MockApi, mockApi, sleep } from './helpers.ts';
import { ALL_GRANTED, privacyClient, saved, storeDecision, withPolicy } from './privacy-helpers.ts';

type GoogleWindow = Window & { gtag?: unknown; dataLayer?: unknown[] };
const page = window as GoogleWindow;

const DENIED = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'denied',
  personalization_storage: 'denied',
  security_storage: 'granted',
};
const GRANTED = {
  ad_storage: 'granted',
  ad_user_data: 'granted',
  ad_personalization: 'granted',
  analytics_storage: 'granted',
  functionality_storage: 'granted',
  personalization_storage: 'granted',
  security_storage: 'granted',
};

/** What reached dataLayer, each entry as an array (gtag.js pushes Arguments objects). */
const commands = () => (page.dataLayer ?? []).map((entry) => Array.from(entry as ArrayLike<unknown>));
const isArguments = (value: unknown) => Object.prototype.toString.call(value) === '[object Arguments]';

describe('Google Consent Mode v2', () => {
  let api: MockApi;
  beforeEach(async () => {
    api = await mockApi();
  });
  afterEach(() => {
    delete page.gtag;
    delete page.dataLayer;
    cleanup();
  });

  it('with a dataLayer: default (denied, wait_for_update) at start as Arguments objects, update on each change', async () => {
    page.dataLayer = [];
    const client = privacyClient();
    expect(commands()).to.deep.equal([['consent', 'default', { ...DENIED, wait_for_update: 500 }]]);
    expect(isArguments(page.dataLayer[0])).to.equal(true);
    await client.consent.ready;
    await sleep(20);
    expect(commands()).to.have.length(1);

    client.consent.acceptAll('banner');
    expect(commands()[1]).to.deep.equal(['consent', 'update', GRANTED]);
    expect(isArguments(page.dataLayer[1])).to.equal(true);
    client.consent.rejectAll('banner');
    expect(commands()[2]).to.deep.equal(['consent', 'update', DENIED]);
    await saved(client);
  });

  it('maps categories: ads need marketing, ad personalization also personalization; security always granted', async () => {
    page.dataLayer = [];
    const client = privacyClient();
    client.consent.save(
      { choices: { marketing: true, personalization: false, analytics: true, preferences: false } },
      'center',
    );
    expect(commands().at(-1)).to.deep.equal([
      'consent',
      'update',
      {
        ad_storage: 'granted',
        ad_user_data: 'granted',
        ad_personalization: 'denied',
        analytics_storage: 'granted',
        functionality_storage: 'denied',
        personalization_storage: 'denied',
        security_storage: 'granted',
      },
    ]);
    client.consent.save({ choices: { personalization: true, preferences: true, marketing: false } }, 'center');
    expect(commands().at(-1)![2]).to.deep.include({
      ad_storage: 'denied',
      ad_personalization: 'denied',
      functionality_storage: 'granted',
      personalization_storage: 'granted',
    });
    await saved(client);
  });

  it('with gtag: calls gtag itself, default first, then update when a stored decision is restored', async () => {
    const calls: unknown[][] = [];
    page.gtag = (...args: unknown[]) => calls.push(args);
    page.dataLayer = [];
    storeDecision(ALL_GRANTED, { policyVersion: 1, action: 'accept_all' });
    const client = privacyClient();
    expect(calls).to.deep.equal([
      ['consent', 'default', { ...DENIED, wait_for_update: 500 }],
      ['consent', 'update', GRANTED],
    ]);
    expect(page.dataLayer).to.deep.equal([]);
    client.consent.withdraw('center');
    expect(calls[2]).to.deep.equal(['consent', 'update', DENIED]);
    await saved(client);
  });

  it("the tenant's policy.consentMode overrides the mapping once loaded", async () => {
    page.dataLayer = [];
    api.setConfig(withPolicy({ consentMode: { analytics_storage: ['analytics', 'preferences'] } }));
    storeDecision({ ...ALL_GRANTED, preferences: false }, { policyVersion: 1 });
    const client = privacyClient();
    expect(commands()[1]![2]).to.deep.include({ analytics_storage: 'granted' });
    await client.consent.ready;
    expect(commands()).to.have.length(3);
    expect(commands()[2]).to.deep.equal([
      'consent',
      'update',
      { ...GRANTED, analytics_storage: 'denied', functionality_storage: 'denied' },
    ]);
  });

  it('does nothing without gtag and dataLayer, and nothing when switched off', async () => {
    const client = privacyClient();
    client.consent.acceptAll('banner');
    expect(page.dataLayer).to.equal(undefined);
    await saved(client);
    cleanup();

    page.dataLayer = [];
    const off = privacyClient({}, { consentMode: false });
    off.consent.acceptAll('banner');
    expect(page.dataLayer).to.deep.equal([]);
    await saved(off);
  });
});
