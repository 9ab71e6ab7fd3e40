import { DEFAULT_CONSENT_POLICY, type KpiExperiment } from '@matbakh/contract';
import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { Api } from '../src/api.ts';
import { barChart } from '../src/bar-chart.ts';
import type { ConfigDocument } from '../src/editor/config-document.ts';
import { experimentSrmP } from '../src/experiment-results.ts';
import type { ConsoleConsent } from '../src/pages/consent.ts';
import type { ConsoleExperiments } from '../src/pages/experiments.ts';
import type { ConsolePersonalization } from '../src/pages/personalization.ts';
import { sampleRatioP } from '../src/stats.ts';
import '../src/pages/consent.ts';
import '../src/pages/personalization.ts';
import '../src/pages/experiments.ts';

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

const { version: _version, ...policy } = DEFAULT_CONSENT_POLICY;
const CONFIG: ConfigDocument = {
  consent: structuredClone(policy),
  rules: [
    {
      id: 'lunch',
      priority: 10,
      placement: 'home',
      consent: 'necessary',
      when: { context: 'hour', op: 'gte', value: 11 },
      action: {
        kind: 'tip',
        title: { de: 'Mittag!', en: 'Noon!', ar: 'الظهر!' },
        body: { de: 'Jetzt bestellen.', en: 'Order now.', ar: 'اطلب الآن.' },
        reason: { de: 'Es ist Mittag.', en: 'It is noon.', ar: 'إنه الظهر.' },
      },
    },
  ],
  tours: [],
  experiments: [],
  dashboards: {},
  origins: ['https://shop.example'],
};

function configRoutes(extra: Record<string, Route> = {}): Record<string, Route> {
  return {
    'GET /v1/admin/config/draft': { status: 200, body: { config: CONFIG, baseVersion: 1, saved: false } },
    'GET /v1/admin/config': { status: 200, body: { version: 1, policyVersion: 1, config: CONFIG } },
    ...extra,
  };
}

const settle = async (el: HTMLElement & { updateComplete: Promise<unknown> }) => {
  for (let i = 0; i < 6; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
  }
};

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

