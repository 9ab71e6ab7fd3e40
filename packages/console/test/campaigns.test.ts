import type { Campaign, CampaignResults } from '@matbakh/contract';
import { expect, fixture, html } from '@open-wc/testing';
import { Api } from '../src/api.ts';
import { draftOf, emptyDraft, inputOf, moveChannel } from '../src/campaigns/campaign-draft.ts';
import type { ConsoleCampaigns } from '../src/pages/campaigns.ts';
import '../src/pages/campaigns.ts';

type Route = { status: number; body: unknown };

/** Answers per `METHOD /path`, the requests recorded with their bodies (the e2e runs the real server). */
function fakeServer(routes: Record<string, Route>) {
  const requests: { method: string; path: string; body: unknown }[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    const path = String(input).split('?')[0]!;
    const method = init?.method ?? 'GET';
    requests.push({ method, path, body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined });
    const route = routes[`${method} ${path}`];
    if (!route) {
      return new Response(JSON.stringify({ error: { code: 'not_found', message: `no route for ${method} ${path}` } }), {
        status: 404,
      });
    }
    return new Response(JSON.stringify(route.body), { status: route.status });
  };
  return { api: new Api(fetcher), requests };
}

const CAMPAIGN: Campaign = {
  id: 'cmp_1',
  name: 'Comeback',
  topic: 'promotions',
  trigger: { kind: 'lapsed', days: 14, minOrders: 3 },
  audience: [{ field: 'trait.city', op: 'in', value: ['Berlin', 'Hamburg'] }],
  content: { de: { title: 'Hallo {firstName}', body: 'Ihr {dish} wartet.', url: 'https://shop.example/' } },
  channels: ['push', 'email'],
  frequencyCap: { sends: 1, days: 7 },
  holdout: 0.1,
  status: 'draft',
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
};

const settle = async (el: HTMLElement & { updateComplete: Promise<unknown> }) => {
  for (let i = 0; i < 6; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
  }
};

/** Types into an input and lets the page render, as between two real keystrokes. */
async function type(el: ConsoleCampaigns, label: string, value: string) {
  const input = field(el, label);
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await settle(el);
}

