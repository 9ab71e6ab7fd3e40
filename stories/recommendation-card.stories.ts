import type { RecommendationItem } from '@matbakh/contract';
import type { MbRecommendationCard } from '@matbakh/widgets/recommendation-card/recommendation-card.component.ts';
// Registration module, imported by a used binding (see recommendations.stories.ts).
import { RECOMMENDATION_CARD_TAG } from '@matbakh/widgets/recommendation-card/recommendation-card.ts';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { sampleItems } from '../widgets/test-support/fake-recommendations-client.ts';

interface Args {
  item: RecommendationItem;
  requestId: string;
  position: number;
  media: 'cover' | 'thumbnail';
  width: number;
}

const render = ({ item, requestId, position, media, width }: Args) => {
  const log = (event: Event) => {
    const output = (event.currentTarget as HTMLElement).closest('.story-frame')?.querySelector('output');
    if (!output) return;
    const detail = (event as CustomEvent).detail as Record<string, unknown> | null;
    const shown = detail && 'item' in detail ? { ...detail, item: (detail.item as { id: string }).id } : detail;
    const line = document.createElement('div');
    line.textContent = `${event.type} ${shown ? JSON.stringify(shown) : ''}`;
    output.prepend(line);
  };
  return html`<div class="story-frame" style="display: grid; gap: 0.75rem; font-family: system-ui, sans-serif">
    <div
      style="inline-size: ${width}px"
      @mb-feedback=${log}
      @mb-recommendation-click=${(event: Event) => log(event)}
      @mb-explanation-open=${log}
      @mb-privacy-open=${log}
      @click=${(event: Event) => {
        if ((event.composedPath()[0] as Element)?.closest?.('a')) event.preventDefault();
      }}
    >
      <mb-recommendation-card
        .item=${item}
        request-id=${requestId}
        position=${position}
        media=${media}
      ></mb-recommendation-card>
    </div>
    <span style="font-size: 0.875rem">Events (newest first):</span>
    <output style="display: block; min-block-size: 2rem; font: 0.8125rem ui-monospace, monospace; white-space: pre-wrap"></output>
  </div>`;
};

const DOCS = `
One recommendation: image (explicit \`width\`/\`height\`, lazy, in a box of fixed size: no layout shift), title
(a link only for http(s) URLs — \`javascript:\` renders no link), where it is from, price (\`Intl\` currency), tags and
the first reason. **Why this?** opens a popover next to the button (floating-ui: flips and shifts to stay in the
viewport, follows scroll and resize, hides with its button) listing every reason in plain language, with **How
recommendations work** and **Privacy settings**. Escape or the close button closes it and focus returns to the button;
a click outside or Tab past its end closes it too. Every server string is rendered as text.

\`\`\`js
card.item = recommendation; // a RecommendationItem from client.recommendations.get()
card.requestId = response.requestId;
card.position = 1;
\`\`\`

| Attribute / property | Type | Default | |
|---|---|---|---|
| \`item\` (property) | \`RecommendationItem\` | — | Unset: renders nothing. |
| \`request-id\` / \`requestId\` | \`string\` | \`''\` | Passed back in events (attribution). |
| \`position\` | \`number\` | \`0\` | 1-based position in its list. |
| \`locale\` | \`de \\| en \\| ar\` | \`lang\`, the page's | Locale of the card's own texts and the price. |
| \`inactive\` | \`boolean\` | \`false\` | Set by a carousel: the card's controls leave the Tab order. |
| \`media\` | \`cover \\| thumbnail\` | \`cover\` | The picture above the text (\`--mb-recommendation-card-media-ratio\`), or a square beside the title that never makes the card taller (\`<mb-recommendations>\` uses it). |
| \`theme\`, \`lang\` | | | As every \`mb-*\` widget. |
| \`show()\`, \`hide(returnFocus?)\`, \`focus()\` | methods | | Open/close the popover (no event); focus the first control. |

| Event | Detail | When |
|---|---|---|
| \`mb-recommendation-click\` | \`{ item, requestId, position }\` | The link was followed (navigation is not prevented). |
| \`mb-feedback\` | \`{ itemId, requestId, kind }\` | "Not interested" / "More like this", once per kind. |
| \`mb-explanation-open\` | \`{ itemId }\` | "How recommendations work" in the popover. |
| \`mb-privacy-open\` | \`null\` | "Privacy settings" in the popover. |

**A dish without image** shows its initial on a tile tinted with the theme's primary colour (decorative,
\`aria-hidden\`), in the picture's place: never a grey box. The same tile sits under an image while it loads or if it
fails. A feature without image shows no picture.

**CSS parts:** \`base\`, \`media\`, \`image\`, \`placeholder\`, \`initial\`, \`body\`, \`title\`, \`link\`, \`subtitle\`, \`price\`, \`tags\`, \`tag\`,
\`reason\`, \`actions\`, \`why\`, \`feedback\`, \`not-interested\`, \`more-like-this\`, \`status\`, \`popover\`, \`arrow\`,
\`popover-title\`, \`reasons\`, \`how\`, \`privacy\`, \`close\`.
**CSS custom properties:** \`--mb-recommendation-card-surface\`, \`-border\`, \`-radius\`, \`-shadow\`, \`-padding\`,
\`-media-ratio\`, \`-thumbnail-size\`, \`-tile\`, \`-popover-width\`, \`-z-index\`.

**Accessibility:** an \`article\` labelled by its title; the popover is a non-modal dialog (APG) labelled by its
heading, controlled by the button's \`aria-expanded\`; feedback buttons are described by the title and "More like
this" is a toggle (\`aria-pressed\`); confirmations go to a polite status.
`;

