/**
 * "From the API" stories: a REAL matbakh client (`createClient` with every plugin) talking to the in-memory mock
 * API of `packages/mocks` through msw, so designers see the data the SDK really produces and can switch the API
 * into its other states from the story's controls.
 *
 * ```ts
 * export const FromTheApi: StoryObj<LiveArgs> = {
 *   ...liveStory('What this story shows.'),            // args consent + mode, select controls, msw handlers, docs
 *   render: ({ consent, mode }) => {
 *     const client = liveClient({ consent, mode, routes: ['/v1/insights'] });
 *     return html`<mb-insights .client=${client}></mb-insights>`;
 *   },
 * };
 * ```
 *
 * One mock API serves every live story ({@link liveApi}); each render resets it and creates a client with a
 * write key of its own and `storage: 'memory'`, so nothing (consent, identity, queue, preferences) leaks from one
 * story or render into the next, nor into localStorage. The story installs the handlers through
 * `parameters.msw.handlers.api`, which replaces the preview's shared mock for that story only.
 */

import type { JsonObject } from '@matbakh/contract';
import { createMockApi, defaultConfig, type MockApi } from '@matbakh/mocks';
import { type Client, createClient } from '@matbakh/sdk';
import { type ExperimentsClient, experimentsPlugin } from '@matbakh/sdk/experiments';
import { type GroupOptions, type InsightsClient, insightsPlugin } from '@matbakh/sdk/insights';
import { type PreferencesClient, preferencesPlugin } from '@matbakh/sdk/preferences';
import { type PrivacyClient, privacyPlugin } from '@matbakh/sdk/privacy';
import { type RecommendationsClient, recommendationsPlugin } from '@matbakh/sdk/recommendations';
import { type ActionsClient, rulesPlugin } from '@matbakh/sdk/rules';
import type { ArgTypes } from '@storybook/web-components-vite';
import { delay, HttpResponse, http } from 'msw';
import { emptyInsights } from '../../widgets/test-support/fake-insights-client.ts';

import { MOCK_API } from './mock-origin.ts';

export { MOCK_API };

/** What the visitor decided before the story starts. */
export const LIVE_CONSENTS = ['granted', 'refused', 'pending'] as const;
export type LiveConsent = (typeof LIVE_CONSENTS)[number];

/** How the mock API answers the story's data routes (`offline`: every route, like a browser without network). */
export const LIVE_MODES = ['ok', 'empty', 'error', 'slow', 'offline'] as const;
export type LiveMode = (typeof LIVE_MODES)[number];

export interface LiveArgs {
  consent: LiveConsent;
  mode: LiveMode;
}

/**
 * A client with every plugin, as the script-tag bundle builds it. `group` first: the insights plugin's form
 * (with the backend's `groupHash`) is the one stories call.
 */
export type LiveClient = { group(groupId: string, traits?: JsonObject, options?: GroupOptions): void } & PrivacyClient &
  PreferencesClient &
  RecommendationsClient &
  ActionsClient &
  ExperimentsClient &
  InsightsClient;

export interface LiveClientOptions extends LiveArgs {
  /**
   * API paths whose answers `mode` changes (`error`, `slow`, `empty`); a path also covers the routes below it.
   * Default: the data routes (recommendations, feedback, catalogue, insights, preferences). The next-best-action
   * stories pass `/v1/config`: their rules come from there.
   */
  routes?: readonly string[];
  /** How long `slow` keeps every affected answer waiting (ms). Default 1,500. */
  slowMs?: number;
  /** Runs with the fresh client once consent is preset: identify, group, track, set preferences… */
  setUp?: (client: LiveClient) => void;
}

export const DATA_ROUTES: readonly string[] = [
  '/v1/recommendations',
  '/v1/feedback',
  '/v1/catalog',
  '/v1/insights',
  '/v1/preferences',
];

/** The mock API of every live story: reset at each render. */
export const liveApi: MockApi = createMockApi({ base: MOCK_API });

/** What the current render asked for; read by {@link modeGate} on every request. */
let state: { mode: LiveMode; routes: readonly string[]; slowMs: number } = {
  mode: 'ok',
  routes: DATA_ROUTES,
  slowMs: 1_500,
};

const basePath = new URL(MOCK_API).pathname.replace(/\/+$/, '');
const covers = (path: string) => state.routes.some((route) => path === route || path.startsWith(`${route}/`));

/**
 * In front of the mock's own routes: error / slow / empty for routes the mock has no switch for (its
 * recommendation routes have `setMode`). Returning nothing hands the request on to the mock's handlers.
 */
