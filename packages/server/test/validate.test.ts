import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkEnvelope, LIMITS, validateBatch, validateMessage } from '@matbakh/contract';
import { basic, countRows, postBatch, setup, track } from './helpers.ts';

const base = {
  messageId: 'm-1',
  timestamp: '2025-03-01T11:59:00.000Z',
  anonymousId: 'anon-1',
};

describe('validateMessage: rejections name the field', () => {
  const cases: Array<{ name: string; message: unknown; field: string; text: RegExp }> = [
    { name: 'not an object', message: 'track', field: 'batch[0]', text: /object/ },
    { name: 'an array', message: [], field: 'batch[0]', text: /object/ },
    { name: 'missing type', message: { ...base, event: 'x' }, field: 'batch[0].type', text: /type must be one of/ },
    { name: 'unknown type', message: { ...base, type: 'screen' }, field: 'batch[0].type', text: /track, page/ },
    {
      name: 'missing messageId',
      message: { ...base, type: 'page', messageId: undefined },
      field: 'batch[0].messageId',
      text: /required/,
    },
    {
      name: 'empty messageId',
      message: { ...base, type: 'page', messageId: '' },
      field: 'batch[0].messageId',
      text: /non-empty/,
    },
    {
      name: 'numeric messageId',
      message: { ...base, type: 'page', messageId: 42 },
      field: 'batch[0].messageId',
      text: /string/,
    },
    {
      name: 'messageId over 100',
      message: { ...base, type: 'page', messageId: 'x'.repeat(101) },
      field: 'batch[0].messageId',
      text: /100/,
    },
    {
      name: 'missing timestamp',
      message: { ...base, type: 'page', timestamp: undefined },
      field: 'batch[0].timestamp',
      text: /ISO-8601/,
    },
    {
      name: 'prose timestamp',
      message: { ...base, type: 'page', timestamp: 'yesterday' },
      field: 'batch[0].timestamp',
      text: /ISO-8601/,
    },
    {
      name: 'month 13',
      message: { ...base, type: 'page', timestamp: '2025-13-01T00:00:00Z' },
      field: 'batch[0].timestamp',
      text: /ISO-8601/,
    },
    {
      name: 'zone-less timestamp',
      message: { ...base, type: 'page', timestamp: '2025-03-01T12:00:00' },
      field: 'batch[0].timestamp',
      text: /zone/,
    },
    {
      name: 'bad sentAt',
      message: { ...base, type: 'page', sentAt: 'now' },
      field: 'batch[0].sentAt',
      text: /ISO-8601/,
    },
    {
      name: 'no identity',
      message: { ...base, type: 'page', anonymousId: undefined },
      field: 'batch[0].anonymousId',
      text: /anonymousId or userId/,
    },
    {
      name: 'empty anonymousId',
      message: { ...base, type: 'page', anonymousId: '' },
      field: 'batch[0].anonymousId',
      text: /non-empty/,
    },
    {
      name: 'userId over 200',
      message: { ...base, type: 'page', userId: 'u'.repeat(201) },
      field: 'batch[0].userId',
      text: /200/,
    },
    { name: 'track without event', message: { ...base, type: 'track' }, field: 'batch[0].event', text: /required/ },
    {
      name: 'track with empty event',
      message: { ...base, type: 'track', event: '' },
      field: 'batch[0].event',
      text: /non-empty/,
    },
    {
      name: 'track with long event',
      message: { ...base, type: 'track', event: 'e'.repeat(201) },
      field: 'batch[0].event',
      text: /200/,
    },
    {
      name: 'group without groupId',
      message: { ...base, type: 'group', traits: {} },
      field: 'batch[0].groupId',
      text: /required/,
    },
    {
      name: 'alias without previousId',
      message: { ...base, type: 'alias', userId: 'u1' },
      field: 'batch[0].previousId',
      text: /required/,
    },
    {
      name: 'properties as array',
      message: { ...base, type: 'track', event: 'e', properties: [] },
      field: 'batch[0].properties',
      text: /object/,
    },
    {
      name: 'traits as string',
      message: { ...base, type: 'identify', traits: 'vip' },
      field: 'batch[0].traits',
      text: /object/,
    },
    {
      name: 'context null',
      message: { ...base, type: 'page', context: null },
      field: 'batch[0].context',
      text: /object/,
    },
    {
      name: 'message over the size limit',
      message: { ...base, type: 'track', event: 'e', properties: { blob: 'x'.repeat(LIMITS.maxMessageBytes) } },
      field: 'batch[0]',
      text: /bytes, at most 32768/,
    },
  ];
  for (const { name, message, field, text } of cases) {
    it(name, async () => {
      const result = validateMessage(message, 0);
      assert.equal(result.ok, false, 'expected a rejection');
      if (result.ok) return;
      assert.equal(result.error.field, field);
      assert.match(result.error.message, text);
      assert.equal(result.error.index, 0);
    });
  }

  it('echoes the messageId of a rejected message so the client can drop it', async () => {
    const result = validateMessage({ ...base, type: 'track' }, 3);
    assert.deepEqual(result, {
      ok: false,
      error: { index: 3, messageId: 'm-1', field: 'batch[3].event', message: 'event is required' },
    });
  });
});

