import type { MbTour } from '@matbakh/widgets/tour/tour.component.ts';
// Registration module, imported by a used binding: widgets/package.json's `sideEffects` does not list
// `<name>.ts` registration files, so a bare `import '…/tour.ts'` is tree-shaken in a production build.
import { TOUR_TAG } from '@matbakh/widgets/tour/tour.ts';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { createFakeTourClient, type FakeTourClientOptions } from '../widgets/test-support/fake-tour-client.ts';
import { type LiveArgs, type LiveMode, liveClient, liveStory } from './support/live-client.ts';

interface Args {
  tourId: string;
  audience?: 'guest' | 'owner';
  /** Host-page elements the story renders (the tour's anchors), by id. */
  anchors: string[];
  client: FakeTourClientOptions;
  note?: string;
}

const LABELS: Record<string, string> = {
  menu: 'Speisekarte',
  preferences: 'Vorlieben',
  cart: 'Warenkorb (2)',
  dashboard: 'Dashboard',
  insights: 'Hinweise',
};

/** Appends a line to the story's event log. */
function log(event: Event): void {
  const output = (event.currentTarget as HTMLElement).closest('.story-frame')?.querySelector('output');
  if (!output) return;
  const line = document.createElement('div');
  line.textContent = `${event.type} ${JSON.stringify((event as CustomEvent).detail)}`;
  output.prepend(line);
}

/** Replaces the tour with a fresh one and a fresh fake client: the first visit again. */
function restart(event: Event, args: Args): void {
  const frame = (event.currentTarget as HTMLElement).closest('.story-frame');
  const old = frame?.querySelector<MbTour>(TOUR_TAG);
  if (!old) return;
  const fresh = old.cloneNode() as MbTour;
  fresh.client = createFakeTourClient(args.client);
  old.replaceWith(fresh);
}

/**
 * A stand-in host page holding the anchors. The frame has a `transform`, so it is the containing block of the
 * tour's `position: fixed` popover and ring: each story keeps them inside its own frame.
 */
function hostPage(args: Args, client: unknown): TemplateResult {
  const owner = args.audience === 'owner';
  return html`<div class="story-frame" style="display: grid; gap: 0.75rem; font-family: system-ui, sans-serif">
    <div
      style="position: relative; transform: translateZ(0); overflow: auto; block-size: 26rem; border: 1px solid #c4bdb3; border-radius: 8px; background: #fff; color: #211e1b"
      @mb-tour-step=${log}
      @mb-tour-complete=${log}
      @mb-tour-dismiss=${log}
    >
      <header style="display: flex; gap: 0.75rem; align-items: center; padding: 0.75rem 1.5rem; border-block-end: 1px solid #ddd8d1">
        <strong style="margin-inline-end: auto">${owner ? 'Matbakh · Restaurant-Verwaltung' : 'Matbakh Demo-Küche'}</strong>
        ${args.anchors.map((id) => html`<button type="button" id=${id}>${LABELS[id] ?? id}</button>`)}
      </header>
      <main style="padding: 1rem 1.5rem 30rem">
        ${args.note ? html`<p role="note" style="margin: 0 0 1rem; max-inline-size: 36rem">${args.note}</p>` : nothing}
        <p style="margin: 0; max-inline-size: 36rem">
          Falafel-Wrap · Hummus · Fattoush · Mandelkuchen. Scroll this page: the step follows its anchor and hides
          while the anchor is out of view.
        </p>
      </main>
      <mb-tour .client=${client} tour-id=${args.tourId} audience=${ifDefined(args.audience)}></mb-tour>
    </div>
    <div style="display: flex; gap: 0.5rem; align-items: center; font-size: 0.875rem">
      <button type="button" @click=${(event: Event) => restart(event, args)}>Restart (first visit)</button>
      <span>Events (newest first):</span>
    </div>
    <output style="display: block; min-block-size: 2rem; font: 0.8125rem ui-monospace, monospace; white-space: pre-wrap"></output>
  </div>`;
}

