/**
 * The two consent widgets against the real SDK: `createClient({ plugins: [privacyPlugin()] })` talking to the
 * msw mocks of the HTTP API (packages/mocks), not the fake client. One journey, end to end.
 */
import { createClient } from '@matbakh/sdk';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { type PrivacyClient, privacyPlugin } from '../../../sdk/src/privacy/index.ts';
import { useMockApi } from '../../test-support/mock-api.ts';
import type { MbPrivacyCenter } from '../privacy-center/privacy-center.component.ts';
import type { ConsentChangeDetail } from '../shared/consent-events.ts';
import '../privacy-center/privacy-center.ts';
import type { MbConsentBanner } from './consent-banner.component.ts';
import './consent-banner.ts';
import { animationsDone, part, text } from '../../test-support/harness.ts';

const API = 'http://api.matbakh.test';
const api = useMockApi({ base: API });

async function until(condition: () => boolean, what: string, timeoutMs = 4000) {
  const end = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('consent widgets with the real SDK (privacyPlugin + msw mocks)', () => {
  let client: PrivacyClient;
  beforeEach(() => {
    localStorage.clear();
    api.reset();
    client = createClient({
      writeKey: 'pk_test_widgets',
      api: API,
      flushInterval: 40,
      plugins: [privacyPlugin({ consentMode: false, scriptBlocking: false })],
    }) as PrivacyClient;
  });
  afterEach(() => {
    client.destroy();
    localStorage.clear();
  });

  it('asks, records the decision in the ledger, shows it in the privacy center, exports and erases', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <mb-consent-banner lang="en" .client=${client}></mb-consent-banner>
      <mb-privacy-center lang="en" mode="dialog" listen .client=${client}></mb-privacy-center>
    </div>`);
    const banner = page.querySelector<MbConsentBanner>('mb-consent-banner')!;
    const center = page.querySelector<MbPrivacyCenter>('mb-privacy-center')!;

    // First visit: the policy arrives from GET /v1/config, the banner asks.
    await client.consent.ready;
    await banner.updateComplete;
    expect(banner.visible).to.equal(true);
    expect(text(part(banner, 'reason'))).to.match(/^Welcome!/);
    await animationsDone(banner);
    await expect(banner).to.be.accessible();

    // Customize → Analytics on → Save choices.
    part(banner, 'customize')!.click();
    await banner.updateComplete;
    banner.shadowRoot!.querySelector<HTMLInputElement>('#switch-analytics')!.click();
    const changed = oneEvent(banner, 'mb-consent-change');
    part(banner, 'save')!.click();
    const detail = ((await changed) as CustomEvent<ConsentChangeDetail>).detail;
    expect(detail).to.deep.include({ action: 'custom', source: 'banner' });
    expect(client.consent.status('analytics')).to.equal('granted');
    expect(client.consent.status('marketing')).to.equal('denied');
    await banner.updateComplete;
    expect(banner.visible).to.equal(false);

    // The proof reaches POST /v1/consent; tracking flows now that analytics is granted.
    await until(() => client.consent.$view.get().ledger === 'saved', 'the proof of consent');
    expect(api.requests.some((r) => r.method === 'POST' && r.path === '/v1/consent' && r.status < 300)).to.equal(true);
    client.track('Menu Viewed', { dish: 'Falafel' });
    await client.flush();
    await until(() => api.messages().some((m) => m.type === 'track' && m.event === 'Menu Viewed'), 'the event');

    // client.privacy.open() → the listening dialog opens and shows what the server holds, as text.
    client.privacy.open();
    await center.updateComplete;
    expect(center.open).to.equal(true);
    await until(() => !!part(center, 'events') && !!part(center, 'history'), 'the export and the ledger');
    // The spec name, in the visitor's language (the page is English here).
    expect(text(part(center, 'events'))).to.contain('Menu viewed');
    expect(text(part(center, 'history'))).to.match(/^You chose Analytics on .* \(policy v1, from the banner\)\.$/);
    const analytics = center.shadowRoot!.querySelector<HTMLInputElement>('#category-analytics')!;
    expect(analytics.checked).to.equal(true);
    // Judged once the dialog's entrance animation (opacity) has ended.
    await animationsDone(center);
    await expect(center).to.be.accessible();

    // A switch in the center takes effect at once.
    analytics.click();
    expect(client.consent.status('analytics')).to.equal('denied');

    // Erase, confirmed: the server erases, the device forgets the decision, the banner asks again.
    part(center, 'erase')!.click();
    await center.updateComplete;
    const erased = oneEvent(center, 'mb-privacy-erase');
    part(center, 'confirm-erase')!.click();
    const result = (await erased) as CustomEvent<{ erased: { events: number } }>;
    expect(result.detail.erased.events).to.be.greaterThan(0);
    await center.updateComplete;
    expect(text(part(center, 'result'))).to.match(/^Your data was erased/);
    await banner.updateComplete;
    expect(banner.visible).to.equal(true);
  });
});
