// A new tenant configures itself through the admin API (issue 16): its own privacy-policy link and German banner
// text, published, then shown on its page; its starter welcome tour works without any set-up.

import { createTenant, DEMO_ORIGINS, openDb } from '@matbakh/server';
import { expect, test } from '@playwright/test';
import { API_URL } from './env.ts';
import { FIXTURE_URL } from './fixtures/env.ts';

const WRITE_KEY = 'pk_e2e_new_tenant';
const POLICY_URL = 'https://beirut-kitchen.example/datenschutz';
const BANNER_TEXT = 'Beirut Kitchen speichert nur, was Sie erlauben.';

/** `npm run tenant:create` for this run's database: the admin key is shown once, on creation. */
async function newTenantAdminKey(): Promise<string> {
  const db = await openDb(process.env.MB_E2E_DB!);
  try {
    const tenant = await createTenant(db, { name: 'Beirut Kitchen', origins: DEMO_ORIGINS, writeKey: WRITE_KEY });
    if (!tenant.adminKey) throw new Error('the tenant existed before this run: no admin key to use');
    return tenant.adminKey;
  } finally {
    await db.close();
  }
}

test('a new tenant sets its privacy-policy link and German banner text through the API; its page shows them', async ({
  page,
}) => {
  const adminKey = await newTenantAdminKey();
  const admin = (method: string, path: string, body: unknown) =>
    fetch(`${API_URL}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const patched = await admin('PATCH', '/v1/admin/config/draft/consent', {
    privacyPolicyUrl: POLICY_URL,
    texts: { de: { 'banner.text': BANNER_TEXT } },
  });
  expect(patched.status).toBe(200);
  expect((await admin('POST', '/v1/admin/config/publish', {})).status).toBe(201);

  await page.goto(`${FIXTURE_URL}/fixtures/new-tenant.html`);
  const banner = page.locator('mb-consent-banner');
  await expect(banner.getByText(BANNER_TEXT)).toBeVisible();
  await expect(banner.getByRole('link', { name: /Datenschutzerklärung/ })).toHaveAttribute('href', POLICY_URL);

  // The starter configuration: the welcome tour opens on the dashboard once the visitor has decided.
  await banner.getByRole('button', { name: 'Alle akzeptieren' }).click();
  const step = page.locator('mb-tour').getByRole('dialog');
  await expect(step).toBeVisible({ timeout: 15_000 });
  await expect(step).toContainText('Ihr Dashboard');
});