const DOCS = `
An onboarding tour: the steps of the tenant's tour \`tour-id\` from \`GET /v1/config\` (the SDK's \`rulesPlugin()\`,
\`client.actions.tour(id, { role })\`), chosen for the visitor's segment — guest or owner, new or returning
(\`client.actions.visitor()\`). Each step is a non-modal popover anchored beside the host element its \`anchor\`
selector names (floating-ui: flips, shifts, follows scroll and resize, hides while the anchor is scrolled away),
with a highlight ring drawn by a separate overlay — the host page's element is never restyled. A step whose
anchor is not on the page is skipped and not counted; an anchor outside the viewport is scrolled into view
(nearest edge, not smooth) when its step opens. The stories use an in-memory fake client
(\`widgets/test-support/fake-tour-client.ts\`, the demo tenant's \`DEMO_TOURS\`); no network.

\`\`\`html
<mb-tour tour-id="guest-welcome"></mb-tour>                    <!-- uses window.matbakh.client -->
<mb-tour tour-id="owner-welcome" audience="owner" lang="en"></mb-tour>
\`\`\`

| Attribute / property | Type | Default | |
|---|---|---|---|
| \`tour-id\` / \`tourId\` | \`string\` | | The tour's id in the config. |
| \`audience\` | \`'guest' \\| 'owner'\` | the client's (\`role\` trait, else \`guest\`) | Segment role to pick the tour for. (Not \`role\`: that is the ARIA attribute, and \`role="guest"\` is invalid ARIA.) |
| \`theme\` | \`light \\| dark \\| high-contrast \\| system\` | \`light\` | Token preset. |
| \`lang\` | \`de \\| en \\| ar\` | the page's \`lang\`, else the browser's | Arabic renders right-to-left. |
| \`client\` (property) | \`TourClientLike\` | \`window.matbakh.client\` | \`{ actions: { tour, tourProgress, saveTourProgress, featureEnabled, $state } }\`. |

| Event | Detail | When |
|---|---|---|
| \`mb-tour-step\` | \`{ tourId, stepId, index }\` (\`index\` in the tour's steps) | The visitor pressed Next or Back. |
| \`mb-tour-complete\` | \`{ tourId }\` | The visitor pressed Done on the last step. |
| \`mb-tour-dismiss\` | \`{ tourId, stepId }\` | The visitor pressed End tour or Escape. |

Events fire for the visitor's actions only: never when the tour opens, resumes, or closes because consent or
\`tour-id\` changed.

**Progress and privacy:** progress is saved through the client on every step change (\`saveTourProgress\`), so the
tour resumes at the saved step, also on another page; once finished or ended it never shows again. Nothing shows
while \`client.actions.featureEnabled('tour')\` is false: \`personalization\` consent not granted, or tours switched
off in the privacy center. A consent change is picked up at once (\`client.consent.$view\`).

**Keyboard and accessibility:** each step is \`role="dialog"\` (non-modal) labelled by its heading and described by
the progress and text. When a step opens, focus moves to its heading; Tab reaches End tour, Back (disabled on the
first step) and Next / Done; Enter or Space press them; **Escape** (focus inside the step) ends the tour like End
tour. When the tour ends, focus returns to where it was before it opened. The page stays usable (no focus
trap). The popover fades in over \`--mb-motion-duration-m\`, which is zero under \`prefers-reduced-motion\`.

**CSS parts:** \`base\` (the popover), \`arrow\`, \`highlight\` (the ring), \`progress\`, \`title\`, \`body\`, \`back\`,
\`next\`, \`skip\`. **Slots:** none (texts come from the config).

**CSS custom properties** (on the element; each falls back to a system token): \`--mb-tour-surface\`, \`-text\`,
\`-muted\`, \`-border\`, \`-radius\`, \`-padding\`, \`-shadow\`, \`-width\`, \`-z-index\`, \`-next-surface\`, \`-next-text\`,
\`-button-radius\`, \`-highlight\` (ring colour), \`-highlight-width\`, \`-highlight-offset\`, \`-highlight-shadow\` (e.g.
\`0 0 0 100vmax rgb(0 0 0 / 0.3)\` to dim the page); plus every system token.

The toolbar's **Theme** and **Locale** apply to the widgets of every story. Each story renders in its own frame
on this page (the tours move focus when they open).
`;

