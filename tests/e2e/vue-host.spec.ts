import { test } from '@playwright/test';
import { frameworkHostWorks } from './fixtures/framework-host.ts';

// Vue binds `:client.prop`/`:open.prop` and listens with `@mb-*`.
test('Vue host: properties reach the elements, mb-* events reach the app exactly once', async ({ page }) => {
  await frameworkHostWorks(page, 'vue-host', 'Vue host');
});