const dishes = sampleItems('guest', 'en');

const meta: Meta<Args> = {
  title: 'Widgets/Recommendation card',
  component: RECOMMENDATION_CARD_TAG,
  render,
  args: { item: dishes[0]!, requestId: 'req-42', position: 1, media: 'cover', width: 280 },
  argTypes: {
    item: { control: 'object' },
    media: { control: 'inline-radio', options: ['cover', 'thumbnail'], description: 'Attribute `media`' },
    width: { control: { type: 'range', min: 200, max: 480 } },
  },
  parameters: { layout: 'padded', docs: { description: { component: DOCS }, story: { inline: true } } },
};
export default meta;
type Story = StoryObj<Args>;

export const Dish: Story = {
  name: 'Dish',
  parameters: { docs: { description: { story: 'A dish without image: its initial on a tinted tile.' } } },
};

export const Thumbnail: Story = {
  name: 'Dish, thumbnail (media="thumbnail")',
  args: { media: 'thumbnail' },
  parameters: {
    docs: {
      description: {
        story: 'What `<mb-recommendations>` shows: the picture beside the title, the card as tall either way.',
      },
    },
  },
};

export const WhyOpen: Story = {
  name: '"Why this?" open',
  play: async ({ canvasElement }) => {
    const card = canvasElement.querySelector<MbRecommendationCard>('mb-recommendation-card');
    await card?.updateComplete;
    card?.shadowRoot?.querySelector<HTMLButtonElement>('[part~="why"]')?.click();
  },
};

export const OwnerFeature: Story = { name: 'Owner feature', args: { item: sampleItems('owner', 'en')[0]! } };

export const Hostile: Story = {
  name: 'Hostile data (rendered inert)',
  args: {
    item: {
      ...dishes[2]!,
      title: '<img src=x onerror=alert(1)> Shawarma',
      url: 'javascript:alert(1)',
      tags: ['<b>bold?</b>'],
      reasons: [{ code: 'popular', params: {}, text: '<script>alert(1)</script>' }],
    },
  },
  parameters: {
    docs: { description: { story: 'Markup shows as text, and the `javascript:` URL renders no link.' } },
  },
};
