import type { DashboardLayout } from '@matbakh/contract';
import type { MbWidgetGrid } from '@matbakh/widgets/widget-grid/widget-grid.component.ts';
// Registration module, imported by a used binding: widgets/package.json's `sideEffects` does not list it yet,
// so a bare `import '…/widget-grid.ts'` would be tree-shaken in a production build.
import { WIDGET_GRID_TAG } from '@matbakh/widgets/widget-grid/widget-grid.ts';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { createFakeLayoutClient } from '../widgets/test-support/fake-layout-client.ts';

interface Args {
  customizing: boolean;
  count: number;
  lang?: string;
  dir?: string;
  /** Saved layout for `guest-home` in the fake preferences client (none: the default, DOM order). */
  saved?: DashboardLayout;
  spans?: number[];
}

const TITLES: Record<string, string[]> = {
  de: ['Empfehlungen', 'Bestellungen', 'Einblicke', 'Nächste Aktion', 'Favoriten', 'Saisonales'],
  en: ['Recommendations', 'Orders', 'Insights', 'Next best action', 'Favourites', 'Seasonal'],
  ar: ['التوصيات', 'الطلبات', 'الرؤى', 'الإجراء التالي', 'المفضلة', 'موسمي'],
};

/** A stand-in widget: any element with `widget-id` works; the heading is the fallback title. */
function widget(i: number, lang: string, span?: number): TemplateResult {
  const titles = TITLES[lang] ?? TITLES.de!;
  const title = titles[i % titles.length]!;
  const name = i < titles.length ? title : `${title} ${Math.floor(i / titles.length) + 1}`;
  return html`<article
    widget-id=${`w${i + 1}`}
    widget-title=${name}
    span=${ifDefined(span === 2 ? '2' : undefined)}
    style="padding: 0.75rem 1rem; border: 1px solid #ddd8d1; border-radius: 8px; min-block-size: 7rem; background: #fff; color: #211e1b"
  >
    <h3 style="margin: 0 0 0.25rem; font-size: 1rem">${name}</h3>
    <p style="margin: 0; font-size: 0.875rem; color: #6a6259">w${i + 1}${span === 2 ? ' · span="2"' : ''}</p>
  </article>`;
}

const render = ({ customizing, count, lang, dir, saved, spans = [] }: Args) => {
  const client = createFakeLayoutClient(saved ? { 'guest-home': saved } : {});
  const log = (event: CustomEvent) => {
    const output = (event.currentTarget as HTMLElement).parentElement?.querySelector('output');
    const line = document.createElement('div');
    line.textContent = `${event.type} ${JSON.stringify(event.detail)}`;
    output?.prepend(line);
  };
  const locale = lang ?? 'de';
  return html`<div style="display: grid; gap: 0.75rem; font-family: system-ui, sans-serif">
    <mb-widget-grid
      dashboard-id="guest-home"
      lang=${ifDefined(lang)}
      dir=${ifDefined(dir)}
      ?customizing=${customizing}
      .client=${client}
      @mb-layout-change=${log}
    >
      ${Array.from({ length: count }, (_, i) => widget(i, locale, spans[i]))}
      <p>Children without widget-id are ignored.</p>
    </mb-widget-grid>
    <span style="font-size: 0.875rem">Events (newest first):</span>
    <output style="display: block; min-block-size: 2rem; font: 0.8125rem ui-monospace, monospace; white-space: pre-wrap"></output>
  </div>`;
};

