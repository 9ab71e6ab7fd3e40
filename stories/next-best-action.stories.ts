import type { Rule } from '@matbakh/contract';
import { DEMO_RULES } from '@matbakh/demo';
import type { ActionView } from '@matbakh/widgets/next-best-action/actions-client.ts';
import type { MbNextBestAction } from '@matbakh/widgets/next-best-action/next-best-action.component.ts';
// Registration module, imported by a used binding: widgets/package.json's `sideEffects` does not list
// `<name>.ts` registration files, so a bare `import '…/next-best-action.ts'` is tree-shaken in a production build.
import { NEXT_BEST_ACTION_TAG } from '@matbakh/widgets/next-best-action/next-best-action.ts';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { createFakeActionsClient, SAMPLE_ACTIONS } from '../widgets/test-support/fake-actions-client.ts';
import { type LiveArgs, liveClient, liveStory } from './support/live-client.ts';

interface Args {
  placement: string;
  /** Id of a host-page button to anchor a popover to (unique per story: the docs page shows them together). */
  anchor?: string;
  /** What the rules engine found eligible, best first (the fake client's queue). */
  actions: ActionView[];
  note?: string;
}

/** A demo rule's action as the engine hands it to the widget. */
const fromRule = (rule: Rule): ActionView => ({ id: rule.id, placement: rule.placement, ...rule.action });
const rule = (id: string) => fromRule(DEMO_RULES.find((item) => item.id === id) as Rule);

function log(event: Event): void {
  const output = (event.currentTarget as HTMLElement).closest('.story-frame')?.querySelector('output');
  if (!output) return;
  const line = document.createElement('div');
  line.textContent = `${event.type} ${JSON.stringify((event as CustomEvent).detail)}`;
  output.prepend(line);
}

/** Replaces the widget with a fresh one and a fresh fake client: every action eligible again. */
function reset(event: Event, args: Args): void {
  const old = (event.currentTarget as HTMLElement)
    .closest('.story-frame')
    ?.querySelector<MbNextBestAction>(NEXT_BEST_ACTION_TAG);
  if (!old) return;
  const fresh = old.cloneNode() as MbNextBestAction;
  fresh.client = createFakeActionsClient([...args.actions]);
  old.replaceWith(fresh);
}

/**
 * A stand-in host page. The frame has a `transform`, so it is the containing block of an anchored popover's
 * `position: fixed`: each story keeps its popover inside its own frame on the docs page.
 */
