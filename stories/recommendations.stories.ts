// Registration module, imported by a used binding: widgets/package.json's `sideEffects` does not list every
// `<name>.ts` registration file, so a bare import could be tree-shaken in a production build.
import { RECOMMENDATION_CARD_TAG } from '@matbakh/widgets/recommendation-card/recommendation-card.ts';
import { RECOMMENDATIONS_TAG } from '@matbakh/widgets/recommendations/recommendations.ts';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  createFakeRecommendationsClient,
  type FakeRecommendationsClientOptions,
} from '../widgets/test-support/fake-recommendations-client.ts';
import { type LiveArgs, liveClient, liveStory } from './support/live-client.ts';

interface Args {
  layout: 'list' | 'carousel';
  audience: 'guest' | 'owner';
  limit: number;
  cardMedia: 'thumbnail' | 'cover';
  /** Width of the stand-in page's column, in px (0: as wide as the canvas). */
  width: number;
  client: FakeRecommendationsClientOptions;
}

/** The list in a stand-in host page, with a log of the `mb-*` events and the tracking calls below it. */
function render({ layout, audience, limit, cardMedia, width, client: options }: Args) {
  const client = createFakeRecommendationsClient({ latency: 400, ...options });
  const log = (event: Event) => {
    const output = (event.currentTarget as HTMLElement).closest('.story-frame')?.querySelector('output');
    if (!output) return;
    const detail = (event as CustomEvent).detail as Record<string, unknown> | null;
    const line = document.createElement('div');
    const shown = detail && 'item' in detail ? { ...detail, item: (detail.item as { id: string }).id } : detail;
    line.textContent = `${event.type} ${shown ? JSON.stringify(shown) : ''}`;
    output.prepend(line);
  };
  const showCalls = (event: Event) => {
    const frame = (event.currentTarget as HTMLElement).closest('.story-frame');
    const pre = frame?.querySelector('pre');
    if (pre) pre.textContent = client.calls.map((call) => JSON.stringify(call)).join('\n');
  };
  return html`<div class="story-frame" style="display: grid; gap: 0.75rem; font-family: system-ui, sans-serif">
    <div
      style="border: 1px solid #c4bdb3; border-radius: 8px; padding: 1rem; ${width ? `inline-size: ${width}px` : ''}"
      @mb-feedback=${log}
      @mb-recommendation-click=${(event: Event) => {
        event.preventDefault();
        log(event);
      }}
      @mb-explanation-open=${log}
      @mb-privacy-open=${log}
      @click=${(event: Event) => {
        // Links in the story do not navigate away.
        if ((event.composedPath()[0] as Element)?.closest?.('a')) event.preventDefault();
      }}
    >
      <mb-recommendations
        .client=${client}
        slot-id="home"
        layout=${layout}
        audience=${audience}
        limit=${limit}
        card-media=${cardMedia}
      ></mb-recommendations>
    </div>
    <div style="display: flex; gap: 0.5rem; align-items: center; font-size: 0.875rem">
      <span>Events (newest first):</span>
      <button type="button" @click=${showCalls}>Show client calls (get, feedback, tracking)</button>
    </div>
    <output style="display: block; min-block-size: 2rem; font: 0.8125rem ui-monospace, monospace; white-space: pre-wrap"></output>
    <pre style="font: 0.75rem ui-monospace, monospace; white-space: pre-wrap"></pre>
  </div>`;
}

