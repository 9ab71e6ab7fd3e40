import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createFakePushClient, type FakePushClientOptions } from '../../test-support/fake-push-client.ts';
import { part, text, until } from '../../test-support/harness.ts';
import type { PushOptinOutcome } from '../events/mb-push-change.ts';
import { captureLitWarnings } from '../shared/lit-warnings.ts';
import type { MbPushOptin } from './push-optin.component.ts';
import './push-optin.ts';

const litWarnings = captureLitWarnings();

/** Counts calls of the browser's own prompt: the element must never reach it except through the visitor's Allow. */
let prompts = 0;
const realRequest = Notification.requestPermission;
before(() => {
  Notification.requestPermission = async () => {
    prompts++;
    return 'default';
  };
});
after(() => {
  Notification.requestPermission = realRequest;
});

async function setup(options: FakePushClientOptions = {}, lang = 'en', offered = false) {
  const client = createFakePushClient(options);
  const el = await fixture<MbPushOptin>(
    html`<mb-push-optin lang=${lang} .client=${client} ?offered=${offered}></mb-push-optin>`,
  );
  const outcomes: PushOptinOutcome[] = [];
  el.addEventListener('mb-push-change', (e) => outcomes.push(e.detail.outcome));
  return { el, client, outcomes };
}

const shown = (el: MbPushOptin) => el.shadowRoot?.querySelector('[part=base]') ?? null;

async function offer(el: MbPushOptin) {
  el.offer();
  await el.updateComplete;
}

