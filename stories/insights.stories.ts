import { mockChurn } from '@matbakh/mocks';
import { INSIGHTS_TAG } from '@matbakh/widgets/insights/insights.ts';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  createFakeInsightsClient,
  emptyInsights,
  type FakeInsightsClientOptions,
  sampleInsights,
} from '../widgets/test-support/fake-insights-client.ts';
import { type LiveArgs, liveClient, liveStory } from './support/live-client.ts';

interface Args {
  client: FakeInsightsClientOptions;
  lang?: string;
  /** Default `rest-falafel-haus`; `rest-new-…` is a restaurant without history (the outlook, no regulars). */
  group?: string;
}

/** The widget plus a log of its `mb-*` events (newest first). */
const render = ({ client: options, lang, group = 'rest-falafel-haus' }: Args) => {
  const client = createFakeInsightsClient(options);
  const log = (event: Event) => {
    const output = (event.currentTarget as HTMLElement).parentElement?.querySelector('output');
    const line = document.createElement('div');
    line.textContent = `${event.type} ${JSON.stringify((event as CustomEvent).detail)}`;
    output?.prepend(line);
  };
  const keepPage = (event: Event) => event.preventDefault();
  return html`<div style="display: grid; gap: 0.75rem; max-inline-size: 44rem; font-family: system-ui, sans-serif">
    <mb-insights
      group-id=${group}
      lang=${ifDefined(lang)}
      .client=${client}
      @mb-insight-action=${log}
      @click=${keepPage}
    ></mb-insights>
    <output style="display: block; min-block-size: 2rem; font: 0.8125rem ui-monospace, monospace"></output>
  </div>`;
};

const DOCS = `
An owner's insights (\`GET /v1/insights\`): the weekly report (last 7 days vs the 7 before), health alerts (a day's
orders more than 30 % below the same weekday's 4-week average: *warning*, above 60 %: *critical*) and seasonal
suggestions (Ramadan/Iftar, Christmas markets, summer BBQ, asparagus in Germany). Each card says its severity with
an icon **and** a word, why it appears, and offers its call to action (a link for http(s) URLs, else a button).
The stories use an in-memory fake client (\`widgets/test-support/fake-insights-client.ts\`); on a page, the client is
\`window.matbakh.client\` with \`insightsPlugin()\` (identified owner: \`identify(userId, {}, { userHash })\` and
\`group(restaurantId)\`).

\`\`\`html
<mb-insights group-id="rest-42"></mb-insights>
\`\`\`

| Attribute / property | Type | Default | |
|---|---|---|---|
| \`group-id\` / \`groupId\` | \`string\` | — | The restaurant (Segment group). Changing it reloads (no event). |
| \`lang\` | \`de \\| en \\| ar\` | the page's, else the browser's | Texts and the request's locale; Arabic renders right-to-left. |
| \`theme\` | \`light \\| dark \\| high-contrast \\| system\` | \`light\` | Token preset. |
| \`client\` (property) | \`{ insights: { get({ groupId, locale }) } }\` | \`window.matbakh.client\` | |

| Event | Detail | When |
|---|---|---|
| \`mb-insight-action\` | \`{ insightId }\` | The owner activated a call to action (links still navigate). Never for programmatic changes. |

States: loading (skeleton, \`aria-busy\`, announced), empty, error + retry, offline (+ retry, and by itself on \`online\`).
The report card formats revenue, orders and the trend with \`Intl\`; the trend is words ("up 12% on the 7 days
before"), the arrow is \`aria-hidden\`. Server texts are rendered as text only.

**CSS parts:** \`base\`, \`title\`, \`status\`, \`skeleton\`, \`list\`, \`card\` (+ \`card-report\`, \`card-alert\`,
\`card-seasonal\`), \`severity\`, \`severity-icon\`, \`card-title\`, \`body\`, \`reason\`, \`summary\`, \`trend\`, \`cta\`,
\`empty\`, \`error\` (+ \`offline\`), \`retry\`.

**CSS custom properties:** \`--mb-insights-background\`, \`-frame-padding\`, \`-frame-radius\`, \`-surface\`, \`-text\`,
\`-muted\`, \`-border\`, \`-radius\`, \`-shadow\`, \`-padding\`, \`-gap\`, \`-title-size\`, \`-info\`, \`-success\`,
\`-warning\`, \`-critical\`, \`-cta-surface\`, \`-cta-text\`, \`-cta-border\`, \`-button-radius\`, \`-skeleton\`; plus every
system token.

### Forecast and regulars at risk (issue 21)

With a client that has \`insights.forecast\`, \`insights.churn\` and \`insights.winBack\` (the SDK's
\`insightsPlugin()\`: \`GET /v1/insights/forecast?horizon=7|28\`, \`GET /v1/insights/churn\`,
\`POST /v1/insights/win-back\`), two sections follow the cards:

- **Orders forecast**: a 7/28-day switch (radio buttons), the trend in words, an SVG chart drawn by the element (no
  chart library): observed days solid, expected days dashed inside the 80 % and 95 % bands, public holidays marked,
  axis labels formatted with \`Intl\`, mirrored right-to-left in Arabic, redrawn at the container's width (390 px,
  200 % zoom). The chart is one image with a description; **Show as table** (a native \`details\`) has every number
  in a table with a caption and \`th scope\`. Then what to prepare for ("Friday 25 December: about 25 orders
  expected …") and the method. A restaurant without history gets the outlook from similar restaurants.
- **Regulars at risk**: a pseudonym per guest (never a name), risk, orders, usual interval, days since the last
  order, average order and the reasons; the revenue at stake; **Start win-back campaign**: while it runs the
  button stays focusable but inert (\`aria-disabled\`) with the reason next to it; the outcome ("6 messages
  queued", "already running this week", an error) is announced in a live region.

Each section loads and fails on its own (error + retry, offline); a client without the calls, or an API without
the routes (404), leaves the section out. The stories use the fixtures of \`packages/mocks/src/forecast.ts\`
(Berlin, forecast from Monday 21 December 2026: Christmas and New Year in the window).

**More CSS parts:** \`forecast\`, \`horizon\`, \`forecast-trend\`, \`chart\` (\`history-line\`, \`forecast-line\`,
\`band-80\`, \`band-95\`, \`holiday\`), \`legend\`, \`table-toggle\`, \`table\`, \`alerts\`, \`alert\`, \`method\`,
\`outlook\`, \`forecast-error\`, \`forecast-empty\`, \`at-risk\`, \`churn-summary\`, \`at-risk-list\`, \`regular\`,
\`guest\`, \`probability\`, \`reasons\`, \`win-back\`, \`win-back-button\`, \`win-back-reason\`,
\`win-back-outcome\`, \`churn-error\`, \`churn-empty\`. **More custom properties:** \`--mb-insights-forecast\`,
\`--mb-insights-holiday\`.

The toolbar's **Theme** and **Locale** apply to the widgets of every story.
`;