function render(args: Args): TemplateResult {
  const client = createFakeActionsClient([...args.actions]);
  return html`<div class="story-frame" style="display: grid; gap: 0.75rem; font-family: system-ui, sans-serif">
    <div
      style="position: relative; transform: translateZ(0); overflow: auto; min-block-size: ${args.anchor ? '24rem' : '12rem'}; border: 1px solid #c4bdb3; border-radius: 8px; background: #fff; color: #211e1b; padding: 1rem 1.5rem"
      @mb-action-accept=${log}
      @mb-action-dismiss=${log}
      @mb-action-snooze=${log}
    >
      <h1 style="margin: 0 0 0.5rem; font-size: 1.5rem">Matbakh Demo-Küche</h1>
      ${args.note ? html`<p role="note" style="margin: 0 0 1rem; max-inline-size: 36rem">${args.note}</p>` : nothing}
      ${args.anchor ? html`<button type="button" id=${args.anchor}>Bestellungen</button>` : nothing}
      <mb-next-best-action
        .client=${client}
        placement=${args.placement}
        anchor=${ifDefined(args.anchor ? `#${args.anchor}` : undefined)}
        style="max-inline-size: 28rem; margin-block-start: 1rem"
      ></mb-next-best-action>
    </div>
    <div style="display: flex; gap: 0.5rem; align-items: center; font-size: 0.875rem">
      <button type="button" @click=${(event: Event) => reset(event, args)}>Reset</button>
      <span>Events (newest first):</span>
    </div>
    <output style="display: block; min-block-size: 2rem; font: 0.8125rem ui-monospace, monospace; white-space: pre-wrap"></output>
  </div>`;
}

const DOCS = `
The best next step for the visitor at one place of the page — a tip, an upsell or a prompt from the tenant's
declarative rules (\`GET /v1/config\`), evaluated on the device by the SDK's \`rulesPlugin()\`
(\`client.actions.$next(placement)\`) — with the reason it appears ("Why? …"). Renders nothing while no action is
eligible. Inline by default; with \`anchor\` it floats as a non-modal popover beside that host element (floating-ui:
flips, shifts, follows scroll and resize, hides while the anchor is scrolled away; a missing anchor falls back to
inline). The engine decides eligibility: conditions, priority, caps, cooldowns, expiry, and consent — marketing
prompts and upsells need \`marketing\`. The stories use an in-memory fake client
(\`widgets/test-support/fake-actions-client.ts\`) whose queue stands for what the engine found eligible;
answering an action brings up the next one. No network.

\`\`\`html
<mb-next-best-action placement="home"></mb-next-best-action>            <!-- uses window.matbakh.client -->
<mb-next-best-action placement="home" anchor="#orders" lang="en"></mb-next-best-action>
\`\`\`

| Attribute / property | Type | Default | |
|---|---|---|---|
| \`placement\` | \`string\` | \`home\` | Which rules' placement to show. |
| \`anchor\` | CSS selector | | Host element to anchor a popover to; unset: inline. |
| \`snooze-hours\` / \`snoozeHours\` | \`number\` | \`24\` | How long "Remind me later" waits. |
| \`theme\` | \`light \\| dark \\| high-contrast \\| system\` | \`light\` | Token preset. |
| \`lang\` | \`de \\| en \\| ar\` | the page's \`lang\`, else the browser's | Arabic renders right-to-left. |
| \`client\` (property) | \`ActionsClientLike\` | \`window.matbakh.client\` | \`{ actions: { $next(placement), record(id, outcome, options?) } }\`. |

| Event | Detail | When |
|---|---|---|
| \`mb-action-accept\` | \`{ actionId, placement }\` | The visitor chose the call to action. |
| \`mb-action-snooze\` | \`{ actionId, placement }\` | "Remind me later", or Escape in the popover. |
| \`mb-action-dismiss\` | \`{ actionId, placement }\` | "Don't show again". |

Each answer is recorded through the client (\`Action Accepted/Snoozed/Dismissed\`, feeding caps and cooldowns);
the action is recorded as shown once (\`Action Shown\`). No event on programmatic changes.

**Keyboard and accessibility:** inline it is a \`region\`, anchored a non-modal \`dialog\`, labelled by its title and
described by its text and reason. An anchored popover does not take focus when it appears (an unrequested tip
must not move the visitor): it is reached with Tab. Escape inside the popover snoozes (never a permanent
dismissal); after an answer from inside, focus moves to the next action or back to the anchor. Links open in a
new tab and say so to screen readers; only http(s) links are rendered.

**CSS parts:** \`base\`, \`arrow\`, \`title\`, \`body\`, \`reason\`, \`actions\`, \`cta\`, \`snooze\`, \`dismiss\`.
**Slots:** none (texts come from the rule).

**CSS custom properties** (on the element; each falls back to a system token): \`--mb-nba-surface\`, \`-text\`,
\`-muted\`, \`-border\`, \`-radius\`, \`-padding\`, \`-shadow\`, \`-popover-width\`, \`-z-index\`, \`-cta-surface\`,
\`-cta-text\`, \`-button-radius\`; plus every system token.

The toolbar's **Theme** and **Locale** apply to the widgets of every story.
`;

const meta: Meta<Args> = {
  title: 'Widgets/Next best action',
  component: NEXT_BEST_ACTION_TAG,
  render,
  args: { placement: 'home', actions: SAMPLE_ACTIONS },
  argTypes: {
    placement: { control: 'text', description: 'Attribute `placement`' },
    anchor: { control: false },
    actions: { control: false },
    note: { control: false },
  },
  parameters: {
    layout: 'padded',
    docs: { description: { component: DOCS }, story: { inline: true } },
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Inline: Story = {
  name: 'Inline (prompt)',
};

export const Anchored: Story = {
  name: 'Anchored popover',
  args: { anchor: 'nba-anchor-orders' },
  parameters: {
    docs: { description: { story: 'Floats below “Bestellungen”; Tab reaches it, Escape snoozes.' } },
  },
};

export const Upsell: Story = {
  name: 'Upsell',
  args: { placement: 'owner-home', actions: [rule('owner-pro-upsell'), rule('owner-analytics-tip')] },
  parameters: {
    docs: { description: { story: 'An owner with marketing consent: the Pro upsell, with a link to the offer.' } },
  },
};

export const Empty: Story = {
  name: 'Nothing eligible (empty)',
  args: {
    actions: [],
    note: 'No rule is eligible (caps reached, cooldown, conditions not met, or the feature switched off): the element renders nothing and takes no space.',
  },
};

export const MarketingWithoutConsent: Story = {
  name: 'Marketing without consent',
  args: {
    placement: 'owner-home',
    // What the engine finds eligible with `marketing` refused: the Pro upsell (priority 20, marketing) is left
    // out, the analytics tip (personalization) is shown.
    actions: [rule('owner-analytics-tip')],
    note: 'Marketing consent is refused: the Pro upsell is never eligible, the analytics tip (personalization) shows instead.',
  },
};

export const Rtl: Story = {
  name: 'Arabic (RTL), anchored',
  args: { anchor: 'nba-anchor-rtl' },
  globals: { locale: 'ar' },
};

/**
 * The real rules engine (`rulesPlugin()`) with the demo tenant's rules from the mock's `GET /v1/config`. The guest
 * chose vegan and ordered three times; the owner is on the Basic plan with 140 orders this month.
 */
export const FromTheApi: StoryObj<LiveArgs & Pick<Args, 'placement'>> = {
  name: 'From the API (real SDK, msw mocks)',
  ...liveStory(
    'The rules come from the mock\'s `GET /v1/config` (`DEMO_RULES`) and are evaluated on the device. Placement `home`: the guest chose vegan and ordered three times (`Order Completed`), so "The usual?" shows first, then the vegan tip. Placement `owner-home`: the owner (traits `role: owner`, `plan: basic`, `monthly_orders: 140`) sees the analytics tip, then the Pro upsell (needs marketing consent). Consent refused or pending: only rules needing no consent (the lunch tip between 11:00 and 14:00). Mode empty: a config without rules; error / offline: no rules, nothing shows.',
    { placement: 'home' },
    { placement: { control: 'select', options: ['home', 'owner-home'], description: 'Attribute `placement`' } },
  ),
  render: ({ consent, mode, placement }) => {
    const owner = placement === 'owner-home';
    const client = liveClient({
      consent,
      mode,
      routes: ['/v1/config'],
      setUp(live) {
        if (owner) {
          // The mock accepts any non-empty hash; a real page gets it from its backend (HMAC-SHA256).
          live.identify(
            'owner-7',
            { role: 'owner', plan: 'basic', monthly_orders: 140 },
            { userHash: 'story-user-hash' },
          );
          return;
        }
        live.preferences.set('diet', ['vegan']);
        for (const orderId of ['o-1039', 'o-1041', 'o-1042']) {
          live.track('Order Completed', { order_id: orderId, total: 11.5, currency: 'EUR' });
        }
      },
    });
    return html`<div class="story-frame" style="display: grid; gap: 0.75rem; font-family: system-ui, sans-serif">
      <div
        style="min-block-size: 12rem; border: 1px solid #c4bdb3; border-radius: 8px; background: #fff; color: #211e1b; padding: 1rem 1.5rem"
        @mb-action-accept=${log}
        @mb-action-dismiss=${log}
        @mb-action-snooze=${log}
        @click=${(event: Event) => {
          // Links in the story do not navigate away.
          if ((event.composedPath()[0] as Element)?.closest?.('a')) event.preventDefault();
        }}
      >
        <h1 style="margin: 0 0 0.5rem; font-size: 1.5rem">Matbakh Demo-Küche</h1>
        <mb-next-best-action
          .client=${client}
          placement=${placement}
          style="max-inline-size: 28rem; margin-block-start: 1rem"
        ></mb-next-best-action>
      </div>
      <span style="font-size: 0.875rem">Events (newest first):</span>
      <output style="display: block; min-block-size: 2rem; font: 0.8125rem ui-monospace, monospace; white-space: pre-wrap"></output>
    </div>`;
  },
};

export const Loading: StoryObj<LiveArgs & Pick<Args, 'placement'>> = {
  ...FromTheApi,
  name: 'Loading (config answers after 1.5 s)',
  args: { ...FromTheApi.args, consent: 'granted', mode: 'slow', placement: 'home' },
};

export const ConfigError: StoryObj<LiveArgs & Pick<Args, 'placement'>> = {
  ...FromTheApi,
  name: 'Error (config 503: nothing shows)',
  // The mock API answers 503 on purpose: the smoke test expects the browser's "Failed to load resource" line.
  tags: ['failing-api'],
  args: { ...FromTheApi.args, consent: 'granted', mode: 'error', placement: 'home' },
};
