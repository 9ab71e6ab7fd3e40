// A corpus of malformed requests across every endpoint (issue 14): bad JSON, wrong types, huge, deep, NUL and
// prototype keys, extreme timestamps, injection strings. Whatever comes in: never a 5xx, never a hang, always a JSON
// answer, and every error names the field. In a batch, a bad message is rejected alone.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BatchResponse, ErrorBody } from '@matbakh/contract';
import { groupHashFor } from '../src/insights.ts';
import { userHashFor } from '../src/subject.ts';
import { basic, consentRecord, grantConsent, type Setup, setup, track } from './helpers.ts';

interface Case {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** A batch whose message 1 is valid: it must come through whatever message 0 is. */
  batchWithGoodSecond?: boolean;
}

const deepArray = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const nested = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};
const protoKey = (value: unknown) => JSON.parse(`{"__proto__": ${JSON.stringify(value)}, "x": 1}`) as unknown;

/** Values that are wrong somewhere, or hostile everywhere. */
const BAD_VALUES: unknown[] = [
  null,
  0,
  -1,
  1e308,
  true,
  [],
  {},
  '',
  'x'.repeat(70_000),
  'a\u0000b',
  '\ud800',
  "' OR 1=1 --",
  "'); DROP TABLE events; --",
  '<script>alert(1)</script>',
  `${'$'}{7*7}{{7*7}}`, // template injection probes
  '../../../../etc/passwd',
  'javascript:alert(1)',
  '275760-09-13T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  '0000-01-01T00:00:00.000Z',
  '2025-02-30T25:61:00Z',
  nested(40),
  nested(3_000),
  protoKey({ polluted: true }),
  { constructor: { prototype: { polluted: true } } },
];

/** Raw bodies that are not what any route expects. */
const RAW_BODIES: (string | Uint8Array)[] = [
  '',
  '{',
  '[',
  '{"a":}',
  'null',
  'true',
  '1',
  '"text"',
  '[]',
  '{}',
  '1e999',
  'NaN',
  '\ufeff{}',
  '{"__proto__":{"polluted":true}}',
  '{"a\\u0000b":1}',
  deepArray(33),
  deepArray(5_000),
  deepArray(200_000),
  deepObject(1_500),
  deepObject(60_000),
  new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
];

const QUERY_VALUES = [
  '%00',
  'a%00b',
  '%E0%A4%A',
  '%',
  '%ZZ',
  'x'.repeat(5_000),
  "'%20OR%201%3D1%20--",
  '%3Cscript%3E',
  '-1',
  '1e309',
  'NaN',
  '__proto__',
  '0x10',
  '%F0%9F%92%A9',
  '%ED%A0%80',
];
const QUERY_NAMES = ['__proto__', 'constructor', 'toString', 'a%00b'];

