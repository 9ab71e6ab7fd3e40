// Registration module imported by a used binding (a bare import would be tree-shaken, see consent-banner.stories).
import { DASHBOARD_TAG } from '@matbakh/widgets/dashboard/dashboard.ts';
import { registerWidget, unregisterWidget } from '@matbakh/widgets/shared/widget-registry.ts';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  createFakePreferencesClient,
  type FakePreferencesClientOptions,
} from '../widgets/test-support/fake-preferences-client.ts';
import { type LiveArgs, type LiveClient, liveClient, liveStory } from './support/live-client.ts';

const DOCS = `
\`<mb-dashboard>\`: the registered widgets for an **audience** (\`guest\` or \`owner\`) in an \`<mb-widget-grid>\`
the visitor rearranges, hides and brings back; saved per \`dashboard-id\`. Widgets are created by tag name (never
imported): a skeleton of reserved size shows until the tag is defined; a widget that fails shows its own error
with **Try again**; offline, a notice says so and widgets keep their content. The stories use an in-memory fake
client (no network) and two demo widgets registered by the "host page" (\`registerWidget\`).

**Attributes / properties**: \`audience\` (\`guest\` | \`owner\`; not \`role\`, which is ARIA's), \`dashboard-id\`
(default: the audience), \`customizing\`, \`widget-timeout\` (ms, default 10 000), \`theme\`, \`lang\`; properties
\`client\`, \`defaults\` (\`ConfigResponse.dashboards\`). Method \`retryFailed()\`.

**Events**: none of its own; the grid's \`mb-layout-change\` bubbles out.

**Slots**: \`orders\` (the page's orders, shown in the built-in orders widget), \`header-actions\`, \`logo\`.

**Parts**: \`base\`, \`header\`, \`heading\`, \`customize\`, \`offline\`, \`grid\`, \`widget\` (+ \`widget-loading\`,
\`widget-ready\`, \`widget-error\`), \`widget-title\`, \`skeleton\`, \`error\`, \`retry\`, \`empty\`.

**CSS custom properties**: \`--mb-dashboard-widget-min-height\`, \`--mb-dashboard-skeleton\`,
\`--mb-dashboard-heading-size\`.

**Accessibility**: a heading per widget (the cell is a labelled region), Customize is a toggle button
(\`aria-pressed\`), loading cells are \`aria-busy\`, the offline notice is a status message, Retry is described by
its error. Theme and language follow the visitor's preferences live unless the page sets \`theme\` / \`lang\`.
`;

interface Args {
  audience: 'guest' | 'owner';
  customizing?: boolean;
  failing?: boolean;
  offline?: boolean;
  timeout?: number;
  preferences?: FakePreferencesClientOptions;
}

const DEFAULTS = {
  guest: { order: ['next-best-action', 'recommendations', 'favourite-dishes', 'orders', 'loyalty'], hidden: [] },
  owner: { order: ['insights', 'revenue', 'next-best-action', 'recommendations', 'orders'], hidden: [] },
};

function registerDemoWidgets(failing: boolean): void {
  const list = (items: string[]) => (container: HTMLElement) => {
    const ul = document.createElement('ul');
    for (const item of items) ul.append(Object.assign(document.createElement('li'), { textContent: item }));
    container.replaceChildren(ul);
  };
  registerWidget('favourite-dishes', {
    title: { de: 'Lieblingsgerichte', en: 'Favourite dishes', ar: 'أطباقك المفضلة' },
    roles: ['guest'],
    render: list(['Falafel-Wrap', 'Fattoush', 'Mandelkuchen']),
  });
  registerWidget('loyalty', {
    title: { de: 'Treuepunkte', en: 'Loyalty points', ar: 'نقاط الولاء' },
    roles: ['guest'],
    render: failing
      ? () => {
          throw new Error('demo: loyalty service down');
        }
      : list(['240 Punkte · noch 60 bis zum Gratis-Dessert']),
  });
  registerWidget('revenue', {
    title: { de: 'Umsatz', en: 'Revenue', ar: 'الإيرادات' },
    roles: ['owner'],
    span: 2,
    ...(failing ? { tag: 'mb-demo-never-defined' } : { render: list(['Diese Woche: 4.820 € (+6 %)']) }),
  });
}