const DOCS = `
Recommendations for a placement, as a responsive list or a carousel of \`<mb-recommendation-card>\`s, from the SDK's
\`client.recommendations.get({ slot, limit, context: { audience, region }, locale })\` (\`recommendationsPlugin()\`).
Every card says *why* it is shown; "How recommendations work" opens the server's plain-language statement (DSA
Art. 27 spirit), and a line says whether the list is personalized — and if not, why, with a way to the privacy
settings. The stories use an in-memory fake client (\`widgets/test-support/fake-recommendations-client.ts\`, 400 ms
latency); on a partner page the script tag's \`window.matbakh.client\` is used.

\`\`\`html
<mb-recommendations slot-id="home" limit="6"></mb-recommendations>
<mb-recommendations slot-id="menu" layout="carousel" region="Berlin" lang="ar" theme="dark"></mb-recommendations>
<mb-recommendations slot-id="owner-dashboard" audience="owner" limit="3"></mb-recommendations>
\`\`\`

| Attribute / property | Type | Default | |
|---|---|---|---|
| \`slot-id\` | \`string\` | \`home\` | Placement, sent as \`slot\`. |
| \`limit\` | \`number\` 1–50 | \`6\` | How many cards (and skeletons). |
| \`layout\` | \`list \\| carousel\` | \`list\` | Grid (in a container narrower than 29em: one row that scrolls sideways), or a scroller with roving focus (←/→, Home/End) and previous/next buttons. |
| \`card-media\` | \`thumbnail \\| cover\` | \`thumbnail\` | The cards' pictures: a square beside the title (a dish without image: its initial on a tinted tile; every card as tall as its skeleton), or the image above the text. |
| \`audience\` | \`guest \\| owner\` | \`guest\` | Dishes and restaurants, or features and services for restaurant owners. |
| \`region\` | \`string\` | — | Sent as context. |
| \`impression-delay\` | \`number\` (ms) | \`1000\` | How long ≥ 50 % of a card must be visible to count as seen. |
| \`impressionWindow\` (property) | \`number\` (ms) | \`5000\` | After the first seen card, when \`Product List Viewed\` is sent (earlier when all were seen or the list goes away). |
| \`theme\`, \`lang\` | | \`light\`, page's | As every \`mb-*\` widget; Arabic renders right-to-left. |
| \`client\` (property) | \`RecommendationsClientLike\` | \`window.matbakh.client\` | \`{ recommendations: { get, $recommendations?, feedback, explanation, trackListViewed, trackClick } }\`. |
| \`load()\` (method) | | | Asks again (what "Try again" does). |

| Event | Detail | When |
|---|---|---|
| \`mb-feedback\` | \`{ itemId, requestId, kind: 'not_interested' \\| 'more_like_this' }\` | A card's feedback button (sent to the client; "not interested" removes the card, animated, focus kept). |
| \`mb-recommendation-click\` | \`{ item, requestId, position }\` | A card's link (tracked as \`Product Clicked\`). |
| \`mb-explanation-open\` | \`{ itemId? }\` | "How recommendations work" (the list opens its dialog). |
| \`mb-privacy-open\` | \`null\` | "Privacy settings": an \`<mb-privacy-center listen>\` opens. |

None is fired for programmatic changes. Tracking (through \`client.track\`, so the consent gate applies): \`Product List
Viewed\` once per response with the cards seen (≥ 50 % for 1 s), \`Product Clicked\` on a link, both with \`request_id\`.

**Slot:** \`heading\` replaces the heading text.
**CSS parts:** \`base\`, \`header\`, \`heading\`, \`basis\`, \`privacy\`, \`how\`, \`notice\`, \`list\`, \`item\`, \`card\`, \`skeleton\`,
\`state\`, \`retry\`, \`previous\`, \`next\`, \`dialog\`, \`dialog-title\`, \`close\`.
**CSS custom properties:** \`--mb-recommendations-gap\`, \`-card-min-width\`, \`-slide-width\`, \`-item-min-height\`,
\`-heading-size\`, \`-padding\`, \`-surface\`; plus the card's and every system token.

**Narrow containers** (the element's own width, a CSS container query — a phone, a dashboard column): the list
becomes one row of cards that scrolls sideways and snaps, the next card peeking in at the edge; right-to-left it
starts at the right. It stays a list (\`ul\`/\`li\`), named by the heading, and is a tab stop while it scrolls (arrow
keys scroll it); Tab walks through every card's controls, each card scrolling into view.

**Accessibility:** a labelled section; skeletons are \`aria-busy\` with a polite status; the carousel follows the APG
carousel pattern (slides labelled "2 of 6: …", one tab stop, the other slides' controls out of the Tab order); the
explanation is a modal \`<dialog>\` (Escape closes, focus returns); removals are announced.
`;

