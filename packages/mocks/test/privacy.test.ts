import type {
  ConsentLedgerEntry,
  ConsentLedgerResponse,
  ConsentRecordRequest,
  EraseResponse,
  ErrorBody,
  Message,
  PrivacyExport,
} from '@matbakh/contract';
import { expect } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createMockApi, defaultConfig } from '../src/index.ts';

const BASE = 'http://localhost:8787';
const api = createMockApi({ base: BASE, writeKey: 'pk_test' });
const worker = setupWorker(...api.handlers);
const url = (path: string, query: Record<string, string> = {}) =>
  `${BASE}${path}?${new URLSearchParams({ writeKey: 'pk_test', ...query })}`;
const post = (path: string, body: unknown, query?: Record<string, string>) =>
  fetch(url(path, query), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

function proof(patch: Partial<ConsentRecordRequest> = {}): ConsentRecordRequest {
  return {
    consentId: 'c-1',
    anonymousId: 'anon-1',
    policyVersion: 1,
    action: 'accept_all',
    choices: { preferences: true, personalization: true, analytics: true, marketing: true },
    channels: {},
    source: 'banner',
    timestamp: new Date().toISOString(),
    userAgentClass: 'desktop',
    ...patch,
  };
}

function message(anonymousId: string, event: string, userId?: string): Message {
  return {
    type: 'track',
    messageId: `m-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    anonymousId,
    ...(userId && { userId }),
    context: { library: { name: '@matbakh/sdk', version: '0.1.0' } },
    event,
    properties: { dish: 'Mansaf' },
  };
}
const sendBatch = (batch: Message[]) =>
  fetch(`${BASE}/v1/batch`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: JSON.stringify({ batch, writeKey: 'pk_test' }),
  });

describe('createMockApi: consent ledger and data rights', () => {
  before(async () => {
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' });
  });
  after(() => worker.stop());
  beforeEach(() => api.reset());

  it('POST /v1/consent appends to the ledger (without the userHash); GET answers current and history, newest first', async () => {
    const first = await post('/v1/consent', proof());
    expect(first.status).to.equal(201);
    const entry = (await first.json()) as ConsentLedgerEntry;
    expect(entry).to.deep.include({ id: 1, action: 'accept_all', anonymousId: 'anon-1' });
    expect(entry.receivedAt).to.be.a('string');
    await post('/v1/consent', proof({ action: 'withdraw', userId: 'u-1', userHash: 'h-1' }));
    await post('/v1/consent', proof({ anonymousId: 'someone-else', consentId: 'c-2' }));

    expect(api.ledger().map((row) => row.action)).to.deep.equal(['accept_all', 'withdraw', 'accept_all']);
    expect(api.ledger()[1]).not.to.have.property('userHash');

    const response = await fetch(url('/v1/consent', { anonymousId: 'anon-1' }));
    const ledger = (await response.json()) as ConsentLedgerResponse;
    expect(ledger.current?.action).to.equal('withdraw');
    expect(ledger.history.map((row) => row.id)).to.deep.equal([2, 1]);

    const none = (await (await fetch(url('/v1/consent', { anonymousId: 'nobody' }))).json()) as ConsentLedgerResponse;
    expect(none).to.deep.equal({ current: null, history: [] });
  });

  it('refuses a userId without userHash (403), bad proofs (400) and a missing or unknown write key (401)', async () => {
    const noHash = await post('/v1/consent', proof({ userId: 'u-1' }));
    expect(noHash.status).to.equal(403);
    expect(((await noHash.json()) as ErrorBody).error).to.deep.include({ code: 'forbidden', field: 'userHash' });
    expect((await fetch(url('/v1/consent', { anonymousId: 'a', userId: 'u-1' }))).status).to.equal(403);
    expect((await post('/v1/privacy/export', { anonymousId: 'a', userId: 'u-1' })).status).to.equal(403);
    expect((await post('/v1/privacy/erase', { userId: 'u-1' })).status).to.equal(403);

    const bad = await post('/v1/consent', proof({ action: 'maybe' as never }));
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as ErrorBody).error.field).to.equal('action');
    expect((await post('/v1/consent', proof({ choices: { cookies: true } as never }))).status).to.equal(400);
    expect((await post('/v1/consent', proof({ timestamp: 'yesterday' }))).status).to.equal(400);
    expect((await fetch(url('/v1/consent'))).status).to.equal(400);

    const keyless = await fetch(`${BASE}/v1/consent?anonymousId=anon-1`);
    expect(keyless.status).to.equal(401);
    expect((await post('/v1/consent', proof(), { writeKey: 'pk_other' })).status).to.equal(401);
    expect(api.ledger()).to.deep.equal([]);
  });

  it('export collects the subject’s messages and ledger; erase deletes them and anonymizes the ledger', async () => {
    await sendBatch([
      message('anon-1', 'Dish Viewed'),
      message('anon-1', 'Order Completed', 'u-1'),
      message('x', 'Other'),
    ]);
    await post('/v1/consent', proof());
    await post('/v1/consent', proof({ anonymousId: 'x', consentId: 'c-x' }));

    const exported = (await (await post('/v1/privacy/export', { anonymousId: 'anon-1' })).json()) as PrivacyExport;
    expect(exported).to.deep.include({
      schema: 'matbakh.privacy-export/1',
      subject: { anonymousId: 'anon-1' },
      tenant: defaultConfig.tenant,
      preferences: null,
      feedback: [],
    });
    expect(exported.events.map((e) => e.event)).to.deep.equal(['Dish Viewed', 'Order Completed']);
    expect(exported.events[0]!.properties).to.deep.equal({ dish: 'Mansaf' });
    expect(exported.consent.map((row) => row.consentId)).to.deep.equal(['c-1']);

    const erase = await post('/v1/privacy/erase', { anonymousId: 'anon-1' });
    expect(erase.status).to.equal(200);
    expect((await erase.json()) as EraseResponse).to.deep.equal({
      erased: { events: 2, preferences: 0, feedback: 0 },
      consentAnonymized: 1,
    });
    expect(api.messages().map((m) => m.anonymousId)).to.deep.equal(['x']);
    expect(api.ledger().map((row) => row.anonymousId)).to.have.length(2);
    expect(api.ledger()[0]!.anonymousId).to.match(/^erased:/);

    const after = (await (await post('/v1/privacy/export', { anonymousId: 'anon-1' })).json()) as PrivacyExport;
    expect(after.events).to.deep.equal([]);
    expect(after.consent).to.deep.equal([]);
  });

  it('an identified subject (userId + userHash) reaches its rows under any anonymous id', async () => {
    await sendBatch([message('device-a', 'Seen', 'u-9'), message('device-b', 'Ordered', 'u-9')]);
    const exported = (await (
      await post('/v1/privacy/export', { anonymousId: 'device-b', userId: 'u-9', userHash: 'h' })
    ).json()) as PrivacyExport;
    expect(exported.subject).to.deep.equal({ anonymousId: 'device-b', userId: 'u-9' });
    expect(exported.events.map((e) => e.event)).to.deep.equal(['Seen', 'Ordered']);
  });

  it('setConfig serves another config until reset; failNext and goOffline apply to the new routes', async () => {
    api.setConfig({ ...defaultConfig, consent: { ...defaultConfig.consent, version: 7 } });
    expect((await (await fetch(`${BASE}/v1/config`)).json()).consent.version).to.equal(7);
    api.failNext(503, { path: '/v1/consent' });
    expect((await post('/v1/consent', proof())).status).to.equal(503);
    api.goOffline();
    let error: unknown;
    await post('/v1/consent', proof()).catch((caught) => {
      error = caught;
    });
    expect(error).to.be.instanceOf(TypeError);
    api.reset();
    expect((await (await fetch(`${BASE}/v1/config`)).json()).consent.version).to.equal(1);
    expect(api.ledger()).to.deep.equal([]);
  });
});
