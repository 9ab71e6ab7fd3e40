import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve } from '../../scripts/storybook-smoke.mjs';

/**
 * Serves the built Storybook (storybook-static/, or the directory in MB_VISUAL_STORYBOOK_DIR) on a free port of
 * localhost; the tests read its origin from MB_VISUAL_ORIGIN.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = resolve(import.meta.dirname, '../..', process.env.MB_VISUAL_STORYBOOK_DIR ?? 'storybook-static');
  if (!existsSync(join(dir, 'index.json')))
    throw new Error(`${dir}/index.json not found. Build first: npm run storybook:build`);
  const server: { origin: string; close: () => Promise<void> } = await serve(dir);
  // Set here, read in the worker processes: Playwright starts them after global setup, with this environment.
  process.env.MB_VISUAL_ORIGIN = server.origin;
  return () => server.close();
}
