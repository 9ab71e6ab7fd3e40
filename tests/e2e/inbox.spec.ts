// The in-app inbox (issue 19): an owner has <mb-inbox> open on a partner page (the SDK with the privacy and inbox
// plugins, the in-app channel granted, identified with the backend's userHash). A health alert for that owner is
// appended through the server's own path (`appendInboxItem`) by another process on the same database — this
// test's worker, as a second server instance would — and must appear in the open list within 2 s, through the
// stream (the page's EventSource), with the unread count in the bell's name.
import { expect, type Page, test } from '@playwright/test';
import { openDb } from '../../packages/server/src/db.ts';
import { appendInboxItem } from '../../packages/server/src/messaging/inbox-store.ts';
import { findByWriteKey } from '../../packages/server/src/tenants.ts';
import { API_URL, DEMO_WRITE_KEY } from './env.ts';
import { bundleEntry, inboxEntry, inboxStreamOpen, openHostPage } from './host-page.ts';

// Served at the API's origin (the stream is then same-origin, as behind a partner's reverse proxy): a page the test
// fulfils itself counts as public to Chromium's local-network rules, which block its cross-origin calls to loopback.
const HOST = `${API_URL}/e2e/inbox-host.html`;
const OWNER = 'demo_owner_inbox';
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Owner dashboard</title>
<script type="module" src="/e2e/inbox-host.js"></script></head>
<body><header><h1>Beirut Kitchen</h1><div id="bell"></div></header></body></html>`;

let script = '';
test.beforeAll(async () => {
  script = await bundleEntry(inboxEntry(DEMO_WRITE_KEY));
});

async function openOwnerPage(page: Page): Promise<string[]> {
  const errors = await openHostPage(page, { url: HOST, html: PAGE, script, tag: 'mb-inbox' });
  // The partner's backend signs the owner's id (the demo server stands in for it).
  const identity = (await (
    await fetch(`${API_URL}/v1/demo/identity?writeKey=${DEMO_WRITE_KEY}&userId=${OWNER}`)
  ).json()) as { userHash: string };
  await page.evaluate(
    ({ owner, userHash }) => {
      type Client = {
        identify(id: string, traits: object, options: { userHash: string }): void;
        consent: { save(decision: object, source: string): void };
      };
      const { client } = (window as unknown as { matbakh: { client: Client } }).matbakh;
      client.consent.save({ choices: { preferences: true }, channels: { in_app: true } }, 'banner');
      client.identify(owner, {}, { userHash });
      const inbox = document.createElement('mb-inbox');
      inbox.setAttribute('lang', 'en');
      document.querySelector('#bell')!.append(inbox);
    },
    { owner: OWNER, userHash: identity.userHash },
  );
  return errors;
}

test("an owner's health alert appears in an open <mb-inbox> within 2 s via the stream", async ({ page }) => {
  const errors = await openOwnerPage(page);
  const bell = page.getByRole('button', { name: 'Notifications', exact: true });
  await bell.click();
  const dialog = page.getByRole('dialog', { name: 'Notifications' });
  await expect(dialog.getByText('No notifications.')).toBeVisible();
  // The stream is open (EventSource onopen) before the alert is sent.
  await inboxStreamOpen(page);

  const db = await openDb(process.env.MB_E2E_DB!);
  try {
    const tenant = await findByWriteKey(db, DEMO_WRITE_KEY);
    if (!tenant) throw new Error('the demo tenant is missing');
    const sent = Date.now();
    const item = await appendInboxItem(db, {
      tenantId: tenant.id,
      recipient: `u:${OWNER}`,
      topic: 'health_alerts',
      title: 'Far fewer orders on Tuesday',
      body: 'Orders fell 40% against your usual Tuesday.',
      url: 'https://owner.example/insights',
      createdAt: new Date(sent).toISOString(),
    });
    await expect(dialog.getByRole('link', { name: 'Far fewer orders on Tuesday' })).toBeVisible({ timeout: 2000 });
    const took = Date.now() - sent;
    expect(took).toBeLessThan(2000);
    await expect(page.getByRole('button', { name: 'Notifications, 1 unread' })).toBeVisible();
    test.info().annotations.push({ type: 'stream delivery', description: `${took} ms (item ${item.id})` });

    // Marked read from the list: the bell's count goes, and the server has it read.
    await dialog.getByRole('button', { name: 'Mark as read' }).click();
    await expect(page.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();
    await expect
      .poll(
        async () =>
          (await db.get<{ read_at: string | null }>('SELECT read_at FROM inbox_items WHERE id = ?', [item.id]))
            ?.read_at,
      )
      .not.toBeNull();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(bell).toBeFocused();
  } finally {
    await db.close();
  }
  expect(errors).toEqual([]);
});
