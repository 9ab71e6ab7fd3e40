import type { MbPushOptin } from '@matbakh/widgets/push-optin/push-optin.component.ts';
// Registration module, imported by a used binding: a bare import of a registration file is tree-shaken in a build.
import { PUSH_OPTIN_TAG } from '@matbakh/widgets/push-optin/push-optin.ts';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { createFakePushClient, type FakePushClientOptions } from '../widgets/test-support/fake-push-client.ts';

interface Args {
  permission: NonNullable<FakePushClientOptions['permission']>;
  consent: NonNullable<FakePushClientOptions['consent']>;
  outcome: NonNullable<FakePushClientOptions['outcome']>;
}

function log(event: Event): void {
  const output = (event.currentTarget as HTMLElement).closest('.story-frame')?.querySelector('output');
  if (!output) return;
  const line = document.createElement('div');
  line.textContent = `${event.type} ${JSON.stringify((event as CustomEvent).detail)}`;
  output.prepend(line);
}

/** The page's meaningful action: the order button offers the card (never on load). */
function order(event: Event): void {
  const frame = (event.currentTarget as HTMLElement).closest('.story-frame');
  frame?.querySelector<MbPushOptin>('mb-push-optin')?.offer();
}

function render(args: Args): TemplateResult {
  const client = createFakePushClient(args);
  return html`<div class="story-frame" style="display: grid; gap: 0.75rem; font-family: system-ui, sans-serif">
    <div style="border: 1px solid #c4bdb3; border-radius: 8px; background: #fff; color: #211e1b; padding: 1rem 1.5rem"
      @mb-push-change=${log} @mb-privacy-open=${log}>
      <h1 style="margin: 0 0 0.75rem; font-size: 1.5rem">Warenkorb</h1>
      <button type="button" @click=${order}>Bestellen</button>
      <mb-push-optin .client=${client} style="max-inline-size: 28rem; margin-block-start: 1rem"></mb-push-optin>
    </div>
    <span style="font-size: 0.875rem">Events (newest first):</span>
    <output style="display: block; min-block-size: 2rem; font: 0.8125rem ui-monospace, monospace; white-space: pre-wrap"></output>
  </div>`;
}

const DOCS = `
Asks for Web Push notifications after something the visitor did — never on load. The page offers it (\`el.offer()\`
or the \`offered\` attribute, e.g. after an order); the card explains first ("Allow notifications?", why, Allow /
Not now), and only the visitor's **Allow** calls the browser's prompt and subscribes (the SDK's \`pushPlugin()\`,
\`client.push.subscribe()\`, with the tenant's VAPID key; the server stores the subscription only under the push
channel's consent). Press **Bestellen** in a story to offer it. The stories use an in-memory client
(\`widgets/test-support/fake-push-client.ts\`); no browser prompt, no network. Setup and the service worker:
docs/push.md.

\`\`\`html
<mb-push-optin></mb-push-optin>   <!-- uses window.matbakh.client (with pushPlugin) -->
<script>
  orderForm.addEventListener('submit', () => document.querySelector('mb-push-optin').offer());
</script>
\`\`\`

| Attribute / property | Type | Default | |
|---|---|---|---|
| \`offered\` | \`boolean\` | \`false\` | Set after a meaningful action (or call \`offer()\`): the card appears. |
| \`service-worker\` | \`string\` | \`/matbakh-sw.js\` | Where the page serves the worker (same origin). |
| \`theme\` | \`light \\| dark \\| high-contrast \\| system\` | \`light\` | Token preset. |
| \`lang\` | \`de \\| en \\| ar\` | the page's \`lang\`, else the browser's | Arabic renders right-to-left. |
| \`client\` (property) | \`PushClientLike\` | \`window.matbakh.client\` | \`{ push: { permission(), consent(), subscribe(), subscribed?() } }\`. |

| Event | Detail | When |
|---|---|---|
| \`mb-push-change\` | \`{ outcome }\`: \`subscribed\`, \`denied\`, \`dismissed\`, \`not-now\`, \`failed\` | The visitor answered. |
| \`mb-privacy-open\` | none | Without the push channel's consent: the visitor asked for the privacy center. |

**What it respects:** a permission the browser reports as denied is final — the card says how to allow
notifications in the browser's site settings and never asks again. The push channel's consent comes first: refused,
the element stays hidden; not asked yet, it offers the privacy center instead of the prompt. Unsupported browsers and
browsers already subscribed see nothing.

**Keyboard and accessibility:** an inline region labelled by its heading (not a modal, it takes no focus when
offered); the answer replaces the buttons and takes focus; \`role="status"\` announces progress and the result.

**CSS parts:** \`base\`, \`title\`, \`why\`, \`actions\`, \`allow\`, \`later\`, \`privacy\`, \`message\`, \`close\`.

**CSS custom properties** (each falls back to a system token): \`--mb-push-surface\`, \`-text\`, \`-border\`,
\`-radius\`, \`-allow-surface\`, \`-allow-text\`.
`;

const meta: Meta<Args> = {
  title: 'Widgets/Push opt-in',
  component: PUSH_OPTIN_TAG,
  render,
  args: { permission: 'default', consent: 'granted', outcome: 'subscribed' },
  argTypes: {
    permission: { control: 'select', options: ['default', 'granted', 'denied', 'unsupported'] },
    consent: { control: 'select', options: ['granted', 'unasked', 'refused'] },
    outcome: { control: 'select', options: ['subscribed', 'denied', 'dismissed', 'failed'] },
  },
  parameters: { layout: 'padded', docs: { description: { component: DOCS }, story: { inline: true } } },
};
export default meta;

type Story = StoryObj<Args>;

export const AfterOrder: Story = { name: 'Offered after an order' };

export const Denied: Story = {
  name: 'Permission denied',
  args: { permission: 'denied' },
  parameters: { docs: { description: { story: 'Blocked in the browser: how to change it; never asks again.' } } },
};

export const NeedsConsent: Story = {
  name: 'Push channel not consented yet',
  args: { consent: 'unasked' },
  parameters: {
    docs: { description: { story: 'Offers the privacy center (`mb-privacy-open`) instead of the prompt.' } },
  },
};

export const Failed: Story = {
  name: 'Subscribing failed',
  args: { outcome: 'failed' },
};
