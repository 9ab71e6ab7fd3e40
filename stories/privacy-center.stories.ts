// Registration modules, imported by a used binding: widgets/package.json's `sideEffects` does not list
// `<name>.ts` registration files, so a bare `import '…/privacy-center.ts'` is tree-shaken in a production build.
import { CONSENT_BANNER_TAG } from '@matbakh/widgets/consent-banner/consent-banner.ts';
import type { MbPrivacyCenter } from '@matbakh/widgets/privacy-center/privacy-center.component.ts';
import { PRIVACY_CENTER_TAG } from '@matbakh/widgets/privacy-center/privacy-center.ts';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import {
  createFakeConsentClient,
  decidedView,
  type FakeConsentClientOptions,
  ledgerEntry,
  sampleExport,
} from '../widgets/test-support/fake-consent-client.ts';

interface Args {
  mode?: 'embedded' | 'dialog';
  client: FakeConsentClientOptions;
}

/** A log of the `mb-*` events under the story. */
function withLog(content: TemplateResult): TemplateResult {
  const log = (event: Event) => {
    const output = (event.currentTarget as HTMLElement).parentElement?.querySelector('output');
    if (!output) return;
    const detail = (event as CustomEvent).detail;
    const line = document.createElement('div');
    line.textContent = `${event.type} ${detail === null || detail === undefined ? '' : JSON.stringify(detail)}`;
    output.prepend(line);
  };
  return html`<div style="display: grid; gap: 0.75rem; font-family: system-ui, sans-serif">
    <div
      @mb-consent-change=${log}
      @mb-privacy-close=${log}
      @mb-privacy-export=${log}
      @mb-privacy-erase=${log}
    >
      ${content}
    </div>
    <span style="font-size: 0.875rem">Events (newest first):</span>
    <output style="display: block; min-block-size: 2rem; font: 0.8125rem ui-monospace, monospace; white-space: pre-wrap"></output>
  </div>`;
}

const history = [
  ledgerEntry(3, 'custom', 'center', '2026-11-26T09:30:00.000Z', {
    necessary: true,
    personalization: true,
    analytics: true,
  }),
  ledgerEntry(2, 'reject_all', 'banner', '2026-11-25T18:45:00.000Z'),
  ledgerEntry(1, 'accept_all', 'banner', '2026-11-25T12:03:00.000Z'),
];

const render = ({ client: options }: Args) => {
  const client = createFakeConsentClient({ view: decidedView(), history, latency: 400, ...options });
  return withLog(html`<mb-privacy-center .client=${client}></mb-privacy-center>`);
};

const DOCS = `
The visitor's control room: consent per category, message channels and personalization features (every switch takes
effect at once through \`client.consent.save(…, 'center')\`), **What we know about you** (counts, the latest 50 events and
the consent history in plain language, loaded from \`client.privacy.export()\` and \`client.privacy.ledger()\` and always
rendered as text), **Download my data** (a JSON file \`matbakh-export-YYYY-MM-DD.json\` through a Blob URL), **Erase my
data** behind a confirmation (\`role=alertdialog\`, Cancel focused) and **Withdraw all consent**. The stories use the
in-memory fake client with 400 ms latency.

\`\`\`html
<mb-privacy-center></mb-privacy-center>                            <!-- embedded in a page -->
<mb-privacy-center mode="dialog" listen></mb-privacy-center>      <!-- opens on mb-privacy-open -->
<button onclick="matbakh.client.privacy.open()">Privacy</button>
\`\`\`

| Attribute / property | Type | Default | |
|---|---|---|---|
| \`mode\` | \`'embedded' \\| 'dialog'\` | \`embedded\` | \`dialog\`: modal dialog (role=dialog, aria-modal) while \`open\`; focus moves in, Tab cycles, Escape / close button / backdrop close, focus returns. |
| \`open\` | \`boolean\` | \`false\` | Dialog mode: shows the dialog. |
| \`listen\` | \`boolean\` | \`false\` | Answers the document's \`mb-privacy-open\` (banner, \`client.privacy.open()\`): a dialog opens, an embedded center scrolls into view and takes focus. |
| \`theme\` | \`light \\| dark \\| high-contrast \\| system\` | \`light\` | Token preset. |
| \`lang\` | \`de \\| en \\| ar\` | the page's, else the browser's | Arabic renders right-to-left. |
| \`client\` (property) | \`ConsentClient\` | \`window.matbakh.client\` | |
| \`reload()\` (method) | \`Promise<void>\` | | Loads "What we know about you" again. |

| Event | Detail | When |
|---|---|---|
| \`mb-consent-change\` | \`{ choices, channels, features?, action, source: 'center' }\` | A switch or Withdraw all. |
| \`mb-privacy-close\` | \`{ reason: 'escape' \\| 'close-button' \\| 'backdrop' }\` | The visitor closes the dialog. Cancelable. |
| \`mb-privacy-export\` | \`{ filename, events }\` | The JSON was handed to the browser as a download. |
| \`mb-privacy-erase\` | \`EraseResponse\` | Erasure confirmed and done. |

None fires for programmatic changes. Texts: every catalog key (\`center.*\`) can be overridden in the policy's \`texts\`.

**CSS parts:** \`base\`, \`backdrop\`, \`header\`, \`title\`, \`close\`, \`intro\`, \`link\`, \`status\`, \`loading\`, \`error\`,
\`retry\`, \`section\` (+ \`consent\`, \`channels\`, \`features\`, \`data\`), \`gpc\`, \`notice\`, \`category\`, \`channel\`,
\`feature\`, \`switch\`, \`description\`, \`withdraw\`, \`refresh\`, \`counts\`, \`events\`, \`event\`, \`history\`,
\`history-entry\`, \`empty\`, \`export\`, \`erase\`, \`result\`, \`confirm-backdrop\`, \`confirm\`, \`confirm-cancel\`,
\`confirm-erase\`.

**CSS custom properties:** \`--mb-privacy-center-surface\`, \`-text\`, \`-border\`, \`-radius\`, \`-shadow\`, \`-padding\`,
\`-max-width\`, \`-dialog-width\`, \`-z-index\`, \`-backdrop\`, \`-danger\`, \`-button-radius\`, \`-title-size\`, \`-list-height\`,
\`-link\`; \`--mb-switch-track-on\`; plus every system token.

The toolbar's **Theme** and **Locale** apply to the widgets of every story.
`;

