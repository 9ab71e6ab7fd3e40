import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { ConsentLedgerEntry, EraseResponse, PrivacyExport } from '@matbakh/contract';
import { createApp } from '../src/app.ts';
import type { ExportedEvent } from '../src/events.ts';
import { consentSource, eventsSource, type SubjectDataSource, SubjectRegistry } from '../src/privacy.ts';
import { userHashFor } from '../src/subject.ts';
import { createTenant } from '../src/tenants.ts';
import { call, consentRecord, countRows, postBatch, type Setup, SHOP_ORIGIN, setup, T0, track } from './helpers.ts';

type Subject = { anonymousId: string; userId?: string; userHash?: string };

const exportOf = async (s: Setup, subject: Subject) => {
  const { res, json } = await call<PrivacyExport>(s.app, 'POST', '/v1/privacy/export', {
    writeKey: s.tenant.writeKey,
    body: subject,
  });
  assert.equal(res.status, 200, JSON.stringify(json));
  return json;
};

const eraseOf = async (s: Setup, subject: Subject) => {
  const { res, json } = await call<EraseResponse>(s.app, 'POST', '/v1/privacy/erase', {
    writeKey: s.tenant.writeKey,
    body: subject,
  });
  assert.equal(res.status, 200, JSON.stringify(json));
  return json;
};

type Row = Record<string, unknown>;
const ledgerRows = (s: Setup) => s.db.all<Row>('SELECT * FROM consent_ledger ORDER BY id');

const ids = (events: Array<{ messageId: string }>) => events.map((e) => e.messageId).sort();

/**
 * One tenant with: anonymous visitor A (two events, one consent), anonymous visitor B (one event, one consent),
 * user u1 on A's laptop (one event, one consent) and on a phone (one event), user u2 on A's laptop (one event),
 * and another tenant whose visitor has the same anonymousId A.
 */
async function world() {
  const s = await setup();
  const { app, db, tenant } = s;
  const other = await createTenant(db, { name: 'Other', origins: ['*'] });
  const hash = (userId: string) => userHashFor(tenant.secret, userId);
  const ctx = { library: { name: 'test', version: '0' }, userHash: hash('u1') };
  // The decisions first, as the SDK records them before it sends events (the server stores none without).
  const consent = async (writeKey: string, body: Record<string, unknown>) =>
    (await call<ConsentLedgerEntry>(app, 'POST', '/v1/consent', { writeKey, body })).json;
  const ledger = {
    a: await consent(tenant.writeKey, consentRecord({ anonymousId: 'A' })),
    b: await consent(tenant.writeKey, consentRecord({ anonymousId: 'B' })),
    u1: await consent(tenant.writeKey, consentRecord({ anonymousId: 'A', userId: 'u1', userHash: hash('u1') })),
    otherA: await consent(other.writeKey, consentRecord({ anonymousId: 'A' })),
  };
  await postBatch(
    app,
    {
      batch: [
        track({ messageId: 'a-1', anonymousId: 'A', properties: { dish: 'falafel' } }),
        { ...track({ messageId: 'a-2', anonymousId: 'A' }), type: 'page', name: 'Menu', event: undefined },
        track({ messageId: 'b-1', anonymousId: 'B' }),
        track({ messageId: 'u1-laptop', anonymousId: 'A', userId: 'u1', context: ctx }),
        track({ messageId: 'u1-phone', anonymousId: 'P', userId: 'u1', context: ctx }),
        {
          type: 'identify',
          messageId: 'u1-identify',
          anonymousId: 'P',
          userId: 'u1',
          timestamp: '2025-03-01T11:59:00.000Z',
          traits: { diet: 'vegan' },
          context: ctx,
        },
        track({ messageId: 'u2-laptop', anonymousId: 'A', userId: 'u2', context: { ...ctx, userHash: hash('u2') } }),
      ],
    },
    { writeKey: tenant.writeKey, consent: false },
  );
  await postBatch(
    app,
    { batch: [track({ messageId: 'other-a', anonymousId: 'A' })] },
    {
      writeKey: other.writeKey,
      consent: false,
    },
  );
  return { ...s, other, hash, ledger, u1: { anonymousId: 'A', userId: 'u1', userHash: hash('u1') } };
}

