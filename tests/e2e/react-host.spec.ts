import { test } from '@playwright/test';
import { frameworkHostWorks } from './fixtures/framework-host.ts';

// React 19 sets `client`/`open` as properties and listens via `onmb-*` props.
test('React host: properties reach the elements, mb-* events reach the app exactly once', async ({ page }) => {
  await frameworkHostWorks(page, 'react-host', 'React host');
});