const meta: Meta<Args> = {
  title: 'Widgets/Privacy center',
  component: PRIVACY_CENTER_TAG,
  subcomponents: { [CONSENT_BANNER_TAG]: CONSENT_BANNER_TAG },
  render,
  args: { client: {} },
  argTypes: { client: { control: false }, mode: { control: false } },
  parameters: {
    layout: 'padded',
    docs: { description: { component: DOCS }, story: { inline: true } },
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Embedded: Story = {
  name: 'Embedded',
};

export const Loading: Story = {
  name: 'Loading',
  args: { client: { hang: true, view: decidedView({ config: 'loading', policy: undefined }) } },
};

export const WithData: Story = {
  name: 'With data',
  args: {
    client: {
      latency: 0,
      exportData: sampleExport({ events: 75 }),
      view: decidedView({
        gpc: true,
        channels: { in_app: true, email: true },
        features: { recommendations: true, next_best_action: false, tour: true, dashboard_order: true },
      }),
    },
  },
  parameters: {
    docs: { description: { story: '75 events on record: the 50 newest are listed, in plain language.' } },
  },
};

export const Empty: Story = {
  name: 'Nothing on record',
  args: {
    client: { latency: 0, history: [], exportData: { ...sampleExport({ events: 0 }), consent: [], preferences: null } },
  },
};

export const EraseConfirmation: Story = {
  name: 'Erase confirmation',
  args: { client: { latency: 0 } },
  play: async ({ canvasElement }) => {
    const center = canvasElement.querySelector<MbPrivacyCenter>('mb-privacy-center');
    await center?.updateComplete;
    center?.shadowRoot?.querySelector<HTMLButtonElement>('[part~="erase"]')?.click();
  },
  parameters: {
    docs: {
      description: { story: 'A clear alertdialog; Cancel has focus. Confirm to see the confirmation message.' },
      story: { inline: false, iframeHeight: 640 },
    },
  },
};

export const ErrorState: Story = {
  name: 'Error',
  args: {
    client: {
      latency: 0,
      fail: { export: true, erase: true, reload: true },
      view: decidedView({ config: 'error', policy: undefined }),
    },
  },
  parameters: {
    docs: {
      description: {
        story: 'Neither the policy nor the data could be loaded: errors with retries; Withdraw all still works.',
      },
    },
  },
};

export const AsDialog: Story = {
  name: 'Dialog (from the banner)',
  render: ({ client: options }) => {
    const client = createFakeConsentClient({ history, latency: 200, ...options });
    return withLog(html`<div
      style="position: relative; transform: translateZ(0); overflow: hidden; min-block-size: 36rem; border: 1px solid #c4bdb3; border-radius: 8px; background: #fff; color: #211e1b; padding: 1rem 1.5rem"
    >
      <p style="margin: 0 0 1rem">
        The banner's “Privacy center” button — or <code>client.privacy.open()</code> — opens a
        <code>&lt;mb-privacy-center mode="dialog" listen&gt;</code>.
      </p>
      <button type="button" @click=${() => client.privacy.open()}>client.privacy.open()</button>
      <mb-consent-banner .client=${client}></mb-consent-banner>
      <mb-privacy-center mode="dialog" listen .client=${client}></mb-privacy-center>
    </div>`);
  },
  parameters: { docs: { story: { inline: true } } },
};
