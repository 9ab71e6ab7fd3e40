import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultPreferences } from '@matbakh/contract';
import { latestChoices } from '../src/consent-gate.ts';
import { IMPORT_MAX_ROWS } from '../src/routes/import.ts';
import { userHashFor } from '../src/subject.ts';
import { basic, call, countRows, grantConsent, type Setup, setup, track } from './helpers.ts';

type ImportAnswer = { accepted: number; duplicate: number; refused?: number };
type RowErrors = { errors: { index: number; field: string; message: string }[] };

const send = (s: Setup, kind: string, body: unknown, headers: Record<string, string> = {}) =>
  call<ImportAnswer & RowErrors>(s.app, 'POST', `/v1/import/${kind}`, {
    headers: { authorization: `Bearer ${s.tenant.secret}`, ...headers },
    body,
  });

/** An order placed long ago, as a partner's order history exports it. */
const order = (id: string, userId: string, timestamp: string) =>
  track({
    messageId: `order-${id}`,
    event: 'Order Completed',
    userId,
    anonymousId: undefined,
    timestamp,
    properties: { orderId: id, total: 18.5, currency: 'EUR' },
  });

const consentRow = (userId: string, overrides: Record<string, unknown> = {}) => ({
  consentId: `cmp-${userId}`,
  userId,
  policyVersion: 1,
  action: 'custom',
  choices: { necessary: true, analytics: true, personalization: false },
  channels: { email: true },
  source: 'banner',
  timestamp: '2023-05-04T10:00:00.000Z',
  userAgentClass: 'desktop',
  proof: { tool: 'OneTrust', receiptId: `rcpt-${userId}` },
  ...overrides,
});

describe('POST /v1/import/events', () => {
  it('stores historical orders with their original timestamps, vouched by the backend; a re-send is all duplicates', async () => {
    const s = await setup();
    const rows = [order('1', 'u1', '2023-01-02T18:30:00.000Z'), order('2', 'u2', '2021-11-20T12:00:00.000Z')];
    const first = await send(s, 'events', rows);
    assert.equal(first.res.status, 200, JSON.stringify(first.json));
    assert.deepEqual(first.json, { accepted: 2, duplicate: 0 });
    const stored = await s.db.all<{ user_id: string; timestamp: string }>(
      'SELECT user_id, timestamp FROM events ORDER BY user_id',
    );
    assert.deepEqual(stored, [
      { user_id: 'u1', timestamp: '2023-01-02T18:30:00.000Z' },
      { user_id: 'u2', timestamp: '2021-11-20T12:00:00.000Z' },
    ]);
    assert.deepEqual((await send(s, 'events', rows)).json, { accepted: 0, duplicate: 2 });
    assert.equal(await countRows(s.db), 2);
  });

  it("keeps out a subject's rows whose recorded decision refuses analytics, counted as refused", async () => {
    const s = await setup();
    await grantConsent(
      s.db,
      s.tenant.id,
      { anonymousId: 'x', userId: 'u-refused' },
      { necessary: true, analytics: false },
      'custom',
    );
    const { json } = await send(s, 'events', [
      order('1', 'u-refused', '2023-01-02T18:30:00.000Z'),
      order('2', 'u2', '2023-01-02T18:30:00.000Z'),
    ]);
    assert.deepEqual(json, { accepted: 1, duplicate: 0, refused: 1 });
  });

  it('one bad row: 400 listing every problem by row, nothing written', async () => {
    const s = await setup();
    const rows = [order('1', 'u1', '2023-01-02T18:30:00.000Z'), { ...order('2', 'u2', 'yesterday') }, 'nope'];
    const { res, json } = await send(s, 'events', rows);
    assert.equal(res.status, 400);
    assert.deepEqual(
      json.errors.map((e) => [e.index, e.field]),
      [
        [1, 'rows[1].timestamp'],
        [2, 'rows[2]'],
      ],
    );
    assert.equal(json.error.field, 'rows[1].timestamp');
    assert.equal(await countRows(s.db), 0);
  });

  it('takes NDJSON; refuses a body that is no array, or too many rows', async () => {
    const s = await setup();
    const ndjson = [order('1', 'u1', '2023-01-02T18:30:00.000Z'), order('2', 'u1', '2023-01-03T18:30:00.000Z')]
      .map((row) => JSON.stringify(row))
      .join('\n');
    const lines = await send(s, 'events', `${ndjson}\n`, { 'content-type': 'application/x-ndjson' });
    assert.deepEqual(lines.json, { accepted: 2, duplicate: 0 });
    const notArray = await send(s, 'events', { batch: [] });
    assert.equal(notArray.res.status, 400);
    assert.equal(notArray.json.error.field, 'rows');
    const tooMany = await send(
      s,
      'events',
      Array.from({ length: IMPORT_MAX_ROWS + 1 }, () => ({})),
    );
    assert.equal(tooMany.res.status, 413);
    assert.equal(tooMany.json.error.field, 'rows');
  });

  it('needs the secret key: the write key and the admin key get 403, and imports have their own rate limit', async () => {
    const s = await setup();
    const rows = [order('1', 'u1', '2023-01-02T18:30:00.000Z')];
    for (const authorization of [basic(s.tenant.writeKey), `Bearer ${(s.tenant as { adminKey?: string }).adminKey}`]) {
      const { res, json } = await send(s, 'events', rows, { authorization });
      assert.equal(res.status, 403);
      assert.equal(json.error.field, 'authorization');
    }
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await send(s, 'events', rows)).res.status);
    assert.ok(statuses.includes(429), `the import bucket runs dry: ${statuses}`);
    const browser = await call(s.app, 'GET', '/v1/config', { writeKey: s.tenant.writeKey });
    assert.equal(browser.res.status, 200, "the browsers' limit is untouched");
  });
});