function render({ audience, customizing, failing = false, offline, timeout, preferences }: Args) {
  for (const id of ['favourite-dishes', 'loyalty', 'revenue']) unregisterWidget(id);
  registerDemoWidgets(failing);
  const client = createFakePreferencesClient(preferences);
  const goOffline = () => {
    if (!offline) return;
    // Demo only: pretend the browser went offline (the dashboard reads navigator.onLine and its events).
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    window.dispatchEvent(new Event('offline'));
  };
  return html`<div @mouseenter=${goOffline} style="font-family: system-ui, sans-serif">
    <mb-dashboard
      audience=${audience}
      ?customizing=${customizing}
      widget-timeout=${timeout ?? 600_000}
      .client=${client}
      .defaults=${DEFAULTS}
      @mb-layout-change=${(e: CustomEvent) => console.info('mb-layout-change', e.detail)}
    >
      <strong slot="logo" style="font-size: 1.25rem">🍲 matbakh</strong>
      <button slot="header-actions" type="button">Hilfe</button>
      ${
        audience === 'guest'
          ? html`<ul slot="orders" style="margin: 0; padding-inline-start: 1.25em">
              <li>#1042 · Falafel-Wrap · unterwegs</li>
              <li>#1039 · Hummus-Teller · geliefert</li>
            </ul>`
          : html`<p slot="orders" style="margin: 0">12 offene Bestellungen · 3 in Zubereitung</p>`
      }
    </mb-dashboard>
  </div>`;
}

const meta: Meta<Args> = {
  title: 'Widgets/Dashboard',
  component: DASHBOARD_TAG,
  render,
  args: { audience: 'guest' },
  argTypes: {
    audience: { control: 'inline-radio', options: ['guest', 'owner'], description: 'Attribute `audience`' },
    customizing: { control: 'boolean', description: 'Attribute `customizing`' },
    timeout: { control: 'number', description: 'Attribute `widget-timeout` (ms)' },
    preferences: { control: false },
  },
  parameters: { layout: 'padded', docs: { description: { component: DOCS }, story: { inline: true } } },
};
export default meta;

type Story = StoryObj<Args>;

/** Built-in widgets whose code is not loaded: skeletons of reserved size; the demo widgets are there. */
export const GuestLoading: Story = { name: 'Guest · loading built-ins', args: { audience: 'guest' } };
export const GuestContent: Story = { name: 'Guest · content', args: { audience: 'guest', timeout: 600_000 } };
export const GuestError: Story = {
  name: 'Guest · a widget fails',
  args: { audience: 'guest', failing: true, timeout: 1500 },
};
export const GuestOffline: Story = {
  name: 'Guest · offline (hover the story)',
  args: { audience: 'guest', offline: true },
};
export const GuestCustomizing: Story = {
  name: 'Guest · customizing, saved layout',
  args: {
    audience: 'guest',
    customizing: true,
    preferences: { preferences: { layout: { guest: { order: ['orders', 'loyalty'], hidden: ['recommendations'] } } } },
  },
};
export const OwnerContent: Story = { name: 'Owner · content', args: { audience: 'owner' } };
export const OwnerError: Story = {
  name: 'Owner · a widget never loads',
  args: { audience: 'owner', failing: true, timeout: 1500 },
};
export const OwnerCustomizing: Story = { name: 'Owner · customizing', args: { audience: 'owner', customizing: true } };

/** A guest who chose vegan and ordered three times; an owner of one restaurant on the Basic plan. */
function setUpLive(audience: 'guest' | 'owner') {
  return (client: LiveClient) => {
    if (audience === 'owner') {
      // The mock accepts any non-empty hashes; a real page gets them from its backend (HMAC-SHA256).
      client.identify(
        'owner-7',
        { role: 'owner', plan: 'basic', monthly_orders: 140 },
        { userHash: 'story-user-hash' },
      );
      client.group('rest-falafel-haus', { name: 'Falafel-Haus' }, { groupHash: 'story-group-hash' });
      return;
    }
    client.preferences.set('diet', ['vegan']);
    for (const orderId of ['o-1039', 'o-1041', 'o-1042']) {
      client.track('Order Completed', {
        order_id: orderId,
        total: 11.5,
        currency: 'EUR',
        products: [{ product_id: 'd-001', name: 'Falafel-Teller', price: 11.5, quantity: 1 }],
      });
    }
  };
}