const field = (el: HTMLElement, label: string) => {
  const found = [...el.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
  if (!found) throw new Error(`no field labelled ${label}`);
  return el.shadowRoot!.getElementById(found.htmlFor) as HTMLInputElement;
};

/** Text as read: the page wraps names inside sentences in Unicode isolates. */
const textOf = (node: Element) => (node.textContent ?? '').replace(/[\u2068\u2069]/g, '');

const button = (el: HTMLElement, name: string) => {
  const found = [...el.shadowRoot!.querySelectorAll('button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
  );
  if (!found) throw new Error(`no button ${name}`);
  return found;
};

describe('campaign draft', () => {
  it('round-trips a stored campaign to the same input, channels not used kept at the end', () => {
    const draft = draftOf(CAMPAIGN);
    expect(draft.channels.map((c) => [c.id, c.enabled])).to.deep.equal([
      ['push', true],
      ['email', true],
      ['in_app', false],
      ['whatsapp', false],
    ]);
    expect(draft.holdoutPercent).to.equal(10);
    const { id: _i, status: _s, createdAt: _c, updatedAt: _u, ...input } = CAMPAIGN;
    expect(inputOf(draft)).to.deep.equal(input);
  });

  it('reads rule values as numbers where they are, and moves channels within bounds', () => {
    const draft = emptyDraft();
    draft.audience = [
      { field: 'orders.count', op: 'gte', value: '3' },
      { field: 'trait.zip', op: 'in', value: '10115, 20095, Mitte' },
      { field: 'trait.vip', op: 'exists', value: 'ignored' },
    ];
    expect(inputOf(draft).audience).to.deep.equal([
      { field: 'orders.count', op: 'gte', value: 3 },
      { field: 'trait.zip', op: 'in', value: [10115, 20095, 'Mitte'] },
      { field: 'trait.vip', op: 'exists' },
    ]);
    const channels = draft.channels;
    expect(moveChannel(channels, 0, -1)).to.equal(channels);
    expect(moveChannel(channels, 1, -1).map((c) => c.id)).to.deep.equal(['email', 'in_app', 'push', 'whatsapp']);
  });
});

describe('mb-console-campaigns', () => {
  it('is accessible, lists campaigns with their status, checks the form while typing and creates a campaign', async () => {
    const created = { ...CAMPAIGN, id: 'cmp_2', name: 'Lunch', channels: ['email', 'in_app'] as Campaign['channels'] };
    const { api, requests } = fakeServer({
      'GET /v1/admin/campaigns': { status: 200, body: { campaigns: [CAMPAIGN] } },
      'POST /v1/admin/campaigns': { status: 201, body: created },
    });
    const el = await fixture<ConsoleCampaigns>(
      html`<mb-console-campaigns .api=${api} locale="en"></mb-console-campaigns>`,
    );
    await settle(el);
    await expect(el).to.be.accessible();
    const row = el.shadowRoot!.querySelector('tbody tr')!;
    expect(row.textContent).to.contain('Comeback').and.contain('Draft');

    button(el, 'New campaign').click();
    await settle(el);
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('New campaign');
    await expect(el).to.be.accessible();
    await type(el, 'Name', 'Lunch');
    await type(el, 'Title (English)', 'Hi {email}');
    await settle(el);
    expect(field(el, 'Title (English)').getAttribute('aria-invalid')).to.equal('true');
    await type(el, 'Title (English)', 'Hi {firstName}');
    await type(el, 'Text (English)', 'Lunch is ready.');
    // E-mail first, then in-app: tick e-mail and move it above in-app with the keyboard-reachable button.
    field(el, 'E-mail').click();
    await settle(el);
    button(el, 'Move E-mail up').click();
    await settle(el);
    await type(el, 'Holdout (%)', '60');
    await settle(el);
    expect(field(el, 'Holdout (%)').getAttribute('aria-invalid')).to.equal('true');
    await type(el, 'Holdout (%)', '20');
    await settle(el);
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await settle(el);
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.body).to.deep.equal({
      name: 'Lunch',
      topic: 'promotions',
      trigger: { kind: 'once' },
      audience: [],
      content: { en: { title: 'Hi {firstName}', body: 'Lunch is ready.' } },
      channels: ['email', 'in_app'],
      frequencyCap: { sends: 1, days: 7 },
      holdout: 0.2,
    });
    expect(textOf(el.shadowRoot!.querySelector('[role="status"]')!)).to.contain('Lunch is saved.');
  });

  it("shows the server's refusal at the field it names", async () => {
    const { api } = fakeServer({
      'GET /v1/admin/campaigns': { status: 200, body: { campaigns: [CAMPAIGN] } },
      'PUT /v1/admin/campaigns/cmp_1': {
        status: 400,
        body: {
          error: {
            code: 'bad_request',
            message: 'campaign.content.de.url must be an absolute http(s) URL',
            field: 'campaign.content.de.url',
          },
        },
      },
    });
    const el = await fixture<ConsoleCampaigns>(
      html`<mb-console-campaigns .api=${api} locale="en"></mb-console-campaigns>`,
    );
    await settle(el);
    button(el, 'Edit: Comeback').click();
    await settle(el);
    expect(field(el, 'Name').value).to.equal('Comeback');
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await settle(el);
    expect(field(el, 'Link (Deutsch, optional)').getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('campaign.content.de.url');
  });

  it('previews as text, starts, and shows results with the lift', async () => {
    const results: CampaignResults = {
      campaignId: 'cmp_1',
      attributionWindowDays: 7,
      channels: [
        {
          channel: 'push',
          sent: 100,
          delivered: 90,
          opened: 40,
          clicked: 20,
          converted: 10,
          revenue: 250,
          revenuePerSend: 2.5,
        },
      ],
      total: { sent: 100, delivered: 90, opened: 40, clicked: 20, converted: 10, revenue: 250, revenuePerSend: 2.5 },
      lift: {
        treated: { recipients: 100, converted: 20, rate: 0.2 },
        holdout: { recipients: 50, converted: 5, rate: 0.1 },
        lift: 1,
        liftLow: 0.1,
        liftHigh: 2.5,
      },
    };
    const { api, requests } = fakeServer({
      'GET /v1/admin/campaigns': { status: 200, body: { campaigns: [CAMPAIGN] } },
      'POST /v1/admin/campaigns/cmp_1/preview': {
        status: 200,
        body: { previews: [{ locale: 'de', title: 'Hallo <b>Lina</b>', body: 'Ihr Falafel wartet.' }] },
      },
      'POST /v1/admin/campaigns/cmp_1/test-send': {
        status: 202,
        body: { jobId: 1, recipient: 'u:lina', channels: ['push'] },
      },
      'POST /v1/admin/campaigns/cmp_1/start': { status: 200, body: { ...CAMPAIGN, status: 'running' } },
      'GET /v1/admin/campaigns/cmp_1/results': { status: 200, body: results },
    });
    const el = await fixture<ConsoleCampaigns>(
      html`<mb-console-campaigns .api=${api} locale="en"></mb-console-campaigns>`,
    );
    await settle(el);
    button(el, 'Preview: Comeback').click();
    await settle(el);
    const preview = el.shadowRoot!.querySelector('article.preview')!;
    expect(preview.getAttribute('lang')).to.equal('de');
    expect(preview.querySelector('h3')!.textContent).to.equal('Hallo <b>Lina</b>');
    expect(preview.querySelector('b')).to.equal(null);
    await expect(el).to.be.accessible();
    await type(el, 'Your user id on the site (for the test)', 'lina');
    button(el, 'Send a test to me').click();
    await settle(el);
    expect(requests.find((r) => r.path.endsWith('/test-send'))?.body).to.deep.equal({ userId: 'lina' });
    expect(textOf(el.shadowRoot!.querySelector('[role="status"]')!)).to.contain('queued for u:lina');

    button(el, 'Start: Comeback').click();
    await settle(el);
    expect(requests.some((r) => r.method === 'POST' && r.path.endsWith('/start'))).to.equal(true);
    expect(textOf(el.shadowRoot!.querySelector('[role="status"]')!)).to.contain('Comeback is running.');

    button(el, 'Results: Comeback').click();
    await settle(el);
    const panel = el.shadowRoot!.querySelector('#panel')!;
    expect(panel.textContent).to.contain('Web Push').and.contain('2.50').and.contain('+100%');
    await expect(el).to.be.accessible();
  });

  it('speaks Arabic right to left with translated labels', async () => {
    const { api } = fakeServer({ 'GET /v1/admin/campaigns': { status: 200, body: { campaigns: [CAMPAIGN] } } });
    const el = await fixture<ConsoleCampaigns>(
      html`<mb-console-campaigns .api=${api} locale="ar"></mb-console-campaigns>`,
    );
    await settle(el);
    expect(el.shadowRoot!.querySelector('h1')!.textContent).to.equal('الحملات');
    expect(el.shadowRoot!.querySelector('tbody')!.textContent).to.contain('مسودة');
  });
});