const meta: Meta<Args> = {
  title: 'Widgets/Recommendations',
  component: RECOMMENDATIONS_TAG,
  subcomponents: { [RECOMMENDATION_CARD_TAG]: RECOMMENDATION_CARD_TAG },
  render,
  args: { layout: 'list', audience: 'guest', limit: 6, cardMedia: 'thumbnail', width: 0, client: {} },
  argTypes: {
    layout: { control: 'inline-radio', options: ['list', 'carousel'], description: 'Attribute `layout`' },
    audience: { control: 'inline-radio', options: ['guest', 'owner'], description: 'Attribute `audience`' },
    limit: { control: { type: 'number', min: 1, max: 8 }, description: 'Attribute `limit`' },
    cardMedia: { control: 'inline-radio', options: ['thumbnail', 'cover'], description: 'Attribute `card-media`' },
    width: { control: { type: 'range', min: 0, max: 1000, step: 10 }, description: 'Column width (px, 0: full)' },
    client: { control: false },
  },
  parameters: { layout: 'padded', docs: { description: { component: DOCS }, story: { inline: true } } },
};
export default meta;
type Story = StoryObj<Args>;

export const List: Story = { name: 'List, not personalized' };

export const Personalized: Story = {
  name: 'List, personalized',
  args: { client: { personalized: true } },
};

export const ColdStart: Story = {
  name: 'Not personalized yet (cold start)',
  args: { client: { basisReason: 'cold_start' } },
};

export const Phone: Story = {
  name: 'Phone (a 358 px column): one row',
  args: { limit: 4, width: 358 },
  parameters: {
    docs: {
      description: {
        story:
          'The container, not the viewport, decides: in a column narrower than 29em the list is one row that scrolls sideways, one card tall, the next card peeking in.',
      },
    },
  },
};

export const Covers: Story = {
  name: 'List with covers (card-media="cover")',
  args: { cardMedia: 'cover' },
};

export const Carousel: Story = {
  name: 'Carousel',
  args: { layout: 'carousel', client: { personalized: true } },
};

export const Loading: Story = {
  name: 'Loading (skeletons)',
  args: { client: { hang: true } },
};

export const Empty: Story = { name: 'Empty', args: { client: { items: [] } } };

export const ErrorState: Story = {
  name: 'Error (retry)',
  args: { client: { error: { code: 'server', status: 503, message: 'unavailable' } } },
};

export const Offline: Story = {
  name: 'Offline (on-device fallback)',
  args: { client: { offline: true } },
  parameters: {
    docs: { description: { story: 'The SDK ranked its catalogue snapshot on the device: a notice says so.' } },
  },
};

export const OfflineCarousel: Story = {
  name: 'Offline, carousel',
  args: { layout: 'carousel', client: { offline: true } },
};

export const Owner: Story = {
  name: 'Owner: feature recommendations',
  args: { audience: 'owner', limit: 3, client: { personalized: true } },
};

/** The real SDK (`recommendationsPlugin()` and the others) against the msw mock API; consent and API state from the controls. */
export const FromTheApi: StoryObj<LiveArgs & Pick<Args, 'layout' | 'audience' | 'limit'>> = {
  name: 'From the API (real SDK, msw mocks)',
  ...liveStory(
    'The fixture dishes (owner: features) with their localized reasons, "How recommendations work" from `/v1/recommendations/explanation`, feedback to `/v1/feedback`. Consent granted: `personalized: true`; refused or pending: popularity only, and the basis line says why. Mode error or offline: the SDK ranks on the device when it can, else the error state.',
  ),
  render: ({ consent, mode, layout, audience, limit }) => {
    const client = liveClient({
      consent,
      mode,
      routes: ['/v1/recommendations', '/v1/feedback', '/v1/catalog'],
    });
    return html`<div
      style="border: 1px solid #c4bdb3; border-radius: 8px; padding: 1rem"
      @click=${(event: Event) => {
        // Links in the story do not navigate away.
        if ((event.composedPath()[0] as Element)?.closest?.('a')) event.preventDefault();
      }}
    >
      <mb-recommendations
        .client=${client}
        slot-id="home"
        layout=${layout}
        audience=${audience}
        limit=${limit}
      ></mb-recommendations>
    </div>`;
  },
};
