import { expect } from '@esm-bundle/chai';
import { cleanup, mockApi, sleep, until } from './helpers.ts';
import { privacyClient, saved } from './privacy-helpers.ts';

const FIXTURE = new URL('./fixtures/privacy-script.js', import.meta.url).href;
type RanWindow = Window & { __mbRan?: string[] };
const ran = () => (window as RanWindow).__mbRan ?? [];
const BLOCKED = 'script[type="text/plain"][data-mb-category]';

const added: Element[] = [];
/** A host script blocked until `category` is granted: `src` (with ?id=) or inline code. */
function blocked(
  category: string,
  script: { id: string; src?: boolean; nonce?: string; code?: string; attrs?: Record<string, string> },
) {
  const el = document.createElement('script');
  el.type = 'text/plain';
  el.dataset.mbCategory = category;
  for (const [name, value] of Object.entries(script.attrs ?? {})) el.setAttribute(name, value);
  if (script.src) el.src = `${FIXTURE}?id=${script.id}`;
  else {
    el.text =
      script.code ??
      `window.__mbRan = window.__mbRan || []; window.__mbRan.push(['${script.id}', document.currentScript.nonce, document.querySelectorAll('${BLOCKED}').length].join(':'));`;
  }
  document.body.append(el);
  if (script.nonce !== undefined) {
    // As after the browser hid it (CSP): the attribute reads back empty, the property keeps the nonce.
    el.setAttribute('nonce', '');
    el.nonce = script.nonce;
  }
  added.push(el);
  return el;
}

describe('script blocking', () => {
  beforeEach(async () => {
    await mockApi();
  });
  afterEach(() => {
    for (const el of added.splice(0)) el.remove();
    for (const el of document.querySelectorAll('script[data-test]')) el.remove();
    delete (window as RanWindow).__mbRan;
    cleanup();
  });

  it('runs nothing before the grant, then all in document order, each src script loaded before the next', async () => {
    blocked('analytics', { id: 'a', src: true, nonce: 'n0nce', attrs: { 'data-test': 'a', 'data-extra': 'kept' } });
    blocked('analytics', { id: 'b', nonce: 'n0nce', attrs: { 'data-test': 'b' } });
    blocked('analytics', { id: 'c', src: true, attrs: { 'data-test': 'c' } });
    blocked('marketing', { id: 'm', attrs: { 'data-test': 'm' } });
    const client = privacyClient();
    await client.consent.ready;
    await sleep(100);
    expect(ran()).to.deep.equal([]);
    expect(document.querySelectorAll(BLOCKED)).to.have.length(4);

    client.consent.save({ choices: { analytics: true } }, 'banner');
    await until(() => ran().length === 3, 'three analytics scripts');
    // id:nonce:blocked scripts still waiting when it ran
    expect(ran()).to.deep.equal(['a:n0nce:3', 'b:n0nce:2', 'c::1']);
    const a = document.querySelector<HTMLScriptElement>('script[data-test="a"]')!;
    expect(a.getAttribute('type')).to.equal(null);
    expect(a.hasAttribute('data-mb-category')).to.equal(false);
    expect(a.getAttribute('data-extra')).to.equal('kept');
    expect(a.src).to.equal(`${FIXTURE}?id=a`);
    expect(a.nonce).to.equal('n0nce');

    await sleep(100);
    expect(ran()).to.have.length(3);
    client.consent.save({ choices: { marketing: true } }, 'banner');
    await until(() => ran().length === 4, 'the marketing script');
    expect(ran()[3]).to.equal('m::0');
    await saved(client);
  });

  it('never runs a script twice: not on a second grant, not for a second client', async () => {
    blocked('analytics', { id: 'once', src: true });
    blocked('analytics', { id: 'inline-once' });
    const client = privacyClient();
    client.consent.acceptAll('banner');
    await until(() => ran().length === 2, 'both scripts');
    client.consent.rejectAll('banner');
    client.consent.acceptAll('banner');
    const other = privacyClient();
    other.consent.acceptAll('center');
    await sleep(200);
    expect(ran().map((entry) => entry.split(':')[0])).to.deep.equal(['once', 'inline-once']);
    await saved(other);
  });

  it('a script added after start waits for its category; once granted, a new one runs right away', async () => {
    const client = privacyClient();
    await client.consent.ready;
    blocked('personalization', { id: 'late', src: true });
    await sleep(100);
    expect(ran()).to.deep.equal([]);
    client.consent.save({ choices: { personalization: true } }, 'center');
    await until(() => ran().length === 1, 'the late script');
    blocked('personalization', { id: 'later' });
    await until(() => ran().length === 2, 'the script added after the grant');
    blocked('analytics personalization', { id: 'both' });
    await sleep(100);
    expect(ran().map((entry) => entry.split(':')[0])).to.deep.equal(['late', 'later']);
    await saved(client);
  });

  it('necessary scripts run at once; data-mb-type sets the type; switched off, nothing is touched', async () => {
    const module = blocked('necessary', {
      id: 'mod',
      // Module scripts have no document.currentScript.
      code: "(window.__mbRan = window.__mbRan || []).push('mod:' + import.meta.url.length);",
      attrs: { 'data-mb-type': 'module', 'data-test': 'mod' },
    });
    expect(module.type).to.equal('text/plain');
    const client = privacyClient();
    await until(() => ran().length === 1, 'the necessary module script');
    expect(document.querySelector<HTMLScriptElement>('script[data-test="mod"]')!.type).to.equal('module');
    client.destroy();

    blocked('necessary', { id: 'off' });
    privacyClient({}, { scriptBlocking: false });
    await sleep(100);
    expect(ran()).to.have.length(1);
  });
});