describe('<mb-push-optin>', () => {
  afterEach(() => expect(litWarnings).to.deep.equal([]));

  it('asks nothing on load: nothing shown, no prompt, no subscribe — until the page offers it', async () => {
    prompts = 0;
    const { el, client } = await setup();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(shown(el)).to.equal(null);
    expect(prompts).to.equal(0);
    expect(client.asked).to.deep.equal([]);
    await offer(el);
    expect(shown(el)).to.not.equal(null);
    // Offering shows the explanation; still no prompt.
    expect(prompts).to.equal(0);
    expect(client.asked).to.deep.equal([]);
  });

  it('explains first: the card says why, then Allow subscribes and says so', async () => {
    const { el, client, outcomes } = await setup();
    await offer(el);
    expect(text(part(el, 'title'))).to.equal('Allow notifications?');
    expect(text(part(el, 'why'))).to.match(/order is on its way/);
    expect(part(el, 'base')?.getAttribute('role')).to.equal('region');
    await expect(el).to.be.accessible();
    part(el, 'allow')!.click();
    await until(() => part(el, 'message') !== null, 'the answer');
    expect(client.asked).to.have.length(1);
    expect(text(part(el, 'message'))).to.equal('Notifications are on.');
    expect(outcomes).to.deep.equal(['subscribed']);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'message'), 'focus moves to the answer');
    await expect(el).to.be.accessible();
  });

  it('Not now hides the card and asks nothing', async () => {
    const { el, client, outcomes } = await setup();
    await offer(el);
    part(el, 'later')!.click();
    await el.updateComplete;
    expect(shown(el)).to.equal(null);
    expect(client.asked).to.deep.equal([]);
    expect(outcomes).to.deep.equal(['not-now']);
  });

  it('a denied permission is respected: it says how to change it and never asks again', async () => {
    prompts = 0;
    const { el, client } = await setup({ permission: 'denied' });
    await offer(el);
    expect(text(part(el, 'title'))).to.equal('Notifications are blocked');
    expect(text(part(el, 'message'))).to.match(/we will not ask again.*allow “Notifications”/);
    expect(part(el, 'allow')).to.equal(null);
    await expect(el).to.be.accessible();
    part(el, 'close')!.click();
    await offer(el);
    expect(part(el, 'allow')).to.equal(null);
    expect(client.asked).to.deep.equal([]);
    expect(prompts).to.equal(0);
  });

  it('denied in the browser prompt: the answer says so, and the next offer does not ask', async () => {
    const { el, client, outcomes } = await setup({ outcome: 'denied' });
    await offer(el);
    part(el, 'allow')!.click();
    await until(() => part(el, 'message') !== null, 'the answer');
    expect(outcomes).to.deep.equal(['denied']);
    expect(text(part(el, 'title'))).to.equal('Notifications are blocked');
    part(el, 'close')!.click();
    await offer(el);
    expect(part(el, 'allow')).to.equal(null);
    expect(client.asked).to.have.length(1);
  });

  it('without the push channel’s consent it offers the privacy center instead of the prompt', async () => {
    const { el, client } = await setup({ consent: 'unasked' });
    await offer(el);
    expect(text(part(el, 'title'))).to.equal('Notifications need your consent');
    expect(part(el, 'allow')).to.equal(null);
    let opened = 0;
    document.addEventListener('mb-privacy-open', () => opened++, { once: true });
    part(el, 'privacy')!.click();
    expect(opened).to.equal(1);
    await expect(el).to.be.accessible();
    // Granted in the privacy center: the explanation with Allow appears.
    client.grant('granted');
    await el.updateComplete;
    expect(part(el, 'allow')).to.not.equal(null);
  });

  it('a refused push channel, an unsupported browser, an existing subscription: stays hidden', async () => {
    for (const options of [
      { consent: 'refused' },
      { permission: 'unsupported' },
      { permission: 'granted', subscribed: true },
    ] as FakePushClientOptions[]) {
      const { el } = await setup(options);
      await offer(el);
      await new Promise((resolve) => setTimeout(resolve, 0));
      await el.updateComplete;
      expect(shown(el), JSON.stringify(options)).to.equal(null);
    }
  });

  it('a failure says so; a prompt closed without an answer returns to the card', async () => {
    const failing = await setup({ outcome: 'failed' });
    await offer(failing.el);
    part(failing.el, 'allow')!.click();
    await until(() => part(failing.el, 'message') !== null, 'the answer');
    expect(text(part(failing.el, 'message'))).to.match(/did not work/);
    const closed = await setup({ outcome: 'dismissed' });
    await offer(closed.el);
    part(closed.el, 'allow')!.click();
    await until(() => closed.outcomes.length === 1, 'the outcome');
    expect(closed.outcomes).to.deep.equal(['dismissed']);
    expect(part(closed.el, 'allow')).to.not.equal(null);
  });

  it('keyboard: Tab reaches Allow, Enter subscribes once even when pressed twice', async () => {
    const { el, client } = await setup({ hold: true });
    await offer(el);
    part<HTMLButtonElement>(el, 'allow')!.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' });
    client.release();
    await until(() => part(el, 'message') !== null, 'the answer');
    expect(client.asked).to.have.length(1);
  });

  it('German and Arabic (right to left), each accessible', async () => {
    const de = await setup({}, 'de', true);
    expect(text(part(de.el, 'title'))).to.equal('Benachrichtigungen erlauben?');
    expect(text(part(de.el, 'allow'))).to.equal('Erlauben');
    expect(text(part(de.el, 'later'))).to.equal('Nicht jetzt');
    const ar = await setup({}, 'ar', true);
    expect(part(ar.el, 'base')?.getAttribute('dir')).to.equal('rtl');
    expect(text(part(ar.el, 'title'))).to.equal('هل تسمح بالإشعارات؟');
    await expect(ar.el).to.be.accessible();
  });

  it('passes the page’s service worker path to subscribe', async () => {
    const client = createFakePushClient();
    const el = await fixture<MbPushOptin>(
      html`<mb-push-optin lang="en" .client=${client} service-worker="/static/matbakh-sw.js" offered></mb-push-optin>`,
    );
    part(el, 'allow')!.click();
    await until(() => client.asked.length === 1, 'subscribe');
    expect(client.asked).to.deep.equal([{ serviceWorker: '/static/matbakh-sw.js' }]);
  });
});
