import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConsentLedgerEntry, ConsentLedgerResponse } from '@matbakh/contract';
import type { Db } from '../src/db.ts';
import { userHashFor } from '../src/subject.ts';
import { createTenant } from '../src/tenants.ts';
import { basic, call, consentRecord, SHOP_ORIGIN, setup, T0 } from './helpers.ts';

interface LedgerRow {
  id: number;
  tenant_id: string;
  consent_id: string;
  anonymous_id: string;
  user_id: string | null;
  policy_version: number;
  action: string;
  choices: string;
  channels: string;
  source: string;
  timestamp: string;
  received_at: string;
  user_agent_class: string;
  anonymized_at: string | null;
  /** Set only by a bulk import (`POST /v1/import/consent`). */
  proof: string | null;
}

const ledger = (db: Db): Promise<LedgerRow[]> => db.all<LedgerRow>('SELECT * FROM consent_ledger ORDER BY id');

describe('POST /v1/consent: the ledger', () => {
  it('appends one row per decision, in order, and answers 201 with the entry', async () => {
    const { app, db, tenant, advance } = await setup();
    const bodies = [
      consentRecord({ action: 'accept_all', source: 'banner' }),
      consentRecord({ action: 'custom', source: 'center', choices: { necessary: true, analytics: false } }),
      consentRecord({ action: 'withdraw', source: 'api', policyVersion: 2, channels: {}, userAgentClass: 'mobile' }),
    ];
    const entries: ConsentLedgerEntry[] = [];
    for (const [i, body] of bodies.entries()) {
      advance(1000);
      const { res, json } = await call<ConsentLedgerEntry>(app, 'POST', '/v1/consent', {
        writeKey: tenant.writeKey,
        body,
      });
      assert.equal(res.status, 201, `decision ${i}`);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const { writeKey: _key, ...expected } = body;
      assert.deepEqual(json, { ...expected, id: json.id, receivedAt: new Date(T0 + (i + 1) * 1000).toISOString() });
      entries.push(json);
    }
    assert.deepEqual(
      entries.map((e) => e.id),
      [1, 2, 3],
    );

    const rows = await ledger(db);
    assert.deepEqual(
      rows.map((r) => [r.id, r.action, r.source]),
      [
        [1, 'accept_all', 'banner'],
        [2, 'custom', 'center'],
        [3, 'withdraw', 'api'],
      ],
    );
    assert.deepEqual(rows[1], {
      id: 2,
      tenant_id: tenant.id,
      consent_id: bodies[1]!.consentId,
      anonymous_id: 'anon-1',
      user_id: null,
      policy_version: 1,
      action: 'custom',
      choices: '{"necessary":true,"analytics":false}',
      channels: '{"in_app":true,"email":false}',
      source: 'center',
      timestamp: '2025-03-01T11:59:30.000Z',
      received_at: new Date(T0 + 2000).toISOString(),
      user_agent_class: 'desktop',
      anonymized_at: null,
      proof: null,
    });
    assert.equal(rows[2]?.policy_version, 2);
    assert.equal(rows[2]?.user_agent_class, 'mobile');
  });

  it('is append-only: the same decision posted twice gives two rows, the first unchanged', async () => {
    const { app, db, tenant, advance } = await setup();
    const body = consentRecord();
    assert.equal((await call(app, 'POST', '/v1/consent', { writeKey: tenant.writeKey, body })).res.status, 201);
    const [first] = await ledger(db);
    advance(5000);
    assert.equal((await call(app, 'POST', '/v1/consent', { writeKey: tenant.writeKey, body })).res.status, 201);
    const rows = await ledger(db);
    assert.equal(rows.length, 2);
    assert.deepEqual(rows[0], first);
    assert.deepEqual({ ...rows[1], id: 1, received_at: first!.received_at }, first);
    assert.notEqual(rows[1]?.received_at, first!.received_at);
  });

  it('makes the database itself refuse DELETE and UPDATE of ledger rows', async () => {
    const { app, db, tenant } = await setup();
    await call(app, 'POST', '/v1/consent', { writeKey: tenant.writeKey, body: consentRecord() });
    const attempts = [
      'DELETE FROM consent_ledger',
      "UPDATE consent_ledger SET action = 'reject_all'",
      "UPDATE consent_ledger SET choices = '{}'",
      // Looks like an anonymization but rewrites the decision too.
      "UPDATE consent_ledger SET anonymous_id = 'x', anonymized_at = 'now', action = 'reject_all'",
      // Does not replace the identifier.
      "UPDATE consent_ledger SET anonymized_at = 'now'",
      // An anonymization that also forges the import's proof.
      `UPDATE consent_ledger SET anonymous_id = 'x', anonymized_at = 'now', proof = '{"tool":"forged"}'`,
    ];
    for (const sql of attempts) await assert.rejects(async () => db.run(sql), /append-only/, sql);
    // The one change erase makes is allowed, once.
    await db.run("UPDATE consent_ledger SET anonymous_id = 'hashed', anonymized_at = '2025-03-02T00:00:00.000Z'");
    await assert.rejects(async () =>
      db.run("UPDATE consent_ledger SET anonymous_id = 'again', anonymized_at = 'later'"),
    );
    assert.equal((await ledger(db)).length, 1);
  });

  it('stores a verified userId and never the userHash', async () => {
    const { app, db, tenant } = await setup();
    const userHash = userHashFor(tenant.secret, 'user-42');
    const { res, json } = await call<ConsentLedgerEntry>(app, 'POST', '/v1/consent', {
      writeKey: tenant.writeKey,
      body: consentRecord({ userId: 'user-42', userHash }),
    });
    assert.equal(res.status, 201);
    assert.equal(json.userId, 'user-42');
    assert.equal('userHash' in json, false);
    const [row] = await ledger(db);
    assert.equal(row?.user_id, 'user-42');
    assert.doesNotMatch(JSON.stringify(row), new RegExp(userHash));
  });

  const keys: Array<{ name: string; path: string; headers?: Record<string, string>; body?: Record<string, unknown> }> =
    [
      { name: 'Basic auth', path: '/v1/consent', headers: { authorization: 'KEY' } },
      { name: 'the body', path: '/v1/consent', body: { writeKey: 'KEY' } },
      { name: 'the query', path: '/v1/consent?writeKey=KEY' },
      {
        name: 'the body of a text/plain request',
        path: '/v1/consent',
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        body: { writeKey: 'KEY' },
      },
    ];
  for (const { name, path, headers = {}, body = {} } of keys) {
    it(`takes the write key from ${name}`, async () => {
      const { app, db, tenant } = await setup();
      const auth: Record<string, string> =
        headers.authorization === undefined ? {} : { authorization: basic(tenant.writeKey) };
      const { res } = await call(app, 'POST', path.replace('KEY', tenant.writeKey), {
        headers: { ...headers, ...auth, origin: SHOP_ORIGIN },
        body: { ...consentRecord(), ...(body.writeKey ? { writeKey: tenant.writeKey } : {}) },
      });
      assert.equal(res.status, 201);
      assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
      assert.equal((await ledger(db)).length, 1);
    });
  }

  it('answers 401 without a write key and stores nothing', async () => {
    const { app, db } = await setup();
    const { res, json } = await call(app, 'POST', '/v1/consent', { body: consentRecord() });
    assert.equal(res.status, 401);
    assert.equal(json.error.code, 'unauthorized');
    assert.equal((await ledger(db)).length, 0);
  });

  it('answers 413 for a body over 16 KiB even when the batch limit is larger', async () => {
    const { app, db, tenant } = await setup({ maxBodyBytes: 512_000 });
    const { res, json } = await call(app, 'POST', '/v1/consent', {
      writeKey: tenant.writeKey,
      body: consentRecord({ padding: 'x'.repeat(17 * 1024) }),
    });
    assert.equal(res.status, 413);
    assert.equal(json.error.code, 'payload_too_large');
    assert.equal((await ledger(db)).length, 0);
  });

  it('answers 429 with Retry-After over the rate limit', async () => {
    const { app, tenant } = await setup({ rateLimit: 1 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 3; i++) {
      const { res } = await call(app, 'POST', '/v1/consent', { writeKey: tenant.writeKey, body: consentRecord() });
      statuses.push(res.status);
      retryAfter = res.headers.get('retry-after');
    }
    assert.deepEqual(statuses, [201, 201, 429]);
    assert.equal(retryAfter, '1');
  });
});

describe('POST /v1/consent: validation names the field', () => {
  const long = (n: number) => 'x'.repeat(n);
  const cases: Array<{ name: string; body: unknown; field: string; text: RegExp }> = [
    { name: 'an array body', body: [consentRecord()], field: 'body', text: /JSON object/ },
    { name: 'broken JSON', body: '{"anonymousId":', field: 'body', text: /not valid JSON/ },
    { name: 'no anonymousId', body: consentRecord({ anonymousId: undefined }), field: 'anonymousId', text: /string/ },
    { name: 'an empty anonymousId', body: consentRecord({ anonymousId: '' }), field: 'anonymousId', text: /empty/ },
    {
      name: 'a 201-char anonymousId',
      body: consentRecord({ anonymousId: long(201) }),
      field: 'anonymousId',
      text: /200/,
    },
    { name: 'a numeric userId', body: consentRecord({ userId: 42 }), field: 'userId', text: /string/ },
    { name: 'a userHash alone', body: consentRecord({ userHash: 'ab' }), field: 'userHash', text: /userId/ },
    { name: 'no consentId', body: consentRecord({ consentId: undefined }), field: 'consentId', text: /string/ },
    { name: 'a 101-char consentId', body: consentRecord({ consentId: long(101) }), field: 'consentId', text: /100/ },
    { name: 'policyVersion 0', body: consentRecord({ policyVersion: 0 }), field: 'policyVersion', text: /positive/ },
    { name: 'policyVersion 1.5', body: consentRecord({ policyVersion: 1.5 }), field: 'policyVersion', text: /whole/ },
    { name: 'policyVersion "1"', body: consentRecord({ policyVersion: '1' }), field: 'policyVersion', text: /number/ },
    { name: 'an unknown action', body: consentRecord({ action: 'maybe' }), field: 'action', text: /accept_all/ },
    { name: 'no choices', body: consentRecord({ choices: undefined }), field: 'choices', text: /object/ },
    { name: 'choices as a list', body: consentRecord({ choices: ['analytics'] }), field: 'choices', text: /object/ },
    {
      name: 'an unknown category',
      body: consentRecord({ choices: { cookies: true } }),
      field: 'choices.cookies',
      text: /not a known id.*marketing/,
    },
    {
      name: 'a non-boolean choice',
      body: consentRecord({ choices: { analytics: 'yes' } }),
      field: 'choices.analytics',
      text: /true or false/,
    },
    { name: 'no channels', body: consentRecord({ channels: undefined }), field: 'channels', text: /object/ },
    {
      name: 'an unknown channel',
      body: consentRecord({ channels: { sms: true } }),
      field: 'channels.sms',
      text: /whatsapp/,
    },
    {
      name: 'a numeric channel flag',
      body: consentRecord({ channels: { email: 1 } }),
      field: 'channels.email',
      text: /true or false/,
    },
    {
      name: 'an unknown source',
      body: consentRecord({ source: 'popup' }),
      field: 'source',
      text: /banner, center, api/,
    },
    { name: 'no timestamp', body: consentRecord({ timestamp: undefined }), field: 'timestamp', text: /ISO-8601/ },
    { name: 'a date without time', body: consentRecord({ timestamp: '2025-03-01' }), field: 'timestamp', text: /ISO/ },
    {
      name: 'a zone-less time',
      body: consentRecord({ timestamp: '2025-03-01T12:00:00' }),
      field: 'timestamp',
      text: /zone/,
    },
    {
      name: 'an unknown device',
      body: consentRecord({ userAgentClass: 'phone' }),
      field: 'userAgentClass',
      text: /mobile/,
    },
  ];
  for (const { name, body, field, text } of cases) {
    it(`refuses ${name} (${field})`, async () => {
      const { app, db, tenant } = await setup();
      const { res, json } = await call(app, 'POST', '/v1/consent', { writeKey: tenant.writeKey, body });
      assert.equal(res.status, 400);
      assert.equal(json.error.code, 'bad_request');
      assert.equal(json.error.field, field);
      assert.match(json.error.message, text);
      assert.equal((await ledger(db)).length, 0);
    });
  }
});

describe('identity verification (userHash)', () => {
  const refusals: Array<{ name: string; hash: (secret: string, other: string) => string | undefined }> = [
    { name: 'no userHash', hash: () => undefined },
    { name: "someone else's userHash", hash: (secret) => userHashFor(secret, 'user-victim-other') },
    { name: "a hash made with another tenant's secret", hash: (_secret, other) => userHashFor(other, 'user-victim') },
    { name: 'a malformed hash', hash: () => 'not-hex' },
    { name: 'a truncated hash', hash: (secret) => userHashFor(secret, 'user-victim').slice(0, 63) },
    { name: 'an empty hash', hash: () => '' },
  ];
  for (const { name, hash } of refusals) {
    it(`answers 403 forbidden for a userId with ${name}, on every subject route`, async () => {
      const { app, db, tenant } = await setup();
      const other = await createTenant(db, { name: 'Other', origins: ['*'] });
      const userHash = hash(tenant.secret, other.secret);
      const subject = {
        anonymousId: 'anon-attacker',
        userId: 'user-victim',
        ...(userHash === undefined ? {} : { userHash }),
      };
      const query = new URLSearchParams(subject).toString();
      const requests: Array<[string, string, unknown]> = [
        ['POST', '/v1/consent', consentRecord(subject)],
        ['GET', `/v1/consent?${query}`, undefined],
        ['POST', '/v1/privacy/export', subject],
        ['POST', '/v1/privacy/erase', subject],
      ];
      for (const [method, path, body] of requests) {
        const { res, json } = await call(app, method, path, { writeKey: tenant.writeKey, body });
        assert.equal(res.status, 403, `${method} ${path}`);
        assert.equal(json.error.code, 'forbidden');
        assert.equal(json.error.field, 'userHash');
      }
      assert.equal((await ledger(db)).length, 0);
    });
  }

  it('accepts the hash in upper case hex', async () => {
    const { app, tenant } = await setup();
    const userHash = userHashFor(tenant.secret, 'user-1').toUpperCase();
    const { res } = await call(app, 'POST', '/v1/consent', {
      writeKey: tenant.writeKey,
      body: consentRecord({ userId: 'user-1', userHash }),
    });
    assert.equal(res.status, 201);
  });
});

describe('GET /v1/consent', () => {
  const get = (app: Awaited<ReturnType<typeof setup>>['app'], writeKey: string, subject: Record<string, string>) =>
    call<ConsentLedgerResponse>(app, 'GET', `/v1/consent?${new URLSearchParams(subject)}`, { writeKey });

  it('answers current null and an empty history for a new subject', async () => {
    const { app, tenant } = await setup();
    const { res, json } = await get(app, tenant.writeKey, { anonymousId: 'anon-new' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(json, { current: null, history: [] });
  });

  it('answers the newest entry as current and the history newest first', async () => {
    const { app, tenant, advance } = await setup();
    const posted: ConsentLedgerEntry[] = [];
    for (const action of ['accept_all', 'custom', 'reject_all']) {
      advance(1000);
      const { json } = await call<ConsentLedgerEntry>(app, 'POST', '/v1/consent', {
        writeKey: tenant.writeKey,
        body: consentRecord({ action }),
      });
      posted.push(json);
    }
    await call(app, 'POST', '/v1/consent', {
      writeKey: tenant.writeKey,
      body: consentRecord({ anonymousId: 'anon-2' }),
    });
    const { json } = await get(app, tenant.writeKey, { anonymousId: 'anon-1' });
    assert.deepEqual(json.history, [...posted].reverse());
    assert.deepEqual(json.current, posted[2]);
    assert.equal(json.current?.action, 'reject_all');
  });

  it("scopes to the anonymousId: B never sees A's entries, nor another tenant's", async () => {
    const { app, db, tenant } = await setup();
    const other = await createTenant(db, { name: 'Other', origins: ['*'] });
    await call(app, 'POST', '/v1/consent', { writeKey: tenant.writeKey, body: consentRecord({ anonymousId: 'A' }) });
    await call(app, 'POST', '/v1/consent', { writeKey: other.writeKey, body: consentRecord({ anonymousId: 'B' }) });
    assert.deepEqual((await get(app, tenant.writeKey, { anonymousId: 'B' })).json.history, []);
    assert.equal((await get(app, tenant.writeKey, { anonymousId: 'A' })).json.history.length, 1);
    assert.deepEqual((await get(app, other.writeKey, { anonymousId: 'A' })).json.history, []);
  });

  it("a verified user sees the userId's entries from every device plus the anonymousId's anonymous ones", async () => {
    const { app, tenant, advance } = await setup();
    const hash = (userId: string) => userHashFor(tenant.secret, userId);
    const post = async (body: Record<string, unknown>) => {
      advance(1000);
      return (await call<ConsentLedgerEntry>(app, 'POST', '/v1/consent', { writeKey: tenant.writeKey, body })).json;
    };
    const beforeLogin = await post(consentRecord({ anonymousId: 'laptop' }));
    const otherDevice = await post(consentRecord({ anonymousId: 'phone', userId: 'u1', userHash: hash('u1') }));
    const loggedIn = await post(consentRecord({ anonymousId: 'laptop', userId: 'u1', userHash: hash('u1') }));
    // Someone else logged in on the same laptop: theirs, not u1's.
    await post(consentRecord({ anonymousId: 'laptop', userId: 'u2', userHash: hash('u2') }));
    await post(consentRecord({ anonymousId: 'tablet' }));

    const { res, json } = await get(app, tenant.writeKey, {
      anonymousId: 'laptop',
      userId: 'u1',
      userHash: hash('u1'),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(json.history, [loggedIn, otherDevice, beforeLogin]);

    // Without the proof, the anonymousId reaches only the entries that carry no userId.
    const anonymous = await get(app, tenant.writeKey, { anonymousId: 'laptop' });
    assert.deepEqual(anonymous.json.history, [beforeLogin]);
  });

  it('answers 400 naming anonymousId when it is missing, 401 without a key', async () => {
    const { app, tenant } = await setup();
    const missing = await get(app, tenant.writeKey, {});
    assert.equal(missing.res.status, 400);
    assert.equal(missing.json.error.field, 'anonymousId');
    const noKey = await call(app, 'GET', '/v1/consent?anonymousId=a');
    assert.equal(noKey.res.status, 401);
  });

  it('takes the write key from the query', async () => {
    const { app, tenant } = await setup();
    const { res } = await call(app, 'GET', `/v1/consent?writeKey=${tenant.writeKey}&anonymousId=a`);
    assert.equal(res.status, 200);
  });
});

describe('subject routes: CORS', () => {
  const routes: Array<[string, string, unknown]> = [
    ['POST', '/v1/consent', consentRecord()],
    ['GET', '/v1/consent?anonymousId=anon-1', undefined],
    ['POST', '/v1/privacy/export', { anonymousId: 'anon-1' }],
    ['POST', '/v1/privacy/erase', { anonymousId: 'anon-1' }],
  ];
  for (const [method, path, body] of routes) {
    const bare = path.split('?')[0]!;
    it(`grants a preflight for ${bare} with Content-Type from an allowed origin`, async () => {
      const { app } = await setup();
      const res = await app.request(bare, {
        method: 'OPTIONS',
        headers: {
          origin: SHOP_ORIGIN,
          'access-control-request-method': method,
          'access-control-request-headers': 'content-type, authorization',
        },
      });
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
      assert.match(res.headers.get('access-control-allow-methods') ?? '', new RegExp(method));
      assert.match(res.headers.get('access-control-allow-headers') ?? '', /Content-Type/);
    });

    it(`${method} ${bare}: allowed origin gets Access-Control-Allow-Origin, a foreign one 403`, async () => {
      const { app, db, tenant } = await setup();
      const ok = await call(app, method, path, { writeKey: tenant.writeKey, body, headers: { origin: SHOP_ORIGIN } });
      assert.ok(ok.res.status < 300, `status ${ok.res.status}`);
      assert.equal(ok.res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
      assert.match(ok.res.headers.get('vary') ?? '', /Origin/);

      const rowsBefore = (await ledger(db)).length;
      const evil = await call(app, method, path, {
        writeKey: tenant.writeKey,
        body,
        headers: { origin: 'https://evil.example' },
      });
      assert.equal(evil.res.status, 403);
      assert.equal(evil.json.error.code, 'forbidden_origin');
      // Readable by the refused page (the SDK names the cause), with the reason only.
      assert.equal(evil.res.headers.get('access-control-allow-origin'), 'https://evil.example');
      assert.deepEqual(Object.keys(evil.json), ['error']);
      assert.equal((await ledger(db)).length, rowsBefore, 'nothing stored for a refused origin');
    });
  }

  it('lets an allowed origin read a 400 too', async () => {
    const { app, tenant } = await setup();
    const { res } = await call(app, 'POST', '/v1/consent', {
      writeKey: tenant.writeKey,
      body: consentRecord({ action: 'nope' }),
      headers: { origin: SHOP_ORIGIN },
    });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
  });
});

describe('subject routes: request log', () => {
  it('logs tenant, subject kind and counts, never ids, hashes, keys or bodies', async () => {
    const { app, tenant, records } = await setup();
    const userHash = userHashFor(tenant.secret, 'user-secret-id');
    const subject = { anonymousId: 'anon-secret-id', userId: 'user-secret-id', userHash };
    const body = consentRecord({ ...subject, consentId: 'consent-secret-id' });
    await call(app, 'POST', '/v1/consent', { writeKey: tenant.writeKey, body });
    await call(app, 'GET', `/v1/consent?writeKey=${tenant.writeKey}&${new URLSearchParams(subject)}`);
    await call(app, 'POST', '/v1/privacy/export', { writeKey: tenant.writeKey, body: subject });
    await call(app, 'POST', '/v1/privacy/erase', { writeKey: tenant.writeKey, body: subject });
    await call(app, 'POST', '/v1/privacy/erase', {
      writeKey: tenant.writeKey,
      body: { ...subject, userHash: userHash.replace(/^./, (c) => (c === '0' ? '1' : '0')) },
    });

    assert.equal(records.length, 5);
    const strip = ({ ms: _ms, ...rest }: Record<string, unknown>) => rest;
    assert.deepEqual(records.map(strip), [
      {
        level: 'info',
        msg: 'request',
        method: 'POST',
        path: '/v1/consent',
        status: 201,
        tenantId: tenant.id,
        subject: 'user',
        action: 'accept_all',
        ledgerId: 1,
      },
      {
        level: 'info',
        msg: 'request',
        method: 'GET',
        path: '/v1/consent',
        status: 200,
        tenantId: tenant.id,
        subject: 'user',
        entries: 1,
      },
      {
        level: 'info',
        msg: 'request',
        method: 'POST',
        path: '/v1/privacy/export',
        status: 200,
        tenantId: tenant.id,
        subject: 'user',
        events: 0,
        consent: 1,
      },
      {
        level: 'info',
        msg: 'request',
        method: 'POST',
        path: '/v1/privacy/erase',
        status: 200,
        tenantId: tenant.id,
        subject: 'user',
        erasedEvents: 0,
        erasedPreferences: 0,
        erasedFeedback: 0,
        consentAnonymized: 1,
      },
      {
        level: 'info',
        msg: 'request',
        method: 'POST',
        path: '/v1/privacy/erase',
        status: 403,
        tenantId: tenant.id,
        subject: 'user',
      },
    ]);
    const text = JSON.stringify(records);
    for (const secret of ['secret-id', userHash, tenant.writeKey, tenant.secret]) {
      assert.doesNotMatch(text, new RegExp(secret));
    }
  });
});