function bodyCases(s: Setup): Case[] {
  const key = s.tenant.writeKey;
  const hash = userHashFor(s.tenant.secret, 'fuzz-user');
  const subject = { anonymousId: 'fuzz-anon', userId: 'fuzz-user', userHash: hash };
  const subjectQuery = new URLSearchParams({ writeKey: key, ...subject }).toString();
  const routes: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    template: Record<string, unknown>;
  }[] = [
    { method: 'POST', path: '/v1/consent', template: { writeKey: key, ...consentRecord(subject) } },
    { method: 'POST', path: '/v1/privacy/export', template: { writeKey: key, ...subject } },
    { method: 'POST', path: '/v1/privacy/erase', template: { writeKey: key, anonymousId: 'someone-else' } },
    {
      method: 'POST',
      path: '/v1/feedback',
      template: { writeKey: key, ...subject, requestId: 'rec_1', itemId: 'd-1', kind: 'not_interested' },
    },
    {
      method: 'PUT',
      path: `/v1/preferences?${subjectQuery}`,
      headers: { 'if-match': '*' },
      template: { schema: 1, theme: 'dark', diet: ['vegan'], allergens: [], locale: null },
    },
    {
      method: 'PATCH',
      path: `/v1/preferences?${subjectQuery}`,
      headers: { 'if-match': '*' },
      template: { theme: 'dark', diet: ['vegan'], favorites: { dishes: ['d-1'] } },
    },
    {
      method: 'POST',
      path: '/v1/admin/catalog',
      headers: { authorization: `Bearer ${s.tenant.secret}` },
      template: { items: [{ id: 'r-1', kind: 'restaurant', name: 'R', cuisine: 'x', region: 'y' }] },
    },
  ];
  const cases: Case[] = [];
  for (const route of [...routes, { method: 'POST', path: '/v1/batch', template: {} }]) {
    for (const [i, raw] of RAW_BODIES.entries()) {
      cases.push({
        name: `${route.method} ${route.path.split('?')[0]} raw #${i}`,
        method: route.method,
        path: route.path,
        headers: { authorization: basic(key), ...route.headers },
        body: raw,
      });
    }
  }
  for (const route of routes) {
    for (const field of Object.keys(route.template)) {
      for (const [i, value] of BAD_VALUES.entries()) {
        cases.push({
          name: `${route.method} ${route.path.split('?')[0]} ${field} #${i}`,
          method: route.method,
          path: route.path,
          headers: { ...(field === 'writeKey' ? {} : { authorization: basic(key) }), ...route.headers },
          body: JSON.stringify({ ...route.template, [field]: value }),
        });
      }
    }
  }
  const message = track({ anonymousId: 'fuzz-anon' });
  const fields = [...Object.keys(message), 'userId', 'sentAt', 'traits', 'groupId', 'previousId', 'name', 'category'];
  for (const field of fields) {
    for (const [i, value] of BAD_VALUES.entries()) {
      cases.push({
        name: `POST /v1/batch batch[0].${field} #${i}`,
        method: 'POST',
        path: '/v1/batch',
        headers: { authorization: basic(key) },
        body: JSON.stringify({
          batch: [{ ...track({ anonymousId: 'fuzz-anon' }), [field]: value }, track({ anonymousId: 'fuzz-anon' })],
        }),
        batchWithGoodSecond: true,
      });
    }
  }
  // The bulk imports (secret key): raw bodies, then each field of one row bad beside a good row.
  const imports: [string, Record<string, unknown>][] = [
    ['/v1/import/events', track({ userId: 'fuzz-user', anonymousId: undefined })],
    ['/v1/import/consent', { ...consentRecord({ userId: 'fuzz-user' }), proof: { tool: 'fuzz', receiptId: 'r-1' } }],
    ['/v1/import/preferences', { userId: 'fuzz-user', preferences: { schema: 1, theme: 'dark' } }],
  ];
  const secret = { authorization: `Bearer ${s.tenant.secret}` };
  for (const [path, row] of imports) {
    for (const [i, raw] of RAW_BODIES.entries()) {
      cases.push({ name: `POST ${path} raw #${i}`, method: 'POST', path, headers: secret, body: raw });
    }
    for (const field of Object.keys(row)) {
      for (const [i, value] of BAD_VALUES.entries()) {
        cases.push({
          name: `POST ${path} rows[0].${field} #${i}`,
          method: 'POST',
          path,
          headers: secret,
          body: JSON.stringify([{ ...row, [field]: value }, row]),
        });
      }
    }
  }
  for (const [i, value] of BAD_VALUES.entries()) {
    cases.push({
      name: `POST /v1/batch envelope sentAt #${i}`,
      method: 'POST',
      path: '/v1/batch',
      headers: { authorization: basic(key) },
      body: JSON.stringify({ batch: [track({ anonymousId: 'fuzz-anon' })], sentAt: value }),
    });
    cases.push({
      name: `POST /v1/batch envelope batch #${i}`,
      method: 'POST',
      path: '/v1/batch',
      headers: { authorization: basic(key) },
      body: JSON.stringify({ batch: value }),
    });
    cases.push({
      name: `POST /v1/batch body writeKey #${i}`,
      method: 'POST',
      path: '/v1/batch',
      body: JSON.stringify({ writeKey: value, batch: [] }),
    });
  }
  return cases;
}

