import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { createFakeActionsClient, SAMPLE_ACTIONS } from '../../test-support/fake-actions-client.ts';
import { deepActiveElement } from '../shared/focus.ts';
import { captureLitWarnings } from '../shared/lit-warnings.ts';
import type { ActionEventDetail } from './actions-client.ts';
import type { MbNextBestAction } from './next-best-action.component.ts';
import './next-best-action.ts';
import { part } from '../../test-support/harness.ts';

const litWarnings = captureLitWarnings();

async function setup(anchor?: string) {
  const client = createFakeActionsClient([...SAMPLE_ACTIONS]);
  const el = await fixture<MbNextBestAction>(
    anchor
      ? html`<div style="padding:200px"><button id="target">Target</button><mb-next-best-action lang="en" .client=${client} placement="home" anchor=${anchor}></mb-next-best-action></div>`
      : html`<mb-next-best-action lang="en" .client=${client} placement="home"></mb-next-best-action>`,
  ).then((node) => (node.tagName === 'DIV' ? (node.querySelector('mb-next-best-action') as MbNextBestAction) : node));
  const events = {
    accept: [] as ActionEventDetail[],
    dismiss: [] as ActionEventDetail[],
    snooze: [] as ActionEventDetail[],
  };
  for (const name of ['accept', 'dismiss', 'snooze'] as const) {
    el.addEventListener(`mb-action-${name}`, (e) => events[name].push((e as CustomEvent<ActionEventDetail>).detail));
  }
  await el.updateComplete;
  return { el, client, events };
}

describe('<mb-next-best-action>', () => {
  before(() => setViewport({ width: 800, height: 600 }));

  it('is accessible', async () => {
    const { el } = await setup();
    await expect(el).to.be.accessible();
  });

  it('shows the top action with title, body, why line and buttons, recorded as shown once', async () => {
    const { el, client } = await setup();
    expect(part(el, 'title')?.textContent).to.equal('The usual?');
    expect(part(el, 'reason')?.textContent?.trim()).to.equal('Why? You ordered 3 times in 30 days.');
    expect(part(el, 'snooze')?.textContent).to.equal('Remind me later');
    expect(part(el, 'base')?.getAttribute('role')).to.equal('region');
    el.requestUpdate();
    await el.updateComplete;
    expect(client.recorded).to.deep.equal([{ id: 'guest-reorder', outcome: 'shown' }]);
  });

  it('accept, snooze and dismiss record through the client and emit their event exactly once', async () => {
    const { el, client, events } = await setup();
    part(el, 'cta')?.click();
    await el.updateComplete;
    expect(events.accept).to.deep.equal([{ actionId: 'guest-reorder', placement: 'home' }]);
    expect(part(el, 'title')?.textContent).to.equal('matbakh Pro');
    const link = part(el, 'cta') as HTMLAnchorElement;
    expect(link.href).to.equal('https://matbakh.app/pro');
    part(el, 'snooze')?.click();
    await el.updateComplete;
    expect(events.snooze).to.deep.equal([{ actionId: 'owner-pro-upsell', placement: 'home' }]);
    expect(events.dismiss).to.deep.equal([]);
    expect(client.recorded.map((r) => `${r.id}:${r.outcome}`)).to.deep.equal([
      'guest-reorder:shown',
      'guest-reorder:accepted',
      'owner-pro-upsell:shown',
      'owner-pro-upsell:snoozed',
    ]);
    expect(client.recorded[3]?.options).to.deep.equal({ snoozeHours: 24 });
    expect(el.hidden).to.equal(true);
  });

  it('renders nothing when no action is eligible, and fires no event on programmatic changes', async () => {
    const { el, client, events } = await setup();
    client.setActions([]);
    await el.updateComplete;
    el.placement = 'menu';
    await el.updateComplete;
    expect(part(el, 'base')).to.equal(null);
    expect(el.hidden).to.equal(true);
    expect([...events.accept, ...events.dismiss, ...events.snooze]).to.have.length(0);
  });

  it('drops non-http(s) CTA links', async () => {
    const client = createFakeActionsClient([
      { ...SAMPLE_ACTIONS[1]!, cta: { label: { en: 'x' }, url: 'javascript:alert(1)' } },
    ]);
    const el = await fixture<MbNextBestAction>(
      html`<mb-next-best-action lang="en" .client=${client}></mb-next-best-action>`,
    );
    expect(part(el, 'cta')?.tagName).to.equal('BUTTON');
  });

  it('anchored: floats beside its anchor as a non-modal dialog; Escape snoozes and focus returns', async () => {
    const { el, events } = await setup('#target');
    const base = part(el, 'base') as HTMLElement;
    expect(base.getAttribute('role')).to.equal('dialog');
    expect(base.getAttribute('aria-modal')).to.equal('false');
    for (let i = 0; i < 60 && !base.hasAttribute('data-placement'); i++) await new Promise(requestAnimationFrame);
    const target = document.getElementById('target') as HTMLElement;
    expect(Math.round(base.getBoundingClientRect().top)).to.be.greaterThan(
      Math.round(target.getBoundingClientRect().bottom),
    );
    await expect(el).to.be.accessible();
    (part(el, 'dismiss') as HTMLElement).focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(events.snooze).to.have.length(1);
    // The next action took its place: focus stays in the widget, on its first button.
    expect(deepActiveElement()).to.equal(part(el, 'cta'));
    part(el, 'dismiss')?.focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(deepActiveElement()).to.equal(target);
  });

  it('issued no Lit dev warnings', () => {
    expect(litWarnings).to.deep.equal([]);
  });
});
