import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  createFakeInboxClient,
  type FakeInboxOptions,
  sampleInboxItems,
} from '../../test-support/fake-inbox-client.ts';
import { part, parts, text } from '../../test-support/harness.ts';
import type { InboxItemOpenDetail, InboxReadDetail } from '../events/events.ts';
import { deepActiveElement } from '../shared/focus.ts';
import { captureLitWarnings } from '../shared/lit-warnings.ts';
import type { MbInbox } from './inbox.component.ts';
import './inbox.ts';

const litWarnings = captureLitWarnings();

interface Setup extends FakeInboxOptions {
  lang?: string;
  theme?: string;
}

async function setup({ lang = 'en', theme, ...options }: Setup = { items: sampleInboxItems('en') }) {
  const client = createFakeInboxClient(options);
  const el = await fixture<MbInbox>(
    html`<mb-inbox .client=${client} lang=${lang} theme=${ifDefined(theme)}></mb-inbox>`,
  );
  const reads: InboxReadDetail[] = [];
  const opens: InboxItemOpenDetail[] = [];
  el.addEventListener('mb-inbox-read', (e) => reads.push(e.detail));
  el.addEventListener('mb-inbox-item-open', (e) => opens.push(e.detail));
  // Links would navigate the test page away.
  el.addEventListener('click', (e) => e.preventDefault());
  await settle(el);
  return { el, client, reads, opens };
}

async function settle(el: MbInbox) {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
  }
}

const bell = (el: MbInbox) => part<HTMLButtonElement>(el, 'bell');
/** The bell's accessible name: its visually hidden text (the badge and the icon are hidden from readers). */
const bellName = (el: MbInbox) => text(bell(el).querySelector('.name'));

async function openPanel(el: MbInbox) {
  bell(el).click();
  await settle(el);
}