function queryCases(s: Setup): Case[] {
  const key = s.tenant.writeKey;
  const hash = userHashFor(s.tenant.secret, 'fuzz-user');
  const good: Record<string, Record<string, string>> = {
    '/v1/config': { writeKey: key },
    '/v1/consent': { writeKey: key, anonymousId: 'fuzz-anon', userId: 'fuzz-user', userHash: hash },
    '/v1/preferences': { writeKey: key, anonymousId: 'fuzz-anon' },
    '/v1/recommendations': {
      writeKey: key,
      slot: 'home',
      limit: '5',
      locale: 'en',
      audience: 'owner',
      profiling: '1',
      diet: 'vegan',
      allergens: 'milk',
      region: 'Berlin',
      hour: '12',
      anonymousId: 'fuzz-anon',
      userId: 'fuzz-user',
      userHash: hash,
      groupId: 'r-1',
      groupHash: groupHashFor(s.tenant.secret, 'fuzz-user', 'r-1'),
    },
    '/v1/recommendations/explanation': { writeKey: key, locale: 'en' },
    '/v1/catalog': { writeKey: key, region: 'Berlin', limit: '10' },
    '/v1/search': {
      writeKey: key,
      q: 'falafel',
      limit: '5',
      type: 'dish,restaurant',
      anonymousId: 'fuzz-anon',
      userId: 'fuzz-user',
      userHash: hash,
    },
    '/v1/search/index': { writeKey: key },
    '/v1/insights': {
      writeKey: key,
      groupId: 'r-1',
      anonymousId: 'fuzz-anon',
      userId: 'fuzz-user',
      userHash: hash,
      groupHash: groupHashFor(s.tenant.secret, 'fuzz-user', 'r-1'),
      locale: 'en',
      region: 'DE',
    },
  };
  const cases: Case[] = [];
  const encode = (params: Record<string, string>) =>
    Object.entries(params)
      .map(([name, value]) => `${name}=${name === 'writeKey' ? encodeURIComponent(value) : value}`)
      .join('&');
  for (const [path, params] of Object.entries(good)) {
    const plain = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, encodeURIComponent(v)]));
    for (const name of Object.keys(params)) {
      if (name === 'writeKey') continue;
      for (const value of QUERY_VALUES) {
        cases.push({
          name: `GET ${path} ${name}=${value.slice(0, 20)}`,
          method: 'GET',
          path: `${path}?${encode({ ...plain, [name]: value })}`,
        });
      }
    }
    for (const name of QUERY_NAMES) {
      cases.push({ name: `GET ${path} ${name}`, method: 'GET', path: `${path}?${encode({ ...plain, [name]: 'x' })}` });
    }
    cases.push({ name: `GET ${path} repeated`, method: 'GET', path: `${path}?${encode(plain)}&${encode(plain)}` });
  }
  return cases;
}

const HANG_MS = 10_000;

async function send(s: Setup, c: Case): Promise<{ status: number; json: unknown; text: string }> {
  const request = s.app.request(c.path, {
    method: c.method,
    headers: { 'content-type': 'application/json', ...c.headers },
    ...(c.body === undefined ? {} : { body: c.body }),
  });
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${c.name}: no answer within ${HANG_MS} ms`)), HANG_MS);
  });
  try {
    const res = await Promise.race([request, hang]);
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      assert.fail(`${c.name}: ${res.status} answered no JSON: ${text.slice(0, 100)}`);
    }
    return { status: res.status, json, text };
  } finally {
    clearTimeout(timer);
  }
}

function judge(c: Case, status: number, json: unknown): void {
  assert.ok(status < 500, `${c.name}: ${status} ${JSON.stringify(json).slice(0, 200)}`);
  if (status >= 400) {
    const error = (json as ErrorBody).error;
    assert.equal(typeof error?.code, 'string', `${c.name}: error code`);
    assert.ok(typeof error.field === 'string' && error.field.length > 0, `${c.name}: ${status} names no field`);
    return;
  }
  if (c.path === '/v1/batch' && status === 200) {
    const batch = json as BatchResponse;
    for (const error of batch.errors) {
      assert.ok(error.field.startsWith(`batch[${error.index}]`), `${c.name}: ${error.field}`);
    }
    if (c.batchWithGoodSecond) {
      assert.ok(!batch.errors.some((e) => e.index === 1), `${c.name}: the good message was rejected`);
      assert.equal(batch.accepted + batch.duplicate + batch.rejected + (batch.refused ?? 0), 2, c.name);
      assert.ok(batch.accepted >= 1, `${c.name}: the good message was not stored`);
    }
  }
}

describe('fuzz corpus over every endpoint', () => {
  test('≥ 300 malformed requests: no 5xx, no hang, JSON errors naming the field', { timeout: 600_000 }, async () => {
    const s = await setup({ rateLimit: 0, serverRateLimit: 0 });
    await grantConsent(s.db, s.tenant.id, { anonymousId: 'fuzz-anon' });
    await grantConsent(s.db, s.tenant.id, { anonymousId: 'fuzz-anon', userId: 'fuzz-user' });
    const cases = [...bodyCases(s), ...queryCases(s)];
    assert.ok(cases.length >= 300, `${cases.length} cases`);
    const statuses = new Map<number, number>();
    for (const c of cases) {
      const { status, json } = await send(s, c);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      judge(c, status, json);
    }
    assert.ok(!s.records.some((r) => r.level === 'error'), 'no unhandled error was logged');
    // Nothing reached another object's prototype.
    assert.equal(({} as { polluted?: unknown }).polluted, undefined);
    // The server still works afterwards.
    assert.equal((await send(s, { name: 'health', method: 'GET', path: '/health/ready' })).status, 200);
    console.log(`fuzz: ${cases.length} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  });
});
