import type { MbSearch } from '@matbakh/widgets/search/search.component.ts';
// Registration module, imported by a used binding: a bare import of a registration file is tree-shaken in a build.
import { SEARCH_TAG } from '@matbakh/widgets/search/search.ts';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { createFakeSearchClient, type FakeSearchMode } from '../widgets/test-support/fake-search-client.ts';

interface Args {
  /** What the guest has typed when the story opens ('' = nothing yet). */
  typed: string;
  /** How the stand-in client answers. */
  mode: FakeSearchMode;
  /** Focus the empty field when the story opens: the suggestions before typing. */
  focused?: boolean;
  /** The guest's recent searches on the device (kept only with the preferences consent). */
  recent?: string[];
}

function log(event: Event): void {
  const output = (event.currentTarget as HTMLElement).closest('.story-frame')?.querySelector('output');
  if (!output) return;
  const line = document.createElement('div');
  line.textContent = `${event.type} ${JSON.stringify((event as CustomEvent).detail)}`;
  output.prepend(line);
}

/** Types `typed` into the field as a guest would (an input event), so the story opens in its state. */
const typeInto =
  (typed: string, focused = false) =>
  (node: Element | undefined) => {
    if (node && focused && !typed) {
      void (node as MbSearch).updateComplete.then(() => (node as MbSearch).shadowRoot?.querySelector('input')?.focus());
      return;
    }
    if (!node || !typed) return;
    const search = node as MbSearch;
    void search.updateComplete.then(() => {
      const input = search.shadowRoot?.querySelector('input');
      if (!input || input.value === typed) return;
      input.value = typed;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    });
  };

function render(args: Args): TemplateResult {
  const client = createFakeSearchClient();
  client.mode = args.mode;
  client.recent = [...(args.recent ?? [])];
  return html`<div class="story-frame" style="display: grid; gap: 0.75rem; font-family: system-ui, sans-serif">
    <div style="min-block-size: 30rem; border: 1px solid #c4bdb3; border-radius: 8px; background: #fff; color: #211e1b; padding: 1rem 1.5rem" @mb-search-select=${log}>
      <h1 style="margin: 0 0 0.75rem; font-size: 1.5rem">Matbakh Demo-Küche</h1>
      <mb-search .client=${client} style="max-inline-size: 28rem" ${ref(typeInto(args.typed, args.focused))}></mb-search>
    </div>
    <span style="font-size: 0.875rem">Events (newest first):</span>
    <output style="display: block; min-block-size: 2rem; font: 0.8125rem ui-monospace, monospace; white-space: pre-wrap"></output>
  </div>`;
}

const DOCS = `
Search with autocomplete over the tenant's dishes, restaurants and cuisines: the WAI-ARIA combobox with a listbox
popup. The SDK's \`searchPlugin()\` answers (\`client.search.query(q, { limit, signal })\`): the server
(\`GET /v1/search\`) when the guest granted personalization and is online, otherwise the device over the compact
index it fetched once (\`GET /v1/search/index\`) — the same engine, normalisation and diet/allergen filter either way
(docs/search.md). Typo-tolerant ("falafl"), finds parts of compounds ("schawarma" → "Hähnchenschawarma"), German
umlaut spellings ("kaesespaetzle") and Arabic spelling variants ("تبوله" → "تبولة"). The stories use an in-memory
client running the real engine over a small catalogue (\`widgets/test-support/fake-search-client.ts\`); no network.

\`\`\`html
<mb-search></mb-search>                      <!-- uses window.matbakh.client (with searchPlugin) -->
<mb-search lang="ar" limit="3"></mb-search>
\`\`\`

| Attribute / property | Type | Default | |
|---|---|---|---|
| \`limit\` | \`number\` | \`5\` | Results per group. |
| \`debounce\` | \`number\` (ms) | \`200\` | Pause after the last keystroke before asking; an older request is cancelled. |
| \`placeholder\` | \`string\` | the locale's | |
| \`theme\` | \`light \\| dark \\| high-contrast \\| system\` | \`light\` | Token preset. |
| \`lang\` | \`de \\| en \\| ar\` | the page's \`lang\`, else the browser's | Arabic renders right-to-left. |
| \`client\` (property) | \`SearchClientLike\` | \`window.matbakh.client\` | \`{ search: { query(q, { limit, signal }), track?(q, n), prefetch?(), suggestions?({ limit, signal }), clearRecent?() } }\`. |

| Event | Detail | When |
|---|---|---|
| \`mb-search-select\` | \`{ hit, query, position, suggestion? }\` | The guest picked a result (click, or Enter on the active option); \`suggestion\` names the group of a suggestion picked before typing. |

**Before typing:** focus on the empty field offers the client's suggestions (\`client.search.suggestions()\`) as
labelled groups of the same listbox: *Your usual* (only under the personalization consent), *Popular now* (what the
tenant's guests order around this hour, in the guest's region first), *In season*, and *Recent searches* (kept on
the device only with the preferences consent, never sent) with a visible button that clears them; Tab moves from
the field to that button. A recent search picked runs again; a suggested dish picked is not tracked as a search.

**Diet words are filters:** words of the text the answer understood as diet or allergen filters ("vegan",
"ohne Nüsse", "without nuts", "بدون مكسرات"; the answer's \`filters.terms\`) are shown under the field as chips,
in the guest's own words. Each chip is a button ("Remove filter “vegan”", Tab reaches it): it takes those words out
of the text and searches again without that filter. The guest's stored diet and allergens are not chips: they
always apply.

A pick is tracked once through the client (\`Products Searched\`: the query's length and the result count; the text
only with analytics consent). No event on programmatic changes.

**Keyboard and accessibility:** the field is a \`combobox\` (\`aria-expanded\`, \`aria-controls\`,
\`aria-autocomplete="list"\`); focus stays in it while Down/Up move the active option (\`aria-activedescendant\`,
wrapping), Enter picks it, Escape closes the popup and, pressed again, clears the field. Results are grouped
(\`role="group"\` with a label). A polite live region announces the number of results. Matched letters are
\`<mark>\` elements built from the answer's offsets, as text — a dish name that looks like HTML stays text.

**CSS parts:** \`base\`, \`input\`, \`popup\`, \`listbox\`, \`group\`, \`group-label\`, \`option\` (\`option active\`),
\`name\`, \`mark\`, \`meta\`, \`status\`, \`clear-recent\`, \`filters\`, \`filter\`.

**CSS custom properties** (each falls back to a system token): \`--mb-search-surface\`, \`-text\`, \`-muted\`,
\`-border\`, \`-radius\`, \`-active\`, \`-mark\`, \`-shadow\`, \`-max-height\`, \`-z-index\`.

The toolbar's **Theme** and **Locale** apply to the widgets of every story.
`;

