// Registration module imported by a used binding (a bare import would be tree-shaken, see consent-banner.stories).
import { DASHBOARD_TAG } from '@matbakh/widgets/dashboard/dashboard.ts';
import {
  createFakePreferencesClient,
  type FakePreferencesClientOptions,
} from '@matbakh/widgets/shared/fake-preferences-client.ts';
import { registerWidget, unregisterWidget } from '@matbakh/widgets/shared/widget-registry.ts';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

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