describe('<mb-inbox>', () => {
  afterEach(() => expect(litWarnings).to.deep.equal([]));

  describe('accessibility (axe)', () => {
    for (const lang of ['de', 'en', 'ar']) {
      for (const theme of ['light', 'dark', 'high-contrast']) {
        it(`open list in ${lang}, ${theme}`, async () => {
          const { el } = await setup({ lang, theme, items: sampleInboxItems(lang as 'de') });
          await expect(el).to.be.accessible();
          await openPanel(el);
          expect(parts(el, 'item')).to.have.length(3);
          await expect(el).to.be.accessible();
        });
      }
    }
    for (const status of ['loading', 'offline', 'error', 'consent'] as const) {
      it(`${status} state`, async () => {
        const { el } = await setup({ status, items: [] });
        await openPanel(el);
        expect(text(part(el, 'notice'))).to.not.equal('');
        await expect(el).to.be.accessible();
      });
    }
    it('empty state', async () => {
      const { el } = await setup({ items: [] });
      await openPanel(el);
      expect(text(part(el, 'notice'))).to.equal('No notifications. New ones appear here right away.');
      await expect(el).to.be.accessible();
    });
  });

  describe('screen reader names', () => {
    it('the bell says the unread count; the badge is decoration; the panel is a labelled dialog', async () => {
      const { el } = await setup();
      expect(bellName(el)).to.equal('Notifications, 2 unread');
      expect(bell(el).getAttribute('aria-haspopup')).to.equal('dialog');
      expect(bell(el).getAttribute('aria-expanded')).to.equal('false');
      expect(part(el, 'badge').getAttribute('aria-hidden')).to.equal('true');
      await openPanel(el);
      expect(bell(el).getAttribute('aria-expanded')).to.equal('true');
      const panel = part(el, 'panel');
      expect(panel.getAttribute('role')).to.equal('dialog');
      expect(text(el.shadowRoot!.getElementById(panel.getAttribute('aria-labelledby')!))).to.equal('Notifications');
      const unreadTitle = parts(el, 'item-title')[0]!;
      expect(text(unreadTitle)).to.equal('Unread: Far fewer orders on Tuesday');
      const markOne = part(el, 'mark-one');
      expect(text(markOne)).to.equal('Mark as read');
      const described = el.shadowRoot!.getElementById(markOne.getAttribute('aria-describedby')!);
      expect(text(described)).to.equal('Unread: Far fewer orders on Tuesday');
    });

    it('no unread: the bell is just "Notifications", without a badge', async () => {
      const { el } = await setup({ items: sampleInboxItems('en').map((i) => ({ ...i, readAt: i.createdAt })) });
      expect(bellName(el)).to.equal('Notifications');
      expect(part(el, 'badge')).to.equal(null);
    });

    it('German and Arabic names; Arabic renders right to left', async () => {
      const de = await setup({ lang: 'de', items: sampleInboxItems('de') });
      expect(bellName(de.el)).to.equal('Benachrichtigungen, 2 ungelesen');
      const ar = await setup({ lang: 'ar', items: sampleInboxItems('ar') });
      expect(bellName(ar.el)).to.equal('الإشعارات، اثنان غير مقروءين');
      expect(part(ar.el, 'base').getAttribute('dir')).to.equal('rtl');
    });

    it('announces a new item from the stream in the live region, and updates the count', async () => {
      const { el, client } = await setup();
      expect(text(part(el, 'status'))).to.equal('');
      client.push({
        id: 10,
        topic: 'health_alerts',
        title: 'Orders stopped an hour ago',
        body: 'No order since 18:00.',
        createdAt: '2025-03-04T19:00:00.000Z',
        readAt: null,
      });
      await settle(el);
      expect(part(el, 'status').getAttribute('role')).to.equal('status');
      expect(text(part(el, 'status'))).to.equal('New: Orders stopped an hour ago');
      expect(bellName(el)).to.equal('Notifications, 3 unread');
    });
  });

  describe('keyboard', () => {
    it('Enter opens and moves focus into the dialog; Escape closes and gives focus back to the bell', async () => {
      const { el } = await setup();
      bell(el).focus();
      await sendKeys({ press: 'Enter' });
      await settle(el);
      expect(el.open).to.equal(true);
      expect(deepActiveElement()).to.equal(part(el, 'title'));
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()).to.equal(part(el, 'mark-all'));
      await sendKeys({ press: 'Escape' });
      await settle(el);
      expect(el.open).to.equal(false);
      expect(part(el, 'panel').hidden).to.equal(true);
      expect(deepActiveElement()).to.equal(bell(el));
    });

    it('after "Mark as read" (which goes away) focus stays in the dialog, so Escape still closes it', async () => {
      const { el } = await setup();
      await openPanel(el);
      part(el, 'mark-one').focus();
      await sendKeys({ press: 'Enter' });
      await settle(el);
      expect(deepActiveElement(), "the next unread item's button").to.equal(part(el, 'mark-one'));
      await sendKeys({ press: 'Enter' });
      await settle(el);
      expect(deepActiveElement(), 'none left: the heading').to.equal(part(el, 'title'));
      await sendKeys({ press: 'Escape' });
      await settle(el);
      expect(el.open).to.equal(false);
      expect(deepActiveElement()).to.equal(bell(el));
    });

    it('the close button closes and returns focus; a click outside closes', async () => {
      const { el } = await setup();
      await openPanel(el);
      part(el, 'close').click();
      await settle(el);
      expect(el.open).to.equal(false);
      expect(deepActiveElement()).to.equal(bell(el));
      await openPanel(el);
      document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      await settle(el);
      expect(el.open).to.equal(false);
    });

    it('positions the panel next to the bell (floating-ui)', async () => {
      const { el } = await setup();
      await openPanel(el);
      await new Promise((resolve) => requestAnimationFrame(resolve));
      await settle(el);
      const panel = part(el, 'panel');
      expect(panel.dataset.placement).to.match(/^(bottom|top)/);
      const b = bell(el).getBoundingClientRect();
      const p = panel.getBoundingClientRect();
      expect(Math.abs(p.top - b.bottom) < 20 || Math.abs(b.top - p.bottom) < 20).to.equal(true);
    });
  });

  describe('reading', () => {
    it('marks one read: the client hears it, the event fires once, the count drops', async () => {
      const { el, client, reads } = await setup();
      await openPanel(el);
      part(el, 'mark-one').click();
      await settle(el);
      expect(client.calls.markRead).to.deep.equal([[3]]);
      expect(reads).to.deep.equal([{ ids: [3], all: false }]);
      expect(bellName(el)).to.equal('Notifications, 1 unread');
    });

    it('marks all read', async () => {
      const { el, client, reads } = await setup();
      await openPanel(el);
      part(el, 'mark-all').click();
      await settle(el);
      expect(client.calls.markAllRead).to.equal(1);
      expect(reads).to.deep.equal([{ ids: [3, 2], all: true }]);
      expect(bellName(el)).to.equal('Notifications');
      expect(part(el, 'mark-all')).to.equal(null);
    });

    it('following a link emits mb-inbox-item-open and marks the item read', async () => {
      const { el, client, opens } = await setup();
      await openPanel(el);
      const link = part<HTMLAnchorElement>(el, 'item-link');
      expect(link.href).to.equal('https://owner.example/insights');
      link.click();
      await settle(el);
      expect(opens).to.deep.equal([{ itemId: 3, url: 'https://owner.example/insights' }]);
      expect(client.calls.markRead).to.deep.equal([[3]]);
    });

    it('a javascript: or data: link is no link: the title is text', async () => {
      const items = sampleInboxItems('en');
      items[0] = { ...items[0]!, url: 'javascript:alert(1)' };
      items[1] = { ...items[1]!, url: 'data:text/html,<b>x</b>' };
      const { el } = await setup({ items });
      await openPanel(el);
      expect(parts(el, 'item-link')).to.have.length(0);
      expect(text(parts(el, 'item-title')[0])).to.include('Far fewer orders');
    });

    it('renders server text as text, never HTML', async () => {
      const items = sampleInboxItems('en');
      items[0] = { ...items[0]!, title: '<img src=x onerror=alert(1)>', body: '<b>bold</b>' };
      const { el } = await setup({ items });
      await openPanel(el);
      expect(el.shadowRoot!.querySelector('img, b')).to.equal(null);
      expect(text(parts(el, 'item-body')[0])).to.equal('<b>bold</b>');
    });

    it('programmatic changes fire no events', async () => {
      const { el, client, reads, opens } = await setup();
      el.open = true;
      await settle(el);
      await client.inbox.markAllRead();
      el.open = false;
      await settle(el);
      expect(reads).to.deep.equal([]);
      expect(opens).to.deep.equal([]);
    });

    it('retry in the error state asks the client again', async () => {
      const { el, client } = await setup({ status: 'error', items: [] });
      await openPanel(el);
      part(el, 'retry').click();
      expect(client.calls.refresh).to.equal(1);
    });
  });

  describe('lifetime', () => {
    it('listens to the inbox (which keeps the stream open) only while connected', async () => {
      const { el, client } = await setup();
      expect(client.mounted()).to.equal(true);
      el.remove();
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(client.mounted(), 'nanostores unmounts 1 s after the last listener').to.equal(false);
    });
  });
});