const field = (el: HTMLElement, label: string) => {
  const found = [...el.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
  if (!found) throw new Error(`no field labelled ${label}`);
  return el.shadowRoot!.getElementById(found.htmlFor) as HTMLInputElement;
};
const descriptionOf = (el: HTMLElement, input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => el.shadowRoot!.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('bar chart', () => {
  it('says there is no data instead of drawing an empty frame', () => {
    const host = document.createElement('div');
    const labels = { table: 'Table', label: 'Day', value: 'Value', empty: 'No data in this range' };
    render(barChart('Visitors', [{ label: 'Mon', value: 0, text: '0' }], labels), host);
    expect(host.querySelector('svg')).to.equal(null);
    expect(host.textContent).to.contain('No data in this range');
    render(barChart('Visitors', [{ label: 'Mon', value: 3, text: '3' }], labels), host);
    expect(host.querySelector('svg[role=img]')).to.exist;
  });
});

describe('sample ratio mismatch against the configured weights', () => {
  it('expects a 1:3 split when the weights are 1 and 3, and ignores the holdout', () => {
    expect(sampleRatioP([250, 750], [1, 3])).to.be.greaterThan(0.5);
    expect(sampleRatioP([250, 750])).to.be.lessThan(0.001);
    const variant = (name: string, exposed: number) => ({
      variant: name,
      exposed,
      converted: 0,
      rate: 0,
      isControl: name === 'control',
      lift: null,
      liftLow: null,
      liftHigh: null,
      pValue: null,
    });
    const experiment: KpiExperiment = {
      experiment: 'cta',
      control: 'control',
      variants: [variant('control', 500), variant('green', 500), variant('holdout', 50)],
    };
    expect(experimentSrmP(experiment)).to.equal(1);
  });
});

describe('mb-console-consent', function () {
  // axe over a long form and the banner inside it, on a shared two-core machine
  this.timeout(60_000);
  it('is accessible, and names a bad link at its field while typing', async () => {
    const { api } = fakeServer(configRoutes());
    const el = await fixture<ConsoleConsent>(html`<mb-console-consent .api=${api} locale="en"></mb-console-consent>`);
    await settle(el);
    await expect(el).to.be.accessible();
    const link = field(el, 'Privacy policy link');
    type(link, 'javascript:alert(1)');
    await settle(el);
    expect(link.getAttribute('aria-invalid')).to.equal('true');
    expect(descriptionOf(el, link)).to.contain('full address starting with https://');
    type(link, 'https://falafel.example/privacy');
    await settle(el);
    expect(link.hasAttribute('aria-invalid')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('shows the typed banner text in the real banner element, with the built-in text as the placeholder', async () => {
    const { api } = fakeServer(configRoutes());
    const el = await fixture<ConsoleConsent>(html`<mb-console-consent .api=${api} locale="de"></mb-console-consent>`);
    await settle(el);
    const text = field(el, 'Erklärung (Deutsch)');
    expect(text.placeholder).to.contain('Notwendige Speicherung');
    type(text, 'Wir fragen nur einmal.');
    await settle(el);
    const banner = el.shadowRoot!.querySelector('mb-consent-banner')!;
    await banner.updateComplete;
    expect(banner.shadowRoot!.textContent).to.contain('Wir fragen nur einmal.');
  });

  it("shows the server's refusal at the field it names, and saves the policy it was given", async () => {
    const { api, requests } = fakeServer(
      configRoutes({
        'PUT /v1/admin/config/draft/consent': {
          status: 400,
          body: {
            error: {
              code: 'bad_request',
              field: 'consent.reaskAfterDays',
              message: 'consent.reaskAfterDays must be a whole number of days from 1 to 3650',
            },
          },
        },
      }),
    );
    const el = await fixture<ConsoleConsent>(html`<mb-console-consent .api=${api} locale="en"></mb-console-consent>`);
    await settle(el);
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await settle(el);
    const put = requests.find((r) => r.method === 'PUT')!;
    expect((put.body as { privacyPolicyUrl: string }).privacyPolicyUrl).to.equal(policy.privacyPolicyUrl);
    const days = field(el, 'Ask again after (days)');
    expect(days.getAttribute('aria-invalid')).to.equal('true');
    expect(descriptionOf(el, days)).to.contain('whole number of days from 1 to 3650');
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('The server refused the change');
    await expect(el).to.be.accessible();
  });
});

describe('mb-console-personalization', () => {
  it('is accessible and names a condition that is not JSON at its field', async () => {
    const { api } = fakeServer(configRoutes());
    const el = await fixture<ConsolePersonalization>(
      html`<mb-console-personalization .api=${api} locale="en"></mb-console-personalization>`,
    );
    await settle(el);
    await expect(el).to.be.accessible();
    // The rule's action in the real next-best-action element.
    const preview = el.shadowRoot!.querySelector('mb-next-best-action')!;
    await preview.updateComplete;
    expect(preview.shadowRoot!.textContent).to.contain('Noon!');
    const condition = field(el, 'Condition (JSON)');
    type(condition, '{"context": "hour",');
    await settle(el);
    expect(condition.getAttribute('aria-invalid')).to.equal('true');
    expect(descriptionOf(el, condition)).to.contain('not valid JSON');
  });

  it('a new, empty rule: its problem shows at its field; the summary at the top only once a save is refused', async () => {
    const { api, requests } = fakeServer(configRoutes());
    const el = await fixture<ConsolePersonalization>(
      html`<mb-console-personalization .api=${api} locale="en"></mb-console-personalization>`,
    );
    await settle(el);
    const button = (label: string) =>
      [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === label)!;
    button('Add rule').click();
    await settle(el);
    const title = el.shadowRoot!.querySelector<HTMLInputElement>('details[open] input[id$="-title-de"]')!;
    expect(title.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.querySelector('.summary')).to.equal(null);

    button('Save draft').click();
    await settle(el);
    const summary = el.shadowRoot!.querySelector('.summary')!;
    expect(summary.textContent).to.contain('Please check this field:');
    expect(el.shadowRoot!.activeElement).to.equal(summary.querySelector('a'));
    expect(requests.filter((r) => r.method === 'PUT')).to.have.length(0);
    await expect(el).to.be.accessible();
  });
});

describe('tour preview', function () {
  this.timeout(60_000);
  it("shows the tour's steps from the draft in the chosen language, with the element each points at", async () => {
    const tours: ConfigDocument['tours'] = [
      {
        id: 'welcome',
        segment: { role: 'guest' },
        steps: [
          {
            id: 'menu',
            anchor: '#menu',
            title: { de: 'Die Speisekarte', en: 'The menu', ar: 'قائمة الطعام' },
            body: { de: 'Hier bestellen Sie.', en: 'Order here.', ar: 'اطلب من هنا.' },
          },
          {
            id: 'cart',
            anchor: 'header nav > .cart',
            title: { de: 'Warenkorb', en: 'Your cart', ar: 'السلة' },
            body: { de: 'Alles auf einen Blick.', en: 'All at a glance.', ar: 'كل شيء بنظرة.' },
          },
        ],
      },
    ];
    const config = { ...structuredClone(CONFIG), tours };
    const { api } = fakeServer(
      configRoutes({ 'GET /v1/admin/config/draft': { status: 200, body: { config, baseVersion: 1, saved: false } } }),
    );
    const el = await fixture<ConsolePersonalization>(
      html`<mb-console-personalization .api=${api} locale="en"></mb-console-personalization>`,
    );
    await settle(el);
    const preview = () => el.shadowRoot!.querySelector('ol.tour-preview')!;
    const steps = () => [...preview().querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(preview().querySelector('h4')!.textContent).to.equal('The menu');
    expect(steps()[1]).to.contain('This step points at');
    expect(steps()[1]).to.contain('header nav > .cart');
    const language = field(el, 'Preview language') as unknown as HTMLSelectElement;
    language.value = 'ar';
    language.dispatchEvent(new Event('change'));
    await settle(el);
    expect(preview().getAttribute('lang')).to.equal('ar');
    expect(preview().querySelector('h4')!.textContent).to.equal('قائمة الطعام');
    await expect(el).to.be.accessible();
  });
});

describe('mb-console-experiments', () => {
  it('checks the new experiment while typing and creates it as a draft', async () => {
    const created = { ...CONFIG, experiments: [] as unknown[] };
    const { api, requests } = fakeServer(
      configRoutes({
        'PATCH /v1/admin/config/draft/experiments': {
          status: 200,
          body: { config: created, baseVersion: 1, saved: true },
        },
      }),
    );
    const el = await fixture<ConsoleExperiments>(
      html`<mb-console-experiments .api=${api} locale="en"></mb-console-experiments>`,
    );
    await settle(el);
    await expect(el).to.be.accessible();
    const key = field(el, 'Key');
    type(key, 'cta colour');
    await settle(el);
    expect(key.getAttribute('aria-invalid')).to.equal('true');
    type(key, 'cta-colour');
    type(field(el, 'Allocation (%)'), '150');
    await settle(el);
    expect(field(el, 'Allocation (%)').getAttribute('aria-invalid')).to.equal('true');
    type(field(el, 'Allocation (%)'), '50');
    await settle(el);
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await settle(el);
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.body).to.deep.equal({
      upsert: [
        {
          key: 'cta-colour',
          variants: [
            { key: 'control', weight: 1 },
            { key: 'variant-b', weight: 1 },
          ],
          allocation: 0.5,
          holdout: 0,
          status: 'draft',
        },
      ],
    });
  });
});
