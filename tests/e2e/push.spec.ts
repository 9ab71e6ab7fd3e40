// Web Push in real Chromium (issue 19): the built matbakh-sw.js, served at the partner's origin like a partner
// hosts it, registered by the page; a push message delivered to it through the DevTools protocol (headless
// Chromium has no push service to subscribe with) is decrypted by the browser and dispatched as a real push event:
// the worker shows the notification, with the link sanitised, which the page then reads back.
import { type CDPSession, expect, type Page, test } from '@playwright/test';
import { FIXTURE_URL } from './fixtures/env.ts';

const PAGE = `${FIXTURE_URL}/fixtures/push.html`;

interface Shown {
  title: string;
  body: string;
  tag: string;
  data: { url?: string; deliveryId?: number };
}

async function registerWorker(page: Page): Promise<string> {
  return page.evaluate(async (api) => {
    const url = `/matbakh-sw.js?api=${encodeURIComponent(api)}&writeKey=pk_demo_partner_site`;
    const registration = await navigator.serviceWorker.register(url);
    const { active } = await navigator.serviceWorker.ready;
    // `ready` resolves while the worker may still be activating (it claims its clients first); a push delivered
    // then can be lost, so the test waits for the state a real push service would find.
    if (active && active.state !== 'activated') {
      await new Promise<void>((resolve) => {
        const check = () => {
          if (active.state !== 'activated') return;
          active.removeEventListener('statechange', check);
          resolve();
        };
        active.addEventListener('statechange', check);
        check();
      });
    }
    return registration.scope;
  }, FIXTURE_URL);
}

async function registrationId(session: CDPSession): Promise<string> {
  const found = new Promise<string>((resolve) => {
    session.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r: { scopeURL: string }) => r.scopeURL === `${FIXTURE_URL}/`);
      if (ours) resolve(ours.registrationId);
    });
  });
  await session.send('ServiceWorker.enable');
  return found;
}

const notifications = (page: Page) =>
  page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      data: n.data,
    }));
  });

test('matbakh-sw.js shows a pushed message as a notification, its link sanitised', async ({ page, context }) => {
  await context.grantPermissions(['notifications'], { origin: FIXTURE_URL });
  await page.goto(PAGE);
  expect(await registerWorker(page)).toBe(`${FIXTURE_URL}/`);
  const session = await context.newCDPSession(page);
  const id = await registrationId(session);

  const push = (payload: object) =>
    session.send('ServiceWorker.deliverPushMessage', {
      origin: FIXTURE_URL,
      registrationId: id,
      data: JSON.stringify(payload),
    });
  await push({
    title: 'Ihr Essen ist unterwegs',
    body: 'Noch 10 Minuten',
    url: '/orders/7',
    deliveryId: 42,
    tag: 'c1',
  });
  await expect.poll(() => notifications(page)).toHaveLength(1);
  const expected: Shown = {
    title: 'Ihr Essen ist unterwegs',
    body: 'Noch 10 Minuten',
    tag: 'c1',
    data: { deliveryId: 42, url: `${FIXTURE_URL}/orders/7` },
  };
  expect((await notifications(page))[0]).toEqual(expected);

  // A hostile link is dropped; the same tag replaces the earlier notification instead of stacking.
  await push({ title: 'Angebot', body: 'Heute', url: 'javascript:alert(1)', deliveryId: 43, tag: 'c1' });
  await expect.poll(async () => (await notifications(page))[0]?.title).toBe('Angebot');
  const [shown] = await notifications(page);
  expect(shown?.data).toEqual({ deliveryId: 43 });
  expect(await notifications(page)).toHaveLength(1);
});
