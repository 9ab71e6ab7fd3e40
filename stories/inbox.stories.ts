import { INBOX_TAG } from '@matbakh/widgets/inbox/inbox.ts';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  createFakeInboxClient,
  type FakeInboxOptions,
  sampleInboxItems,
} from '../widgets/test-support/fake-inbox-client.ts';

interface Args {
  client: FakeInboxOptions;
  lang?: 'de' | 'en' | 'ar';
  /** Push a new item as the stream would, this long after rendering (ms). */
  pushAfterMs?: number;
}

const render = ({ client: options, lang, pushAfterMs }: Args) => {
  const client = createFakeInboxClient({ items: sampleInboxItems(lang ?? 'en'), ...options });
  if (pushAfterMs !== undefined) {
    setTimeout(
      () =>
        client.push({
          id: 99,
          topic: 'health_alerts',
          title: 'Orders stopped an hour ago',
          body: 'No order since 18:00 — usually 6 by now.',
          url: 'https://owner.example/insights',
          createdAt: new Date().toISOString(),
          readAt: null,
        }),
      pushAfterMs,
    );
  }
  const log = (event: Event) => {
    const output = (event.currentTarget as HTMLElement).parentElement?.querySelector('output');
    const line = document.createElement('div');
    line.textContent = `${event.type} ${JSON.stringify((event as CustomEvent).detail)}`;
    output?.prepend(line);
  };
  return html`<div style="display: flex; justify-content: end; gap: 1rem; min-block-size: 28rem; font-family: system-ui, sans-serif">
    <output style="flex: 1; font: 0.8125rem ui-monospace, monospace"></output>
    <mb-inbox lang=${ifDefined(lang)} .client=${client} @mb-inbox-read=${log} @mb-inbox-item-open=${log}
      @click=${(e: Event) => (e.target as HTMLElement).closest?.('a') && e.preventDefault()}></mb-inbox>
  </div>`;
};

const meta: Meta<Args> = {
  title: 'Widgets/Inbox',
  component: INBOX_TAG,
  render,
  args: { client: {} },
  argTypes: { client: { control: false }, lang: { control: 'inline-radio', options: ['de', 'en', 'ar'] } },
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component:
          'The in-app inbox (`<mb-inbox>`, docs/inbox.md): a bell whose name carries the unread count, a popover dialog with the list, mark one / all read, links through `safeUrl`. The stories use the in-memory fake client (`widgets/test-support/fake-inbox-client.ts`); `packages/mocks` has msw handlers for `/v1/inbox` and a fake `/v1/stream` (`inboxRoutes()`).',
      },
    },
  },
};
export default meta;
type Story = StoryObj<Args>;

export const WithItems: Story = { name: 'Two unread, one read' };
export const NewItemArrives: Story = {
  name: 'A new item arrives by the stream (after 2 s)',
  args: { pushAfterMs: 2000 },
};
export const Empty: Story = { args: { client: { items: [] } } };
export const Loading: Story = { args: { client: { status: 'loading', items: [] } } };
export const Offline: Story = { args: { client: { status: 'offline', items: [] } } };
export const ServerError: Story = { name: 'Error (retry)', args: { client: { status: 'error', items: [] } } };
export const ConsentOff: Story = {
  name: 'In-app channel not granted',
  args: { client: { status: 'consent', items: [] } },
};
export const German: Story = { args: { lang: 'de' } };
export const Arabic: Story = { name: 'Arabic (RTL)', args: { lang: 'ar' } };
