import { expect, fixture, html } from '@open-wc/testing';
import { Api } from '../src/api.ts';
import type { ConfigVersion, ConsoleVersions } from '../src/pages/config-versions.ts';
import '../src/pages/config-versions.ts';

type Recorded = { method: string; path: string; body: unknown; csrf: string | null };

/** The versions route answers the current history; a rollback appends a version the way the server does. */
function fakeConfigServer(initial: ConfigVersion[]) {
  const versions = [...initial];
  const requests: Recorded[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    const path = String(input).split('?')[0]!;
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    requests.push({ method, path, body, csrf: new Headers(init?.headers).get('x-csrf-token') });
    if (method === 'GET' && path === '/v1/admin/config/versions') return Response.json({ versions });
    if (method === 'POST' && path === '/v1/admin/config/rollback') {
      const restored = (body as { version: number }).version;
      const added: ConfigVersion = {
        version: versions[0]!.version + 1,
        policyVersion: 1,
        action: 'rollback',
        author: 'key_1',
        createdAt: '2026-12-07T10:00:00.000Z',
        restored,
      };
      versions.unshift(added);
      return Response.json(added, { status: 201 });
    }
    return Response.json({ error: { code: 'not_found', message: `no route for ${method} ${path}` } }, { status: 404 });
  };
  const api = new Api(fetcher);
  api.csrfToken = 'csrf-123';
  return { api, requests };
}

const HISTORY: ConfigVersion[] = [
  { version: 3, policyVersion: 1, action: 'publish', author: 'key_7Hq', createdAt: '2026-12-06T09:00:00.000Z' },
  { version: 2, policyVersion: 1, action: 'publish', author: 'key_7Hq', createdAt: '2026-12-05T09:00:00.000Z' },
  { version: 1, policyVersion: 1, action: 'seed', author: 'cli', createdAt: '2026-12-01T09:00:00.000Z' },
];

const settle = async (el: HTMLElement & { updateComplete: Promise<unknown> }) => {
  for (let i = 0; i < 6; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
  }
};

const rows = (el: HTMLElement) =>
  [...el.shadowRoot!.querySelectorAll('tbody tr')].map((row) => row.textContent!.replace(/\s+/g, ' ').trim());
const button = (el: HTMLElement, name: string) => {
  const found = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === name);
  if (!found) throw new Error(`no button named ${name}`);
  return found;
};

describe('mb-console-versions', function () {
  this.timeout(30_000);

  it('lists the versions as text with the current one marked, and is accessible', async () => {
    const { api } = fakeConfigServer(HISTORY);
    const el = await fixture<ConsoleVersions>(
      html`<mb-console-versions .api=${api} locale="en"></mb-console-versions>`,
    );
    await settle(el);
    const shown = rows(el);
    expect(shown).to.have.length(3);
    expect(shown[0]).to.match(/^3 \(current\) Published key_7Hq/);
    expect(shown[2]).to.contain('Created');
    expect(shown[2]).to.contain('Roll back to version 1');
    // the current version offers no rollback to itself
    expect(shown[0]).not.to.contain('Roll back');
    await expect(el).to.be.accessible();
  });

  it('sends nothing when the rollback is cancelled', async () => {
    const { api, requests } = fakeConfigServer(HISTORY);
    const el = await fixture<ConsoleVersions>(
      html`<mb-console-versions .api=${api} locale="en"></mb-console-versions>`,
    );
    await settle(el);
    button(el, 'Roll back to version 2').click();
    await settle(el);
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.textContent).to.contain('Roll back to version 2?');
    await expect(el).to.be.accessible();
    button(el, 'Cancel').click();
    await settle(el);
    expect(dialog.open).to.equal(false);
    expect(requests.filter((r) => r.method === 'POST')).to.deep.equal([]);
  });

  it('rolls back after confirming, with the CSRF header, and shows the new current version', async () => {
    const { api, requests } = fakeConfigServer(HISTORY);
    const el = await fixture<ConsoleVersions>(
      html`<mb-console-versions .api=${api} locale="de"></mb-console-versions>`,
    );
    await settle(el);
    button(el, 'Zu Version 2 zurückkehren').click();
    await settle(el);
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await settle(el);
    const posts = requests.filter((r) => r.method === 'POST');
    expect(posts).to.deep.equal([
      { method: 'POST', path: '/v1/admin/config/rollback', body: { version: 2 }, csrf: 'csrf-123' },
    ]);
    expect(dialog.open).to.equal(false);
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('ist jetzt aktuell');
    expect(rows(el)[0]).to.match(/^4 \(aktuell\) Rollback auf Version/);
  });
});