describe('POST /v1/import/consent', () => {
  it("appends the partner's decisions with source and proof; the gate uses them; a re-send is all duplicates", async () => {
    const s = await setup();
    const rows = [
      consentRow('u1'),
      consentRow('u2', { source: 'center', choices: { necessary: true, analytics: false } }),
    ];
    const first = await send(s, 'consent', rows);
    assert.equal(first.res.status, 200, JSON.stringify(first.json));
    assert.deepEqual(first.json, { accepted: 2, duplicate: 0 });
    const ledger = await s.db.all<{ user_id: string; source: string; proof: string; timestamp: string }>(
      'SELECT user_id, source, proof, timestamp FROM consent_ledger ORDER BY user_id',
    );
    assert.deepEqual(
      ledger.map((row) => [row.user_id, row.source, JSON.parse(row.proof).receiptId, row.timestamp]),
      [
        ['u1', 'banner', 'rcpt-u1', '2023-05-04T10:00:00.000Z'],
        ['u2', 'center', 'rcpt-u2', '2023-05-04T10:00:00.000Z'],
      ],
    );
    assert.equal((await latestChoices(s.db, s.tenant.id, { userId: 'u1' }))?.analytics, true);
    // The imported refusal governs the browser too: u2's events are refused even with a valid userHash.
    const batch = await call<{ accepted: number; refused?: number }>(s.app, 'POST', '/v1/batch', {
      writeKey: s.tenant.writeKey,
      body: { batch: [track({ userId: 'u2', context: { userHash: userHashFor(s.tenant.secret, 'u2') } })] },
    });
    assert.equal(batch.json.refused, 1);
    assert.deepEqual((await send(s, 'consent', rows)).json, { accepted: 0, duplicate: 2 });
    assert.equal((await s.db.all('SELECT id FROM consent_ledger')).length, 2);
  });

  it('a row without proof or with a bad choice: 400 by row, nothing appended', async () => {
    const s = await setup();
    const { proof: _dropped, ...noProof } = consentRow('u2');
    const rows = [consentRow('u1'), noProof, consentRow('u3', { choices: { analytics: 'yes' } })];
    const { res, json } = await send(s, 'consent', rows);
    assert.equal(res.status, 400);
    assert.deepEqual(
      json.errors.map((e) => e.field),
      ['rows[1].proof', 'rows[2].choices.analytics'],
    );
    assert.equal((await s.db.all('SELECT id FROM consent_ledger')).length, 0);
  });
});

describe('POST /v1/import/preferences', () => {
  it("stores each subject's document (read back with its userHash); an unchanged re-send keeps the version", async () => {
    const s = await setup();
    const doc = { ...defaultPreferences(), diet: ['vegan'], allergens: ['peanuts'] };
    const rows = [
      { userId: 'u1', preferences: doc },
      { anonymousId: 'device-9', preferences: defaultPreferences() },
    ];
    assert.deepEqual((await send(s, 'preferences', rows)).json, { accepted: 2, duplicate: 0 });
    const query = new URLSearchParams({
      anonymousId: 'a1',
      userId: 'u1',
      userHash: userHashFor(s.tenant.secret, 'u1'),
    });
    const read = await call<{ preferences: { diet: string[] }; version: number }>(
      s.app,
      'GET',
      `/v1/preferences?${query}`,
      {
        writeKey: s.tenant.writeKey,
      },
    );
    assert.deepEqual(read.json.preferences.diet, ['vegan']);
    assert.equal(read.json.version, 1);
    assert.deepEqual((await send(s, 'preferences', rows)).json, { accepted: 0, duplicate: 2 });
    const again = await call<{ version: number }>(s.app, 'GET', `/v1/preferences?${query}`, {
      writeKey: s.tenant.writeKey,
    });
    assert.equal(again.json.version, 1);
  });

  it('bad rows (no subject, invalid document, a subject twice): 400 by row, nothing written', async () => {
    const s = await setup();
    const rows = [
      { userId: 'u1', preferences: defaultPreferences() },
      { preferences: defaultPreferences() },
      { userId: 'u2', preferences: { ...defaultPreferences(), diet: ['carnivore'] } },
      { userId: 'u1', preferences: defaultPreferences() },
    ];
    const { res, json } = await send(s, 'preferences', rows);
    assert.equal(res.status, 400);
    assert.deepEqual(
      json.errors.map((e) => e.index),
      [1, 2, 3],
    );
    assert.equal(json.errors[0]!.field, 'rows[1].userId');
    assert.match(json.errors[1]!.field, /^rows\[2\]\.preferences\.diet/);
    assert.equal((await s.db.all('SELECT subject_key FROM preferences')).length, 0);
  });
});
