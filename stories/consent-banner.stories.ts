import { DEFAULT_CONSENT_POLICY } from '@matbakh/contract';
import type { MbConsentBanner } from '@matbakh/widgets/consent-banner/consent-banner.component.ts';
// Registration modules, imported by a used binding: widgets/package.json's `sideEffects` does not list
// `<name>.ts` registration files, so a bare `import '…/consent-banner.ts'` is tree-shaken in a production build.
import { CONSENT_BANNER_TAG } from '@matbakh/widgets/consent-banner/consent-banner.ts';
import { PRIVACY_CENTER_TAG } from '@matbakh/widgets/privacy-center/privacy-center.ts';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  createFakeConsentClient,
  decidedView,
  type FakeConsentClient,
  type FakeConsentClientOptions,
} from '../widgets/test-support/fake-consent-client.ts';

/**
 * The banner in a stand-in host page. The frame has a `transform`, which makes it the containing block of
 * the banner's `position: fixed` layers: each story keeps its bar or dialog inside its own frame (also on the
 * docs page, where several stories share one scroll). A log under the page lists the `mb-*` events.
 */
function hostPage(content: TemplateResult, client: FakeConsentClient, note?: TemplateResult): TemplateResult {
  const log = (event: Event) => {
    const frame = (event.currentTarget as HTMLElement).closest('.story-frame');
    const output = frame?.querySelector('output');
    if (!output) return;
    const detail = (event as CustomEvent).detail;
    const line = document.createElement('div');
    line.textContent = `${event.type} ${detail === null || detail === undefined ? '' : JSON.stringify(detail)}`;
    output.prepend(line);
  };
  const reset = () => client.reset();
  return html`<div class="story-frame" style="display: grid; gap: 0.75rem; font-family: system-ui, sans-serif">
    <div
      style="position: relative; transform: translateZ(0); overflow: hidden; min-block-size: 30rem; border: 1px solid #c4bdb3; border-radius: 8px; background: #fff; color: #211e1b; padding: 1rem 1.5rem"
      @mb-consent-change=${log}
      @mb-privacy-open=${log}
      @mb-privacy-close=${log}
    >
      <h1 style="margin: 0 0 0.5rem; font-size: 1.5rem">Matbakh Demo-Küche</h1>
      <p style="margin: 0 0 1rem; max-inline-size: 40rem">
        Falafel-Wrap · Hummus · Fattoush · Mandelkuchen. The host page's content: the bar floats over it and moves
        nothing.
      </p>
      <button type="button">A page button (focus returns here)</button>
      ${note ?? nothing} ${content}
      <mb-privacy-center mode="dialog" listen .client=${client}></mb-privacy-center>
    </div>
    <div style="display: flex; gap: 0.5rem; align-items: center; font-size: 0.875rem">
      <button type="button" @click=${reset}>Reset to first visit</button>
      <span>Events (newest first):</span>
    </div>
    <output style="display: block; min-block-size: 2rem; font: 0.8125rem ui-monospace, monospace; white-space: pre-wrap"></output>
  </div>`;
}

interface Args {
  layout?: 'bar' | 'dialog';
  client: FakeConsentClientOptions;
}

const render = ({ layout, client: options }: Args, note?: TemplateResult) => {
  const client = createFakeConsentClient(options);
  return hostPage(
    html`<mb-consent-banner .client=${client} layout=${ifDefined(layout)}></mb-consent-banner>`,
    client,
    note,
  );
};

const DOCS = `
A consent banner for GDPR/ePrivacy, driven by the SDK's consent view (\`client.consent.$view\` from
\`privacyPlugin()\`). Shown while the view says \`needsDecision\`; its first sentence says why (first visit, policy
changed, new category, expired). **Accept all** and **Reject all** are the same element with the same style, size
and layer — no dark patterns. **Customize** lists every category with a switch (none pre-ticked, *necessary* on and
disabled), its description and services, and **Save choices**. The stories use an in-memory fake client
(\`widgets/test-support/fake-consent-client.ts\`); on a partner page the script tag's \`window.matbakh.client\` is used.

\`\`\`html
<mb-consent-banner></mb-consent-banner>                      <!-- uses window.matbakh.client -->
<mb-consent-banner layout="dialog" lang="en" theme="dark"></mb-consent-banner>
<mb-privacy-center mode="dialog" listen></mb-privacy-center>  <!-- opens from the banner's "Privacy center" -->
\`\`\`

| Attribute / property | Type | Default | |
|---|---|---|---|
| \`layout\` | \`'bar' \\| 'dialog'\` | policy's \`banner.layout\`, else \`bar\` | \`bar\`: non-modal bottom bar, fixed, takes no space, no focus trap. \`dialog\`: modal (role=dialog, aria-modal), focus moves in, Tab cycles, Escape steps back to the bar only if an earlier decision exists, focus returns. |
| \`theme\` | \`light \\| dark \\| high-contrast \\| system\` | \`light\` | Token preset. |
| \`lang\` | \`de \\| en \\| ar\` | the page's \`lang\`, else the browser's | Arabic renders right-to-left. |
| \`client\` (property) | \`ConsentClient\` | \`window.matbakh.client\` | \`{ consent: ConsentControls, privacy: PrivacyControls }\`. |
| \`visible\` (read-only) | \`boolean\` | | Whether it is asking right now. |

| Event | Detail | When |
|---|---|---|
| \`mb-consent-change\` | \`{ choices, channels, action, source: 'banner' }\` | The visitor accepted, rejected or saved. Never for programmatic changes. |
| \`mb-privacy-open\` | \`null\` | The visitor asked for the privacy center. |

Texts: every key of the catalog (\`banner.title\`, \`banner.accept\`, \`banner.reason.first_visit\`, …) can be overridden
per locale in the policy's \`texts\`.

**CSS parts:** \`base\`, \`backdrop\`, \`title\`, \`text\`, \`reason\`, \`gpc\`, \`notice\`, \`error\`, \`links\`, \`link\`,
\`details\`, \`actions\`, \`choice\` (both), \`accept\`, \`reject\`, \`customize\`, \`retry\`, \`categories\`, \`category\`,
\`switch\`, \`category-description\`, \`services\`, \`save\`, \`toast\`.

**CSS custom properties** (on the element; each falls back to a system token): \`--mb-consent-banner-surface\`,
\`-text\`, \`-border\`, \`-radius\`, \`-shadow\`, \`-padding\`, \`-inset\`, \`-max-width\`, \`-dialog-width\`, \`-z-index\`,
\`-backdrop\`, \`-title-size\`, \`-choice-surface\` and \`-choice-text\` (Accept *and* Reject), \`-button-radius\`,
\`-link\`; \`--mb-switch-track-on\`; plus every system token (\`--mb-color-primary\`, …).

The toolbar's **Theme** and **Locale** apply to the widgets of every story.
`;

