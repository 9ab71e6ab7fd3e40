// Registration module imported by a used binding (a bare import would be tree-shaken, see consent-banner.stories).
import { PREFERENCE_PANEL_TAG } from '@matbakh/widgets/preference-panel/preference-panel.ts';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { createFakeConsentClient, decidedView } from '../widgets/test-support/fake-consent-client.ts';
import {
  createFakePreferencesClient,
  type FakePreferencesClientOptions,
} from '../widgets/test-support/fake-preferences-client.ts';
import { type LiveArgs, liveClient, liveStory } from './support/live-client.ts';

const DOCS = `
\`<mb-preference-panel>\`: theme (radio group), language (select: automatic, Deutsch, English, العربية), the
notification matrix (channels × topics, a table with row and column headers), quiet hours, a daily cap, diet and
the 14 EU allergens (checkbox groups), favourites (remove buttons, empty state). Every change is written at once
with \`client.preferences.set()\`; theme and language apply to every widget on the page immediately. The stories
use in-memory fake clients (no network).

**Properties / attributes**: \`client\`, \`theme\`, \`lang\`.

**Events**: \`mb-preference-change\` \`{ key, value }\` for the visitor's accepted changes only;
\`mb-privacy-open\` (no detail) from the "needs your consent" and session-notice buttons.

**Parts**: \`base\`, \`title\`, \`session-notice\`, \`privacy-button\`, \`section\`, \`theme\`, \`language\`, \`matrix\`,
\`consent-needed\`, \`quiet-hours\`, \`max-per-day\`, \`diet\`, \`allergens\`, \`favorites\`, \`favorites-empty\`,
\`remove\`, \`error\`.

**CSS custom properties**: \`--mb-preference-panel-surface\`, \`--mb-preference-panel-border\`,
\`--mb-preference-panel-radius\`, \`--mb-preference-panel-padding\`.

**Accessibility**: native controls only (arrows in the radio group, Space on checkboxes), every control labelled
(matrix cells by their row and column headers), refused values shown beside the field with \`aria-invalid\` and
\`aria-describedby\`, removals announced in a status region and focus kept in the list.
`;

interface Args {
  lang?: string;
  preferences?: FakePreferencesClientOptions;
  consent?: boolean;
  refuse?: boolean;
}

function render({ lang, preferences, consent = true, refuse }: Args) {
  // `refuse`: every write refused (the contract's own validation refuses e.g. 60 per day in any story).
  const prefs = createFakePreferencesClient({
    ...preferences,
    ...(refuse && { refuse: { theme: 'theme: this device keeps the theme set by the site' } }),
  });
  const client = consent
    ? {
        ...createFakeConsentClient({ view: decidedView({ channels: { in_app: true, email: true } }) }),
        preferences: prefs.preferences,
      }
    : prefs;
  const log = (e: CustomEvent) => console.info(e.type, e.detail);
  return html`<mb-preference-panel
    lang=${ifDefined(lang)}
    .client=${client}
    @mb-preference-change=${log}
    @mb-privacy-open=${log}
    style="max-inline-size: 52rem"
  ></mb-preference-panel>`;
}

const meta: Meta<Args> = {
  title: 'Widgets/Preference panel',
  component: PREFERENCE_PANEL_TAG,
  render,
  args: {},
  parameters: { layout: 'padded', docs: { description: { component: DOCS }, story: { inline: true } } },
};
export default meta;

type Story = StoryObj<Args>;

export const Default: Story = {
  args: { preferences: { preferences: { favorites: { restaurants: ['Beirut Kitchen'], dishes: ['Falafel-Wrap'] } } } },
};
export const SessionOnly: Story = { name: 'Session only', args: { preferences: { persistence: 'session' } } };
export const Errors: Story = {
  name: 'Refused values (pick a theme; or type 60 into "At most per day")',
  args: { refuse: true },
};
export const WithoutConsentClient: Story = { name: 'Without a consent client', args: { consent: false } };
export const ArabicRtl: Story = {
  name: 'Arabic (RTL)',
  args: {
    lang: 'ar',
    preferences: {
      preferences: {
        diet: ['halal'],
        allergens: ['peanuts', 'sesame'],
        favorites: { restaurants: ['مطبخ بيروت'], dishes: [] },
      },
    },
  },
};

/** The real SDK (`preferencesPlugin()` + `privacyPlugin()`) against the msw mock API. */
export const FromTheApi: StoryObj<LiveArgs> = {
  name: 'From the API (real SDK, msw mocks)',
  ...liveStory(
    "Every change is validated by the SDK and synced to the mock's `/v1/preferences` (PUT with If-Match); the notification matrix follows the channels of the consent decision. Consent granted: stored for this device and synced; refused or pending: session only (the notice says so) and nothing reaches the server. Mode error / offline: writes stay pending.",
  ),
  render: ({ consent, mode }) => {
    const client = liveClient({ consent, mode, routes: ['/v1/preferences'] });
    const log = (e: CustomEvent) => console.info(e.type, e.detail);
    return html`<mb-preference-panel
      .client=${client}
      @mb-preference-change=${log}
      @mb-privacy-open=${log}
      style="max-inline-size: 52rem"
    ></mb-preference-panel>`;
  },
};

export const Loading: StoryObj<LiveArgs> = {
  ...FromTheApi,
  name: 'Loading (server answers after 1.5 s)',
  args: { ...FromTheApi.args, consent: 'granted', mode: 'slow' },
};

export const SyncError: StoryObj<LiveArgs> = {
  ...FromTheApi,
  name: 'Error (server 503: changes stay on the device)',
  // The mock API answers 503 on purpose: the smoke test expects the browser's "Failed to load resource" line.
  tags: ['failing-api'],
  args: { ...FromTheApi.args, consent: 'granted', mode: 'error' },
};