const DOCS = `
A responsive grid of the page's widgets that every guest and owner arranges for themselves: reorder by mouse, pen,
touch (press and hold ≈ 300 ms, so a swipe still scrolls the page; the page scrolls itself near the viewport's
edges) or keyboard, hide widgets and bring them back, reset to default. The arrangement is saved as the \`layout\`
preference of the grid's \`dashboard-id\` (\`client.preferences.setLayout\`) and restored before the first paint.
The stories use an in-memory fake client (\`widgets/test-support/fake-layout-client.ts\`).

\`\`\`html
<mb-widget-grid dashboard-id="guest-home">
  <mb-recommendations widget-id="recommendations" widget-title="Empfehlungen"></mb-recommendations>
  <section widget-id="orders" span="2"><h2>Bestellungen</h2>…</section>
</mb-widget-grid>
\`\`\`

The widgets stay the element's own children (light DOM: the page's styles and scripts keep working); each is shown
in a cell through a manually assigned slot. Order is the truth and columns are derived from the element's own width
(container queries: 1 column below 36em, 2, 3 from 56em, 4 from 76em), so a layout survives every breakpoint.
Ids in a saved layout that the page does not have are ignored (and kept when saving); a new widget appears at its
default (DOM) position.

| Attribute / property | Type | Default | |
|---|---|---|---|
| \`dashboard-id\` | \`string\` | — | Key in the \`layout\` preference. Unset: nothing restored or saved. |
| \`layout\` (property) | \`DashboardLayout \\| undefined\` (\`{ order, hidden }\`) | DOM order | Current layout; setting it is a programmatic change (no event). |
| \`customizing\` | \`boolean\` (reflected) | \`false\` | Shows the customize panel: hidden widgets to bring back, reset to default. |
| \`client\` (property) | \`LayoutClient\` | \`window.matbakh.client\` | \`{ preferences: { $preferences, get(), setLayout(id, layout) } }\`. |
| \`theme\` | \`light \\| dark \\| high-contrast \\| system\` | \`light\` | Token preset. |
| \`lang\` | \`de \\| en \\| ar\` | the page's, else the browser's | Arabic is right-to-left (arrow keys mirror). |
| \`reset()\`, \`move(id, index)\`, \`hide(id)\`, \`show(id)\` | methods | | Programmatic: saved, no event. |

**Children:** \`widget-id\` (required), \`widget-title\` (for labels and announcements; else \`aria-label\`, else the
first heading's text, else "Widget N" — never the id), \`span="2"\` (two columns where there are two or more).

| Event | Detail | When |
|---|---|---|
| \`mb-layout-change\` | \`{ dashboardId: string \\| null, layout: DashboardLayout, reason: 'move' \\| 'hide' \\| 'show' \\| 'reset' }\` | Once per action of the visitor; never for programmatic changes or a layout arriving from another tab. |

**Keyboard** (on a widget's handle, a real button described by the instructions):

| Key | Does |
|---|---|
| Space / Enter | Pick up; again: drop (announced: "Empfehlungen, abgelegt auf Position 4 von 6") |
| ← → | One place earlier / later (mirrored in right-to-left) |
| ↑ ↓ | One row up / down (one place in one column) |
| Home / End | First / last place |
| Escape | Cancel: back to the original place |
| Tab | Drops and moves on |
| Options button: Enter, Space, ↓ / ↑ | Opens the menu (first / last item); ↑ ↓ Home End move; Escape closes back to the button |

**Accessibility:** every move is announced in a live region with the widget's title and position, localized
(de, en, ar); no deprecated \`aria-grabbed\`; focus stays on the moved widget's handle. WCAG 2.5.7: the options
menu (APG menu button) offers *Move earlier*, *Move later* and *Hide* with a single click. Moves animate (FLIP)
unless the visitor prefers reduced motion. Works inside another element's shadow root.

**Performance (50 widgets, \`node tests/bench/grid.mjs\`):** the cells are cloned from one prepared cell and kept by
hand (no template per cell); each is a handle and a menu button (absolutely placed in the cell's top padding,
dots drawn as their background) and a slot. While a widget is carried (keyboard or pointer) the cells stay where
they are in the DOM and the carried order is shown with CSS \`order\`: a move restyles only the cells whose place
changed, and a restyled cell restyles nothing inside it. No DOM move, so focus never leaves the handle and nothing
is re-rendered; announcements are written straight into the live region; the pointer's target is one hit test per
frame. The DOM (what screen readers read and Tab follows) takes the new order on drop, moving one cell. FLIP
measures once and animates only cells that moved.

**CSS parts:** \`base\`, \`grid\`, \`cell\` (+ \`cell-picked\`), \`handle\`, \`menu-button\`, \`menu\`,
\`menu-item\`, \`customize\`, \`show\`, \`reset\`, \`live\`. **Slot:** the default slot (widgets).

**CSS custom properties:** \`--mb-widget-grid-gap\`, \`--mb-widget-grid-radius\`, \`--mb-widget-grid-cell-surface\`,
\`--mb-widget-grid-drag-shadow\`; plus every system token (\`--mb-color-focus\`, …).
`;

const meta: Meta<Args> = {
  title: 'Widgets/Widget grid',
  component: WIDGET_GRID_TAG,
  render: (args) => render(args),
  args: { customizing: false, count: 6 },
  argTypes: {
    customizing: { control: 'boolean', description: 'Attribute `customizing`' },
    count: { control: { type: 'range', min: 1, max: 50 }, description: 'Number of widgets' },
    saved: { control: 'object', description: 'Saved layout of `guest-home` in the fake client' },
    lang: { control: false },
    dir: { control: false },
    spans: { control: false },
  },
  parameters: { layout: 'padded', docs: { description: { component: DOCS }, story: { inline: true } } },
};
export default meta;

type Story = StoryObj<Args>;

export const Default: Story = {};

export const Customizing: Story = {
  args: { customizing: true, saved: { order: ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'], hidden: ['w3', 'w5'] } },
  parameters: {
    docs: { description: { story: 'The customize panel lists the hidden widgets to bring back, and resets.' } },
  },
};

export const RightToLeft: Story = {
  name: 'RTL (ar)',
  args: { lang: 'ar' },
  parameters: {
    docs: { description: { story: 'Arabic: right to left; ← moves a picked-up widget later, → earlier.' } },
  },
};

export const ManyWidgets: Story = {
  name: 'Many widgets (50)',
  args: { count: 50 },
  parameters: {
    docs: {
      description: {
        story: 'Fifty widgets (the bench size): drag one towards the bottom edge and the page scrolls along.',
      },
    },
  },
};

export const SavedLayout: Story = {
  name: 'Saved layout',
  args: { saved: { order: ['w4', 'gone', 'w2', 'w1', 'w3'], hidden: ['w5'] } },
  parameters: {
    docs: {
      description: {
        story:
          'Restored from the preferences before the first paint: `gone` is not on the page and ignored, `w5` is hidden, `w6` (unknown to the layout) appears at its default place.',
      },
    },
  },
};

export const Spans: Story = {
  args: { count: 7, spans: [2, 1, 1, 2, 1, 1, 2] },
  parameters: {
    docs: { description: { story: '`span="2"` takes two columns where there are two or more, one in one column.' } },
  },
};

/** Picked up by keyboard, as a screen reader user sees it (the live region says "…, aufgenommen, Position 2 von 6"). */
export const PickedUp: Story = {
  name: 'Picked up (keyboard)',
  play: async ({ canvasElement }) => {
    const grid = canvasElement.querySelector<MbWidgetGrid>('mb-widget-grid');
    await grid?.updateComplete;
    const handle = grid?.shadowRoot?.querySelector<HTMLButtonElement>('.cell[data-id="w2"] .handle');
    handle?.focus();
    handle?.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true, composed: true }));
  },
};