const meta: Meta<Args> = {
  title: 'Widgets/Consent banner',
  component: CONSENT_BANNER_TAG,
  subcomponents: { [PRIVACY_CENTER_TAG]: PRIVACY_CENTER_TAG },
  render: (args) => render(args),
  args: { client: {} },
  argTypes: {
    layout: { control: 'inline-radio', options: ['bar', 'dialog'], description: 'Attribute `layout`' },
    client: { control: false },
  },
  parameters: {
    layout: 'padded',
    docs: { description: { component: DOCS }, story: { inline: true } },
  },
};
export default meta;

type Story = StoryObj<Args>;

export const FirstVisit: Story = {
  name: 'First visit',
};

export const PolicyChanged: Story = {
  name: 'Policy changed',
  args: { client: { view: decidedView({ needsDecision: true, reason: 'policy_changed' }) } },
  parameters: {
    docs: {
      description: { story: 'Decided under an older policy version: asked again, the first sentence says why.' },
    },
  },
};

export const NewCategory: Story = {
  name: 'New category / expired',
  args: { client: { view: decidedView({ needsDecision: true, reason: 'new_category' }) } },
};

export const GpcOn: Story = {
  name: 'GPC on',
  args: { client: { view: { gpc: true } } },
  parameters: {
    docs: { description: { story: "The browser sends Global Privacy Control: a note says it's honoured." } },
  },
};

export const CustomizeOpen: Story = {
  name: 'Customize open',
  play: async ({ canvasElement }) => {
    const banner = canvasElement.querySelector<MbConsentBanner>('mb-consent-banner');
    await banner?.updateComplete;
    banner?.shadowRoot?.querySelector<HTMLButtonElement>('[part~="customize"]')?.click();
  },
};

export const Saved: Story = {
  name: 'Saved (hidden)',
  args: { client: { view: decidedView() } },
  render: (args) =>
    render(
      args,
      html`<p
        role="note"
        style="margin: 1rem 0; padding: 0.75rem 1rem; border-inline-start: 4px solid #1e7a3a; background: #eef7f0; max-inline-size: 40rem"
      >
        The visitor has decided: the banner is hidden (it renders nothing and takes no space). Press “Reset to first
        visit” below to see it again.
      </p>`,
    ),
};

export const ServerError: Story = {
  name: 'Server error (config)',
  args: { client: { view: { config: 'error', policy: undefined }, fail: { reload: true } } },
  parameters: {
    docs: {
      description: {
        story:
          'The policy could not be loaded: Reject and Accept still work (necessary-only works offline) and a retry is offered.',
      },
    },
  },
};

export const Offline: Story = {
  name: 'Offline (ledger)',
  args: {
    client: {
      view: decidedView({ needsDecision: true, reason: 'expired', ledger: 'offline' }),
      ledgerAfterDecision: 'offline',
    },
  },
  parameters: {
    docs: {
      description: {
        story:
          'The proof of consent could not be sent: a quiet notice says the choice is saved on this device. Decide again to see the notice that stays after the banner closes.',
      },
    },
  },
};

export const Dialog: Story = {
  name: 'Dialog layout',
  args: { layout: 'dialog' },
  parameters: {
    docs: {
      description: {
        story: 'Modal: focus moves in and Tab cycles inside. On a first visit Escape does nothing.',
      },
    },
  },
};

export const DialogWithEarlierDecision: Story = {
  name: 'Dialog layout, earlier decision',
  args: { layout: 'dialog', client: { view: decidedView({ needsDecision: true, reason: 'expired' }) } },
  parameters: {
    docs: {
      description: { story: 'An earlier decision stays in force: Escape steps back to the bar and focus returns.' },
    },
  },
};

export const TenantTexts: Story = {
  name: 'Texts from the policy',
  args: {
    client: {
      view: {
        policy: {
          ...DEFAULT_CONSENT_POLICY,
          texts: {
            de: {
              'banner.title': 'Cookies in der Demo-Küche',
              'banner.accept': 'Alles erlauben',
              'banner.reject': 'Alles ablehnen',
            },
            en: {
              'banner.title': 'Cookies at the demo kitchen',
              'banner.accept': 'Allow all',
              'banner.reject': 'Refuse all',
            },
            ar: { 'banner.title': 'ملفات تعريف الارتباط في مطبخنا' },
          },
        },
      },
    },
  },
};