describe('POST /v1/privacy/export', () => {
  it('returns the schema, subject, tenant, events, ledger and empty sections, as an attachment', async () => {
    const w = await world();
    const { res, json } = await call<PrivacyExport>(w.app, 'POST', '/v1/privacy/export', {
      writeKey: w.tenant.writeKey,
      body: { anonymousId: 'A' },
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="matbakh-export-2025-03-01.json"');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(json.schema, 'matbakh.privacy-export/1');
    assert.equal(json.generatedAt, new Date(T0).toISOString());
    assert.deepEqual(json.subject, { anonymousId: 'A' });
    assert.deepEqual(json.tenant, { id: w.tenant.id, name: 'Falafel Haus' });
    assert.deepEqual(
      json.events.map((e) => e.messageId),
      ['a-1', 'a-2'],
    );
    assert.deepEqual(json.events[0], {
      messageId: 'a-1',
      type: 'track',
      event: 'Dish Viewed',
      anonymousId: 'A',
      sessionId: 'sess-1',
      timestamp: '2025-03-01T11:59:00.000Z',
      originalTimestamp: '2025-03-01T11:59:00.000Z',
      receivedAt: new Date(T0).toISOString(),
      properties: { dish: 'falafel' },
      context: { library: { name: 'test', version: '0.0.0' }, session: { id: 'sess-1', index: 1, start: '' } },
    });
    assert.equal(json.events[1]?.type, 'page');
    assert.equal(json.events[1]?.name, 'Menu');
    assert.deepEqual(json.consent, [w.ledger.a]);
    assert.equal(json.preferences, null);
    assert.deepEqual(json.feedback, []);
  });

  it("scopes an anonymous subject to its anonymousId: B never sees A's data, nor A B's", async () => {
    const w = await world();
    const b = await exportOf(w, { anonymousId: 'B' });
    assert.deepEqual(ids(b.events), ['b-1']);
    assert.deepEqual(b.consent, [w.ledger.b]);
    const nobody = await exportOf(w, { anonymousId: 'Z' });
    assert.deepEqual([nobody.events, nobody.consent], [[], []]);
    // A's anonymousId does not reach what was recorded under a userId on that device (u1, u2): that needs the proof.
    const a = await exportOf(w, { anonymousId: 'A' });
    assert.deepEqual(ids(a.events), ['a-1', 'a-2']);
  });

  it('gives a verified user their events from every device plus the anonymous ones of the anonymousId', async () => {
    const w = await world();
    const json = await exportOf(w, w.u1);
    assert.deepEqual(json.subject, { anonymousId: 'A', userId: 'u1' });
    assert.deepEqual(ids(json.events), ['a-1', 'a-2', 'u1-identify', 'u1-laptop', 'u1-phone']);
    assert.deepEqual(json.consent, [w.ledger.a, w.ledger.u1], 'oldest first');
    const identify = json.events.find((e) => e.messageId === 'u1-identify') as ExportedEvent | undefined;
    assert.deepEqual(identify?.traits, { diet: 'vegan' });
    assert.equal(identify?.userId, 'u1');
    const laptop = json.events.find((e) => e.messageId === 'u1-laptop');
    assert.equal('userHash' in (laptop?.context ?? {}), false, 'the userHash is not exported');
    assert.doesNotMatch(JSON.stringify(json), new RegExp(w.u1.userHash));
  });

  it('accepts the write key in a text/plain body (CORS-simple request)', async () => {
    const w = await world();
    const { res, json } = await call<PrivacyExport>(w.app, 'POST', '/v1/privacy/export', {
      headers: { 'content-type': 'text/plain', origin: SHOP_ORIGIN },
      body: { anonymousId: 'B', writeKey: w.tenant.writeKey },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /Content-Disposition/);
    assert.deepEqual(ids(json.events), ['b-1']);
  });

  const bad: Array<{ name: string; body: unknown; field: string }> = [
    { name: 'an empty body', body: '', field: 'body' },
    { name: 'a string body', body: '"A"', field: 'body' },
    { name: 'no anonymousId', body: { userId: 'u1' }, field: 'anonymousId' },
    { name: 'a numeric anonymousId', body: { anonymousId: 7 }, field: 'anonymousId' },
    { name: 'a userHash without userId', body: { anonymousId: 'A', userHash: 'x' }, field: 'userHash' },
  ];
  for (const { name, body, field } of bad) {
    it(`answers 400 naming ${field} for ${name} (export and erase)`, async () => {
      const w = await world();
      for (const path of ['/v1/privacy/export', '/v1/privacy/erase']) {
        const { res, json } = await call(w.app, 'POST', path, { writeKey: w.tenant.writeKey, body });
        assert.equal(res.status, 400, path);
        assert.equal(json.error.field, field, path);
      }
      assert.equal(await countRows(w.db, w.tenant.id), 7, 'nothing erased');
    });
  }
});

describe('POST /v1/privacy/erase', () => {
  const pseudonym = (secret: string, id: string) =>
    createHash('sha256')
      .update(secret + id)
      .digest('hex');

  it('leaves nothing exportable for the subject and keeps the proof of consent, anonymized', async () => {
    const w = await world();
    const ledgerBefore = await ledgerRows(w);
    w.advance(60_000);
    const result = await eraseOf(w, { anonymousId: 'A' });
    assert.deepEqual(result, { erased: { events: 2, preferences: 0, feedback: 0 }, consentAnonymized: 1 });

    const after = await exportOf(w, { anonymousId: 'A' });
    assert.deepEqual([after.events, after.consent], [[], []]);
    assert.deepEqual((await call(w.app, 'GET', '/v1/consent?anonymousId=A', { writeKey: w.tenant.writeKey })).json, {
      current: null,
      history: [],
    });

    const ledgerAfter = await ledgerRows(w);
    assert.equal(ledgerAfter.length, ledgerBefore.length, 'no ledger row deleted');
    const erasedRow = ledgerAfter.find((r) => r.id === w.ledger.a.id)!;
    assert.deepEqual(erasedRow, {
      ...ledgerBefore.find((r) => r.id === w.ledger.a.id),
      anonymous_id: pseudonym(w.tenant.secret, 'A'),
      anonymized_at: new Date(T0 + 60_000).toISOString(),
    });
    // The pseudonym is no key: whoever learns it still cannot read the anonymized proof through the API.
    const byPseudonym = await exportOf(w, { anonymousId: pseudonym(w.tenant.secret, 'A') });
    assert.deepEqual(byPseudonym.consent, []);
    for (const row of ledgerAfter.filter((r) => r.id !== w.ledger.a.id)) {
      assert.deepEqual(
        row,
        ledgerBefore.find((r) => r.id === row.id),
        `row ${row.id} untouched`,
      );
    }
  });

  it('leaves other subjects and other tenants untouched', async () => {
    const w = await world();
    const bBefore = await exportOf(w, { anonymousId: 'B' });
    const u1Before = await exportOf(w, w.u1);
    await eraseOf(w, { anonymousId: 'A' });
    const { audit: auditAfter, ...bAfter } = await exportOf(w, { anonymousId: 'B' });
    const { audit: auditBefore, ...bData } = bBefore;
    assert.deepEqual(bAfter, bData);
    // Each export is logged (audit.ts): B's log grew by exactly its second export, nothing of A's erasure.
    assert.deepEqual(auditAfter?.slice(0, -1), auditBefore);
    assert.deepEqual(
      auditAfter?.slice(-1).map((e) => [e.action, e.subject]),
      [['export', { anonymousId: 'B' }]],
    );
    // u1's own rows (also those on A's laptop) are not an anonymous visitor's to erase.
    assert.deepEqual(ids((await exportOf(w, w.u1)).events), ['u1-identify', 'u1-laptop', 'u1-phone']);
    assert.equal(u1Before.events.length, 5);
    assert.equal(await countRows(w.db, w.other.id), 1, "the other tenant's A keeps its event");
    const otherExport = await call<PrivacyExport>(w.app, 'POST', '/v1/privacy/export', {
      writeKey: w.other.writeKey,
      body: { anonymousId: 'A' },
    });
    assert.deepEqual(ids(otherExport.json.events), ['other-a']);
    assert.deepEqual(otherExport.json.consent, [w.ledger.otherA]);
    assert.equal(await countRows(w.db, w.tenant.id), 5, 'u2, u1 and B keep theirs');
  });

  it('erases a verified user on every device, hashing both identifiers in the ledger', async () => {
    const w = await world();
    const result = await eraseOf(w, w.u1);
    assert.deepEqual(result, { erased: { events: 5, preferences: 0, feedback: 0 }, consentAnonymized: 2 });
    const after = await exportOf(w, w.u1);
    assert.deepEqual([after.events, after.consent], [[], []]);
    const remaining = await w.db.all<{ message_id: string }>(
      'SELECT message_id FROM events WHERE tenant_id = ? ORDER BY message_id',
      [w.tenant.id],
    );
    assert.deepEqual(
      remaining.map((r) => r.message_id),
      ['b-1', 'u2-laptop'],
    );
    const row = await w.db.get<Row>('SELECT anonymous_id, user_id FROM consent_ledger WHERE id = ?', [w.ledger.u1.id]);
    assert.deepEqual(row, {
      anonymous_id: pseudonym(w.tenant.secret, 'A'),
      user_id: pseudonym(w.tenant.secret, 'u1'),
    });
    assert.notEqual(pseudonym(w.tenant.secret, 'u1'), w.u1.userHash, 'the stored value is no userHash');
    assert.equal((await w.db.get<{ n: number }>('SELECT count(*) AS n FROM consent_ledger'))?.n, 4);
  });

  it('is idempotent: a second erase finds nothing', async () => {
    const w = await world();
    await eraseOf(w, w.u1);
    const ledgerAfterFirst = await ledgerRows(w);
    assert.deepEqual(await eraseOf(w, w.u1), {
      erased: { events: 0, preferences: 0, feedback: 0 },
      consentAnonymized: 0,
    });
    assert.deepEqual(await ledgerRows(w), ledgerAfterFirst);
  });

  it('erases nothing for a userId with a wrong hash', async () => {
    const w = await world();
    const { res } = await call(w.app, 'POST', '/v1/privacy/erase', {
      writeKey: w.tenant.writeKey,
      body: { anonymousId: 'B', userId: 'u1', userHash: w.hash('u2') },
    });
    assert.equal(res.status, 403);
    assert.equal(await countRows(w.db, w.tenant.id), 7);
    assert.equal(
      (await w.db.get<{ n: number }>('SELECT count(*) AS n FROM consent_ledger WHERE anonymized_at IS NOT NULL'))?.n,
      0,
    );
  });
});

describe('subject data-source registry', () => {
  const feedback = (calls: string[]): SubjectDataSource<'feedback'> => ({
    section: 'feedback',
    export: async ({ subject }) => {
      calls.push(`export ${subject.anonymousId}`);
      return [{ item: 'dish-1', action: 'not_interested' }];
    },
    erase: async ({ subject }) => {
      calls.push(`erase ${subject.anonymousId}`);
      return { deleted: 3, anonymized: 0 };
    },
  });

  it('exports and erases every registered source with the verified subject', async () => {
    const s = await setup();
    const calls: string[] = [];
    const subjects = new SubjectRegistry().register(eventsSource).register(consentSource).register(feedback(calls));
    assert.deepEqual(subjects.sections, ['events', 'consent', 'feedback']);
    const app = createApp({ db: s.db, config: s.config, now: () => T0, subjects });
    const exported = await call<PrivacyExport>(app, 'POST', '/v1/privacy/export', {
      writeKey: s.tenant.writeKey,
      body: { anonymousId: 'A' },
    });
    assert.deepEqual(exported.json.feedback, [{ item: 'dish-1', action: 'not_interested' }]);
    assert.equal(exported.json.preferences, null, 'no source: the empty value');
    const erased = await call<EraseResponse>(app, 'POST', '/v1/privacy/erase', {
      writeKey: s.tenant.writeKey,
      body: { anonymousId: 'A' },
    });
    assert.deepEqual(erased.json.erased, { events: 0, preferences: 0, feedback: 3 });
    assert.deepEqual(calls, ['export A', 'erase A']);
  });

  it('refuses two sources for one section', async () => {
    assert.throws(() => new SubjectRegistry().register(eventsSource).register(eventsSource), /"events"/);
  });

  it('rolls the whole erase back when a source fails', async () => {
    const w = await world();
    const failing: SubjectDataSource<'feedback'> = {
      section: 'feedback',
      export: async () => [],
      erase: async () => {
        throw new Error('feedback store down');
      },
    };
    const subjects = new SubjectRegistry().register(eventsSource).register(consentSource).register(failing);
    const app = createApp({ db: w.db, config: w.config, now: () => T0, subjects });
    const { res } = await call(app, 'POST', '/v1/privacy/erase', {
      writeKey: w.tenant.writeKey,
      body: { anonymousId: 'A' },
    });
    assert.equal(res.status, 500);
    assert.equal(await countRows(w.db, w.tenant.id), 7, 'the events are still there');
    assert.deepEqual(ids((await exportOf(w, { anonymousId: 'A' })).events), ['a-1', 'a-2']);
    assert.equal((await exportOf(w, { anonymousId: 'A' })).consent.length, 1, 'the ledger row was not anonymized');
  });
});