const modeGate = http.all(`${MOCK_API}/*`, async ({ request }) => {
  const url = new URL(request.url);
  const path = url.pathname.slice(basePath.length);
  if (state.mode === 'ok' || state.mode === 'offline' || !covers(path)) return undefined;
  if (path.startsWith('/v1/recommendations') || path === '/v1/feedback' || path === '/v1/catalog') return undefined;
  const headers = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Retry-After' };
  if (state.mode === 'error') {
    const error = { code: 'internal', message: 'simulated outage (story mode "error")' };
    return HttpResponse.json({ error }, { status: 503, headers: { ...headers, 'Retry-After': '1' } });
  }
  if (state.mode === 'slow') {
    await delay(state.slowMs);
    return undefined;
  }
  // empty
  if (path === '/v1/insights' && request.method === 'GET') {
    const locale = url.searchParams.get('locale');
    const empty = emptyInsights(locale === 'de' || locale === 'ar' ? locale : 'en');
    return HttpResponse.json({ ...empty, groupId: url.searchParams.get('groupId') ?? empty.groupId }, { headers });
  }
  if (path === '/v1/config' && request.method === 'GET') {
    return HttpResponse.json({ ...structuredClone(defaultConfig), rules: [] }, { headers });
  }
  return undefined;
});

/**
 * The fixture's image URLs (`https://images.matbakh.app/fixtures/<id>.jpg`) exist nowhere: Storybook has no
 * network to them and a failed image is a console error. Each gets a 400 × 300 placeholder of its own colour.
 */
const FIXTURE_IMAGES = 'https://images.matbakh.app/fixtures/:file';
const fixtureImage = http.get(FIXTURE_IMAGES, ({ params }) => {
  const file = String(params.file);
  let hue = 0;
  for (const char of file) hue = (hue * 31 + char.charCodeAt(0)) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300"><rect width="400" height="300" fill="hsl(${hue} 45% 78%)"/><circle cx="200" cy="150" r="80" fill="hsl(${hue} 40% 62%)"/></svg>`;
  return new HttpResponse(svg, { headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=3600' } });
});

/** The handlers of a live story: the fixture images, the mode gate, then the whole mock API. */
export const liveHandlers = [fixtureImage, modeGate, ...liveApi.handlers];

/**
 * Args, controls, msw handlers and the docs description of a "From the API" story; spread into the story
 * object (after it: `name`, `render`, `loaders`). Defaults: consent granted, mode ok (what the smoke test renders);
 * `extraArgs` / `extraArgTypes` add the story's other args and their controls.
 */
export function liveStory<Extra extends object = object>(
  description: string,
  extraArgs?: Extra,
  extraArgTypes?: Partial<ArgTypes<Extra>>,
) {
  const liveArgTypes: Partial<ArgTypes<LiveArgs>> = {
    consent: {
      control: 'select',
      options: [...LIVE_CONSENTS],
      description: 'The visitor’s decision before the story starts (accept all, reject all, not asked yet)',
      table: { category: 'Mock API' },
    },
    mode: {
      control: 'select',
      options: [...LIVE_MODES],
      description:
        'How the mock API answers: ok, empty (no data), error (503), slow (1.5 s), offline (every request fails)',
      table: { category: 'Mock API' },
    },
  };
  return {
    argTypes: { ...extraArgTypes, ...liveArgTypes } as Partial<ArgTypes<LiveArgs & Extra>>,
    args: { ...({ consent: 'granted', mode: 'ok' } satisfies LiveArgs), ...extraArgs } as LiveArgs & Extra,
    parameters: {
      msw: { handlers: { api: liveHandlers } },
      docs: { description: { story: `${description}\n\n${CONTROLS_NOTE}` } },
    },
  };
}

const CONTROLS_NOTE =
  'A real `createClient({ api: "https://api.matbakh.invalid", storage: "memory", plugins: [privacyPlugin(), preferencesPlugin(), recommendationsPlugin(), rulesPlugin(), experimentsPlugin(), insightsPlugin()] })` answered by `packages/mocks` through msw. Controls: **consent** (granted: accept all; refused: reject all; pending: not asked yet) and **mode** of the mock API (ok, empty, error 503, slow 1.5 s, offline).';

let renders = 0;

/**
 * A real client against the mock API: fresh mock state, a write key of its own, `storage: 'memory'`, consent
 * preset (`granted`: accept all, `refused`: reject all, `pending`: nothing decided), then `setUp`.
 */
export function liveClient({
  consent,
  mode,
  routes = DATA_ROUTES,
  slowMs = 1_500,
  setUp,
}: LiveClientOptions): LiveClient {
  liveApi.reset();
  state = { mode, routes, slowMs };
  if (mode === 'offline') liveApi.goOffline();
  else if (mode !== 'ok' && routes.some((route) => route.startsWith('/v1/recommendations'))) {
    liveApi.recommendations.setMode(mode, { slowMs });
  }
  const client = createClient({
    writeKey: `pk_story_${++renders}_${Math.random().toString(36).slice(2, 8)}`,
    api: MOCK_API,
    storage: 'memory',
    plugins: [
      privacyPlugin({ consentMode: false, scriptBlocking: false }),
      preferencesPlugin(),
      recommendationsPlugin(),
      rulesPlugin(),
      experimentsPlugin(),
      insightsPlugin(),
    ],
  }) as Client as LiveClient;
  if (consent === 'granted') client.consent.acceptAll('api');
  else if (consent === 'refused') client.consent.rejectAll('api');
  setUp?.(client);
  return client;
}