/** Storybook calls `render(args, context)`: the fake client must not come from its second argument. */
const render = (args: Args): TemplateResult => hostPage(args, createFakeTourClient(args.client));

const meta: Meta<Args> = {
  title: 'Widgets/Tour',
  component: TOUR_TAG,
  render,
  args: { tourId: 'guest-welcome', anchors: ['menu', 'preferences', 'cart'], client: {} },
  argTypes: {
    tourId: {
      control: 'inline-radio',
      options: ['guest-welcome', 'owner-welcome'],
      description: 'Attribute `tour-id`',
    },
    audience: { control: 'inline-radio', options: ['guest', 'owner'], description: 'Attribute `audience`' },
    anchors: { control: false },
    client: { control: false },
    note: { control: false },
  },
  parameters: {
    layout: 'padded',
    docs: { description: { component: DOCS }, story: { inline: false, iframeHeight: 560 } },
  },
};
export default meta;

type Story = StoryObj<Args>;

export const GuestWelcome: Story = {
  name: 'Guest welcome (new visitor)',
};

export const OwnerTour: Story = {
  name: 'Owner tour',
  args: { tourId: 'owner-welcome', audience: 'owner', anchors: ['dashboard', 'insights'] },
};

export const Resumed: Story = {
  name: 'Resumed at step 2',
  args: {
    client: { progress: { 'guest-welcome': { step: 1, status: 'active' } } },
    note: 'The visitor left the tour at step 2 on an earlier page: it resumes there.',
  },
};

export const MissingAnchor: Story = {
  name: 'Missing anchor',
  args: {
    anchors: ['menu', 'cart'],
    note: 'This page has no “Vorlieben” element: that step is skipped and the progress counts 2 steps.',
  },
};

export const NotShown: Story = {
  name: 'Not shown (no consent, finished, returning visitor)',
  args: {
    client: { enabled: false },
    note: 'Personalization consent is not granted: no tour. The same happens once the tour was finished or ended, and for a returning visitor (the guest welcome is for new visitors).',
  },
};

type LiveTourArgs = LiveArgs & Pick<Args, 'tourId' | 'anchors'>;

/** The real rules plugin (`client.actions.tour`) with the demo tenant's tours from the mock's `GET /v1/config`. */
function liveTour(mode: LiveMode, description: string): StoryObj<LiveTourArgs> {
  return {
    ...liveStory(description, { tourId: 'guest-welcome', anchors: ['menu', 'preferences', 'cart'] }),
    render: ({ consent, mode: chosen, tourId, anchors }) =>
      hostPage({ tourId, anchors, client: {} }, liveClient({ consent, mode: chosen, routes: ['/v1/config'] })),
    args: { consent: 'granted', mode, tourId: 'guest-welcome', anchors: ['menu', 'preferences', 'cart'] },
  };
}

export const FromTheApi: StoryObj<LiveTourArgs> = {
  name: 'From the API (real SDK, msw mocks)',
  ...liveTour(
    'ok',
    "The tour `guest-welcome` from the mock's `GET /v1/config` (`DEMO_TOURS`), shown once personalization consent is granted.",
  ),
};

export const Loading: StoryObj<LiveTourArgs> = {
  name: 'Loading (config answers after 1.5 s)',
  ...liveTour(
    'slow',
    'While the tenant config is on its way the tour shows nothing (no empty popover, no ring); its first step opens when the config arrives.',
  ),
};

export const ConfigError: StoryObj<LiveTourArgs> = {
  name: 'Error (config 503: no tour)',
  // The mock API answers 503 on purpose: the smoke test expects the browser's "Failed to load resource" line.
  tags: ['failing-api'],
  ...liveTour(
    'error',
    'The config cannot be loaded (503): no tour is known, so nothing shows and the page stays as it is; no error reaches the visitor.',
  ),
};