const meta: Meta<Args> = {
  title: 'Widgets/Insights',
  component: INSIGHTS_TAG,
  render,
  args: { client: {} },
  argTypes: { client: { control: false }, lang: { control: 'inline-radio', options: ['de', 'en', 'ar'] } },
  parameters: { layout: 'padded', docs: { description: { component: DOCS }, story: { inline: true } } },
};
export default meta;

type Story = StoryObj<Args>;

export const EverySeverity: Story = {
  name: 'Every severity (critical, warning, success, info)',
};

export const Critical: Story = {
  args: { client: { response: (locale) => sampleInsights(locale, ['critical']) } },
};

export const Warning: Story = {
  args: { client: { response: (locale) => sampleInsights(locale, ['warning']) } },
};

export const SuccessAndInfo: Story = {
  name: 'Success and info',
  args: { client: { response: (locale) => sampleInsights(locale, ['success', 'info']) } },
};

export const Loading: Story = {
  args: { client: { hang: true } },
};

export const Empty: Story = {
  args: { client: { response: emptyInsights } },
};

export const ServerError: Story = {
  name: 'Error (retry)',
  args: { client: { fail: 'error' } },
};

export const Offline: Story = {
  args: { client: { fail: 'offline' } },
};

export const Forecast: Story = {
  name: 'Forecast and regulars at risk',
  args: { client: { predictive: true } },
};

export const ForecastArabic: Story = {
  name: 'Forecast and regulars at risk (Arabic, RTL)',
  args: { client: { predictive: true }, lang: 'ar' },
};

export const NewRestaurant: Story = {
  name: 'New restaurant: outlook from similar ones, no regulars yet',
  args: { client: { predictive: true, response: emptyInsights }, group: 'rest-new-pizza' },
};

export const ForecastLoading: Story = {
  name: 'Forecast and regulars loading',
  args: { client: { forecast: 'hang', churn: 'hang' } },
};

export const ForecastError: Story = {
  name: 'Forecast error, regulars offline (retry)',
  args: { client: { forecast: 'error', churn: 'offline' } },
};

export const NobodyAtRisk: Story = {
  name: 'Nobody at risk',
  args: {
    client: {
      predictive: true,
      churn: (locale) => ({ ...mockChurn('rest-falafel-haus', locale), atRisk: [] }),
    },
  },
};

export const WinBackRunning: Story = {
  name: 'Win-back running (press the button: it stays inert with its reason)',
  args: { client: { predictive: true, winBack: 'hang' } },
};

export const WinBackFails: Story = {
  name: 'Win-back fails (press the button)',
  args: { client: { predictive: true, winBack: 'error' } },
};

export const German: Story = { args: { lang: 'de' } };
export const English: Story = { args: { lang: 'en' } };
export const Arabic: Story = { name: 'Arabic (RTL)', args: { lang: 'ar' } };

/** The real SDK (`insightsPlugin()`) against the msw mock API, for an identified owner of one restaurant. */
export const FromTheApi: StoryObj<LiveArgs> = {
  name: 'From the API (real SDK, msw mocks)',
  ...liveStory(
    'The owner is identified (`identify("owner-7", { role: "owner" }, { userHash })`) and picks the restaurant (`group("rest-falafel-haus", { name }, { groupHash })`); the element has no `group-id` and follows the client\'s current group. The mock checks that both hashes are there (not their HMACs) and answers its fixed week in the toolbar\'s locale. Insights are the owner\'s business data: they do not depend on the visitor consent categories.',
  ),
  render: ({ consent, mode }) => {
    const client = liveClient({
      consent,
      mode,
      routes: ['/v1/insights'],
      setUp(live) {
        // The mock accepts any non-empty hashes; a real page gets them from its backend (HMAC-SHA256).
        live.identify('owner-7', { role: 'owner' }, { userHash: 'story-user-hash' });
        live.group('rest-falafel-haus', { name: 'Falafel-Haus' }, { groupHash: 'story-group-hash' });
      },
    });
    const keepPage = (event: Event) => event.preventDefault();
    return html`<div style="max-inline-size: 44rem; font-family: system-ui, sans-serif">
      <mb-insights .client=${client} @click=${keepPage}></mb-insights>
    </div>`;
  },
};