/**
 * The built-ins' code, loaded by the live stories only (a loader, before they render), so that the other stories
 * still show built-ins whose code is not loaded (skeletons). Defined before the dashboard creates the elements on
 * purpose: `<mb-next-best-action>` upgraded after the rules arrived stays empty (its `willUpdate` reads the client
 * before its ClientController connects it, and the store does not change again).
 */
async function loadBuiltIns(): Promise<Record<string, never>> {
  removeWaitingBuiltIns(document);
  await Promise.all([
    import('@matbakh/widgets/recommendations/recommendations.ts'),
    import('@matbakh/widgets/next-best-action/next-best-action.ts'),
    import('@matbakh/widgets/insights/insights.ts'),
  ]);
  return {};
}

const BUILT_IN_TAGS = ['mb-recommendations', 'mb-next-best-action', 'mb-insights'];

/**
 * The previous story is still on screen while a loader runs. Its dashboard's built-in cells wait for tags that are
 * not defined, holding that story's fake preferences client; defined now, they would upgrade with a client that is
 * not theirs and throw. They are about to be unmounted: removed first.
 */
function removeWaitingBuiltIns(root: Document | ShadowRoot): void {
  for (const element of root.querySelectorAll('*')) {
    if (BUILT_IN_TAGS.includes(element.localName) && !customElements.get(element.localName)) element.remove();
    else if (element.shadowRoot) removeWaitingBuiltIns(element.shadowRoot);
  }
}

/** The dashboard with the real SDK: built-in widgets (their code loaded here) fed by the msw mock API. */
function renderLive(audience: 'guest' | 'owner', { consent, mode }: LiveArgs) {
  // Only the built-ins: the other stories' demo widgets stay out of this one.
  for (const id of ['favourite-dishes', 'loyalty', 'revenue']) unregisterWidget(id);
  const client = liveClient({ consent, mode, setUp: setUpLive(audience) });
  return html`<div
    style="font-family: system-ui, sans-serif"
    @click=${(event: Event) => {
      // Links in the story do not navigate away.
      if ((event.composedPath()[0] as Element)?.closest?.('a')) event.preventDefault();
    }}
  >
    <mb-dashboard audience=${audience} dashboard-id=${`live-${audience}`} .client=${client}>
      <strong slot="logo" style="font-size: 1.25rem">🍲 matbakh</strong>
      ${
        audience === 'guest'
          ? html`<ul slot="orders" style="margin: 0; padding-inline-start: 1.25em">
              <li>#1042 · Falafel-Teller · unterwegs</li>
              <li>#1041 · Falafel-Teller · geliefert</li>
            </ul>`
          : html`<p slot="orders" style="margin: 0">12 offene Bestellungen · 3 in Zubereitung</p>`
      }
    </mb-dashboard>
  </div>`;
}

export const GuestFromTheApi: StoryObj<LiveArgs & Pick<Args, 'audience'>> = {
  name: 'Guest · from the API (real SDK, msw mocks)',
  ...liveStory(
    'The layout comes from the mock\'s `GET /v1/config` (`dashboards.guest`), saved to `/v1/preferences`. The guest chose vegan and ordered three times (tracked `Order Completed`), so with consent the next best action is "The usual?" and the recommendations are personalized and vegan only. Refused or pending: no personal action, popularity only.',
    { audience: 'guest' as const },
  ),
  loaders: [loadBuiltIns],
  render: ({ audience, ...live }) => renderLive(audience, live),
};

export const OwnerFromTheApi: StoryObj<LiveArgs & Pick<Args, 'audience'>> = {
  name: 'Owner · from the API (real SDK, msw mocks)',
  ...liveStory(
    'An identified owner (`identify` with userHash, traits `plan: basic`, `monthly_orders: 140`) of one restaurant (`group` with groupHash): insights for that restaurant, the owner rules (the Pro upsell needs marketing consent) and feature recommendations.',
    { audience: 'owner' as const },
  ),
  loaders: [loadBuiltIns],
  render: ({ audience, ...live }) => renderLive(audience, live),
};