const meta: Meta<Args> = {
  title: 'Widgets/Search',
  component: SEARCH_TAG,
  render,
  args: { typed: '', mode: 'ok' },
  argTypes: {
    typed: { control: 'text', description: 'Typed into the field when the story opens' },
    mode: { control: 'select', options: ['ok', 'slow', 'error', 'offline'], description: 'How the client answers' },
  },
  parameters: { layout: 'padded', docs: { description: { component: DOCS }, story: { inline: true } } },
};
export default meta;

type Story = StoryObj<Args>;

export const Idle: Story = { name: 'Before typing' };

export const Suggestions: Story = {
  name: 'Suggestions before typing',
  args: { focused: true, recent: ['falafel', 'linsensuppe'] },
  parameters: {
    docs: {
      description: {
        story:
          'The empty field has focus: your usual, popular now, in season and the recent searches with their clear button.',
      },
    },
  },
};

export const Results: Story = {
  name: 'Results (typo, marked letters)',
  args: { typed: 'falafl' },
  parameters: {
    docs: { description: { story: '"falafl" finds the Falafel dishes and restaurant; Down/Up/Enter pick.' } },
  },
};

export const Compound: Story = {
  name: 'Compound part',
  args: { typed: 'schawarma' },
  parameters: { docs: { description: { story: 'The part of a German compound finds the whole word.' } } },
};

export const Filters: Story = {
  name: 'Diet words as filter chips',
  args: { typed: 'vegan falafel ohne Sesam' },
  parameters: {
    docs: {
      description: {
        story:
          '"vegan" and "ohne Sesam" are understood as filters and shown as chips in the guest\'s words; a chip\'s button (Tab reaches it) takes its words out of the text and searches again without that filter.',
      },
    },
  },
};

export const Loading: Story = {
  name: 'Loading',
  args: { typed: 'falafel', mode: 'slow' },
  parameters: { docs: { description: { story: 'The client has not answered yet.' } } },
};

export const Empty: Story = {
  name: 'No results',
  args: { typed: 'zzzzqq' },
};

export const ErrorState: Story = {
  name: 'Error',
  args: { typed: 'falafel', mode: 'error' },
  parameters: {
    docs: { description: { story: 'The client failed (the server is down and the device has no index).' } },
  },
};

export const Offline: Story = {
  name: 'Offline (device answers)',
  args: { typed: 'suppe', mode: 'offline' },
  parameters: {
    docs: {
      description: {
        story:
          'The device answered from its index. The "offline" note shows while the browser reports no network (toggle it in the browser\'s dev tools).',
      },
    },
  },
};

export const Rtl: Story = {
  name: 'Arabic (RTL)',
  args: { typed: 'تبوله' },
  globals: { locale: 'ar' },
};
