// The KPI report's adoption and tour numbers (issue 16 item 3) from what the widgets send on their own: a new
// tenant's quick-start page, a visitor who accepts, finishes the welcome tour, moves a widget by keyboard and
// changes a preference; the worker's report then counts each once. Real bundle, real server, no mocks.

import type { KpiReport } from '@matbakh/contract';
import { createTenant, DEMO_ORIGINS, openDb } from '@matbakh/server';
import { expect, type Page, test } from '@playwright/test';
import { API_URL } from './env.ts';
import { FIXTURE_URL } from './fixtures/env.ts';

const WRITE_KEY = 'pk_e2e_kpi_events';

async function newTenantAdminKey(): Promise<string> {
  const db = await openDb(process.env.MB_E2E_DB!);
  try {
    const tenant = await createTenant(db, { name: 'KPI Bistro', origins: DEMO_ORIGINS, writeKey: WRITE_KEY });
    if (!tenant.adminKey) throw new Error('the tenant existed before this run: no admin key to use');
    return tenant.adminKey;
  } finally {
    await db.close();
  }
}

/** Moves the last widget the grid shows one place towards the start by keyboard: pick up, arrow, drop. */
async function moveLastEarlier(page: Page) {
  const handles = page.locator('mb-widget-grid').getByRole('button', { name: /verschieben$/ });
  await expect(handles.nth(1)).toBeVisible();
  await handles.last().focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Space');
}

test('dashboard view, reorder, preference change and a finished tour reach the KPI report, each once', async ({
  page,
}) => {
  const adminKey = await newTenantAdminKey();
  await page.goto(`${FIXTURE_URL}/fixtures/kpi-events.html`);
  await page.locator('mb-consent-banner').getByRole('button', { name: 'Alle akzeptieren' }).click();

  // The starter welcome tour: two steps, Weiter then Fertig (finished, not ended early).
  const step = page.locator('mb-tour').getByRole('dialog');
  await expect(step).toContainText('Ihr Dashboard', { timeout: 15_000 });
  await step.getByRole('button', { name: 'Weiter' }).click();
  await expect(step).toContainText('Ihre Vorlieben');
  await step.getByRole('button', { name: 'Fertig' }).click();
  await expect(step).toBeHidden();

  await moveLastEarlier(page);
  await page.locator('mb-preference-panel').getByRole('radio', { name: 'Dunkel' }).check();

  const today = new Date().toISOString().slice(0, 10);
  const report = async () => {
    const res = await fetch(`${API_URL}/v1/admin/kpis?from=${today}&to=${today}`, {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    expect(res.status).toBe(200);
    const { periods } = (await res.json()) as KpiReport;
    const { adoption, tours } = periods[0]!;
    return {
      dashboardViews: adoption.dashboardViews,
      widgetReorders: adoption.widgetReorders,
      preferenceUpdates: adoption.preferenceUpdates,
      toursStarted: tours.started,
      toursCompleted: tours.completed,
    };
  };
  // The client batches, the worker passes every second: the numbers arrive within a few seconds.
  await expect
    .poll(report, { timeout: 15_000 })
    .toEqual({ dashboardViews: 1, widgetReorders: 1, preferenceUpdates: 1, toursStarted: 1, toursCompleted: 1 });
});