describe('validateMessage: accepted messages', () => {
  const cases: Array<{ name: string; message: Record<string, unknown> }> = [
    { name: 'track', message: { ...base, type: 'track', event: 'Order Completed', properties: { total: 12.5 } } },
    { name: 'page without name', message: { ...base, type: 'page' } },
    { name: 'page with name and category', message: { ...base, type: 'page', name: 'Menu', category: 'Shop' } },
    { name: 'identify with only userId', message: { ...base, type: 'identify', anonymousId: undefined, userId: 'u1' } },
    { name: 'group', message: { ...base, type: 'group', groupId: 'restaurant-7', traits: { size: 'small' } } },
    { name: 'alias', message: { ...base, type: 'alias', userId: 'u1', previousId: 'anon-1' } },
    { name: 'offset timestamp', message: { ...base, type: 'page', timestamp: '2025-03-01T13:00:00.123456+01:00' } },
  ];
  for (const { name, message } of cases) {
    it(name, async () => {
      const result = validateMessage(message, 0);
      assert.equal(result.ok, true, result.ok ? '' : JSON.stringify(result.error));
      if (!result.ok) return;
      assert.equal(result.value.type, message.type);
      assert.equal(result.value.messageId, 'm-1');
    });
  }

  it('keeps the type-specific fields', async () => {
    const result = validateBatch([
      { ...base, messageId: 'a', type: 'group', groupId: 'g1', traits: { plan: 'pro' } },
      { ...base, messageId: 'b', type: 'alias', previousId: 'old' },
    ]);
    assert.equal(result.errors.length, 0);
    assert.equal(result.valid[0]?.groupId, 'g1');
    assert.deepEqual(result.valid[0]?.traits, { plan: 'pro' });
    assert.equal(result.valid[1]?.previousId, 'old');
  });
});

describe('checkEnvelope', () => {
  const cases: Array<{ name: string; body: unknown; field: string }> = [
    { name: 'a top-level array', body: [], field: 'batch' },
    { name: 'no batch', body: {}, field: 'batch' },
    { name: 'batch as object', body: { batch: {} }, field: 'batch' },
    { name: 'too many messages', body: { batch: Array(LIMITS.maxBatchMessages + 1).fill({}) }, field: 'batch' },
    { name: 'bad batch sentAt', body: { batch: [], sentAt: 'soon' }, field: 'sentAt' },
  ];
  for (const { name, body, field } of cases) {
    it(`refuses ${name}`, async () => {
      const result = checkEnvelope(body);
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.error.field, field);
    });
  }
  it('accepts exactly the maximum number of messages', async () => {
    assert.equal(checkEnvelope({ batch: Array(LIMITS.maxBatchMessages).fill({}) }).ok, true);
  });
});

describe('POST /v1/batch validation over HTTP', () => {
  it('stores only the valid messages of a mixed batch and names each bad field', async () => {
    const { app, db, tenant } = await setup();
    const good1 = track();
    const good2 = track({ type: 'identify', event: undefined, traits: { diet: 'vegan' } });
    const batch = [
      good1,
      track({ event: '' }),
      track({ messageId: undefined }),
      good2,
      track({ timestamp: 'not a date' }),
      track({ properties: 'falafel' }),
    ];
    const { res, json } = await postBatch(app, { batch }, { writeKey: tenant.writeKey });
    assert.equal(res.status, 200);
    assert.equal(json.accepted, 2);
    assert.equal(json.duplicate, 0);
    assert.equal(json.rejected, 4);
    assert.deepEqual(
      json.errors.map((e) => [e.index, e.field]),
      [
        [1, 'batch[1].event'],
        [2, 'batch[2].messageId'],
        [4, 'batch[4].timestamp'],
        [5, 'batch[5].properties'],
      ],
    );
    assert.equal(json.errors[0]?.messageId, batch[1]?.messageId);
    assert.equal(json.errors[1]?.messageId, undefined);
    const stored = await db.all<{ message_id: string }>(`SELECT message_id FROM events ORDER BY ${db.sql.eventSeq}`);
    assert.deepEqual(
      stored.map((r) => r.message_id),
      [good1.messageId, good2.messageId],
    );
  });

  const badBodies: Array<{ name: string; body: string; status: number; field: string; text: RegExp }> = [
    { name: 'not JSON', body: '{"batch": [', status: 400, field: 'batch', text: /not valid JSON/ },
    { name: 'batch not an array', body: '{"batch": "nope"}', status: 400, field: 'batch', text: /"batch" array/ },
    { name: 'JSON null', body: 'null', status: 400, field: 'batch', text: /"batch" array/ },
    {
      name: 'too many messages',
      body: JSON.stringify({ batch: Array(LIMITS.maxBatchMessages + 1).fill({}) }),
      status: 400,
      field: 'batch',
      text: /2501 messages, at most 2500/,
    },
  ];
  for (const { name, body, status, field, text } of badBodies) {
    it(`answers ${status} bad_request for ${name}, storing nothing`, async () => {
      const { app, db, tenant } = await setup();
      const res = await app.request('/v1/batch', {
        method: 'POST',
        headers: { authorization: basic(tenant.writeKey) },
        body,
      });
      assert.equal(res.status, status);
      const json = (await res.json()) as { error: { code: string; message: string; field: string } };
      assert.equal(json.error.code, 'bad_request');
      assert.equal(json.error.field, field);
      assert.match(json.error.message, text);
      assert.equal(await countRows(db), 0);
    });
  }
});
