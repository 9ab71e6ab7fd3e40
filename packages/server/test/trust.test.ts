// The server is the trust boundary (issue 14): consent, stored diet/allergens and verified identity hold whatever a
// request claims. Every test goes through the public HTTP API (app.request), without the SDK, on both engines.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ALLERGENS,
  type BatchResponse,
  DIETS,
  passesHardFilters,
  type RecommendationsResponse,
} from '@matbakh/contract';
import fc from 'fast-check';
import { seedDemoRecommendations } from '../src/demo/synthetic.ts';
import { groupHashFor } from '../src/insights.ts';
import { userHashFor } from '../src/subject.ts';
import { call, consentRecord, postBatch, type Setup, setup, T0, track } from './helpers.ts';

async function seeded(): Promise<Setup> {
  const s = await setup({ rateLimit: 0 });
  await seedDemoRecommendations(s.db, s.tenant.id, T0, { users: 200, orders: 2_000 });
  return s;
}

const recs = (s: Setup, query: Record<string, string>) =>
  call<RecommendationsResponse>(s.app, 'GET', `/v1/recommendations?${new URLSearchParams(query)}`, {
    writeKey: s.tenant.writeKey,
  });

const ids = (response: RecommendationsResponse) => response.items.map((item) => item.id);

const ALL = { necessary: true, preferences: true, personalization: true, analytics: true, marketing: true };
const NONE = { necessary: true, preferences: false, personalization: false, analytics: false, marketing: false };

/** Records a decision through `POST /v1/consent`, as the SDK's privacy layer does. */
async function decide(s: Setup, subject: Record<string, string>, choices: Record<string, boolean>, action: string) {
  const { res } = await call(s.app, 'POST', '/v1/consent', {
    writeKey: s.tenant.writeKey,
    body: consentRecord({ ...subject, choices, action }),
  });
  assert.equal(res.status, 201);
}

describe('consent is enforced by the server', () => {
  test('withdrawn personalization consent: the next response is not personalized, even with profiling=1', async () => {
    const s = await seeded();
    const guest = { anonymousId: 'anon-guest-3', hour: '19', region: 'Berlin-Mitte', profiling: '1' };
    await decide(s, { anonymousId: 'anon-guest-3' }, ALL, 'accept_all');
    const granted = await recs(s, guest);
    assert.equal(granted.json.personalized, true);
    assert.ok(granted.json.items.some((item) => item.reasons.some((r) => r.code === 'because_you_ordered')));

    await decide(s, { anonymousId: 'anon-guest-3' }, NONE, 'withdraw');
    const withdrawn = await recs(s, guest);
    assert.equal(withdrawn.json.personalized, false);
    assert.deepEqual(withdrawn.json.basis, { history: false, reason: 'no_consent' });
    const personal = new Set(['because_you_ordered', 'usually_at_this_time', 'more_like_this']);
    for (const item of withdrawn.json.items) for (const r of item.reasons) assert.ok(!personal.has(r.code), r.code);
    // The same list a stranger gets: nothing of the guest's history shaped it.
    const stranger = await recs(s, { ...guest, anonymousId: 'someone-new', profiling: '0' });
    assert.deepEqual(ids(withdrawn.json), ids(stranger.json));
  });

  test('no recorded decision: nothing personal (privacy by default), whatever profiling=1 claims', async () => {
    const s = await seeded();
    const { json } = await recs(s, { anonymousId: 'anon-guest-3', profiling: '1', hour: '19' });
    assert.equal(json.personalized, false);
    assert.deepEqual(json.basis, { history: false, reason: 'no_consent' });
  });

  test('a request can narrow (profiling=0) but never widen', async () => {
    const s = await seeded();
    await decide(s, { anonymousId: 'anon-guest-3' }, ALL, 'accept_all');
    const narrowed = await recs(s, { anonymousId: 'anon-guest-3', profiling: '0', hour: '19' });
    assert.deepEqual(narrowed.json.basis, { history: false, reason: 'no_consent' });
    await decide(s, { anonymousId: 'anon-guest-4' }, { ...ALL, personalization: false }, 'custom');
    const widened = await recs(s, { anonymousId: 'anon-guest-4', profiling: '1', hour: '19' });
    assert.deepEqual(widened.json.basis, { history: false, reason: 'no_consent' });
  });

  test('events are stored only under an analytics grant; the rest count as refused', async () => {
    const s = await setup();
    await decide(s, { anonymousId: 'yes' }, ALL, 'accept_all');
    await decide(s, { anonymousId: 'no' }, { ...ALL, analytics: false }, 'custom');
    const batch = [
      track({ anonymousId: 'yes' }),
      track({ anonymousId: 'no' }),
      track({ anonymousId: 'never-asked' }),
      track({ anonymousId: 'yes', event: '' }),
    ];
    const { res, json } = await postBatch(s.app, { batch }, { writeKey: s.tenant.writeKey, consent: false });
    assert.equal(res.status, 200);
    assert.deepEqual(
      { accepted: json.accepted, refused: json.refused, rejected: json.rejected },
      { accepted: 1, refused: 2, rejected: 1 },
    );
    const rows = await s.db.all<{ anonymous_id: string }>('SELECT anonymous_id FROM events');
    assert.deepEqual(
      rows.map((r) => r.anonymous_id),
      ['yes'],
    );

    // A withdrawal counts from the next request on.
    await decide(s, { anonymousId: 'yes' }, NONE, 'withdraw');
    const after = await postBatch(
      s.app,
      { batch: [track({ anonymousId: 'yes' })] },
      { writeKey: s.tenant.writeKey, consent: false },
    );
    assert.equal(after.json.accepted, 0);
    assert.equal(after.json.refused, 1);
  });

  test('a refusal deletes what its category covered: events (analytics), feedback (personalization), preferences', async () => {
    const s = await setup();
    const who = { anonymousId: 'dev-w' };
    await decide(s, who, ALL, 'accept_all');
    await postBatch(s.app, { batch: [track(who), track(who)] }, { writeKey: s.tenant.writeKey, consent: false });
    const feedback = { ...who, requestId: 'rec_1', itemId: 'd-1', kind: 'more_like_this' };
    assert.equal(
      (await call(s.app, 'POST', '/v1/feedback', { writeKey: s.tenant.writeKey, body: feedback })).res.status,
      201,
    );
    const prefs = await call(s.app, 'PUT', '/v1/preferences?anonymousId=dev-w', {
      writeKey: s.tenant.writeKey,
      headers: { 'if-match': '*' },
      body: { diet: ['vegan'] },
    });
    assert.equal(prefs.res.status, 200);
    const held = async () => ({
      events: Number(
        (await s.db.get<{ n: number }>("SELECT count(*) AS n FROM events WHERE anonymous_id = 'dev-w'"))!.n,
      ),
      feedback: Number(
        (await s.db.get<{ n: number }>(
          "SELECT count(*) AS n FROM recommendation_feedback WHERE anonymous_id = 'dev-w'",
        ))!.n,
      ),
      preferences: Number((await s.db.get<{ n: number }>('SELECT count(*) AS n FROM preferences'))!.n),
    });
    assert.deepEqual(await held(), { events: 2, feedback: 1, preferences: 1 });

    // Personalization refused: its feedback goes, the events (analytics, still granted) stay.
    await decide(s, who, { ...ALL, personalization: false }, 'custom');
    assert.deepEqual(await held(), { events: 2, feedback: 0, preferences: 1 });
    // Everything withdrawn: nothing collected under a consent is left; the ledger keeps its proof.
    await decide(s, who, NONE, 'withdraw');
    assert.deepEqual(await held(), { events: 0, feedback: 0, preferences: 0 });
    const ledger = await s.db.get<{ n: number }>(
      "SELECT count(*) AS n FROM consent_ledger WHERE anonymous_id = 'dev-w'",
    );
    assert.equal(Number(ledger!.n), 3);
  });

  test('feedback is stored only with the personalization grant', async () => {
    const s = await setup();
    const body = { anonymousId: 'fb', requestId: 'rec_1', itemId: 'd-1', kind: 'more_like_this' };
    const refused = await call(s.app, 'POST', '/v1/feedback', { writeKey: s.tenant.writeKey, body });
    assert.equal(refused.res.status, 403);
    assert.equal(refused.json.error.code, 'consent_required');
    assert.equal(refused.json.error.field, 'consent');
    await decide(s, { anonymousId: 'fb' }, ALL, 'accept_all');
    assert.equal((await call(s.app, 'POST', '/v1/feedback', { writeKey: s.tenant.writeKey, body })).res.status, 201);
    const count = async () =>
      Number((await s.db.get<{ n: number }>('SELECT count(*) AS n FROM recommendation_feedback'))!.n);
    assert.equal(await count(), 1);
    await decide(s, { anonymousId: 'fb' }, NONE, 'withdraw');
    assert.equal((await call(s.app, 'POST', '/v1/feedback', { writeKey: s.tenant.writeKey, body })).res.status, 403);
    assert.equal(await count(), 0, 'the withdrawal took the stored feedback with it');
  });
});

describe('stored diet and allergens are hard constraints', () => {
  test('property: for any stored diet/allergen set, no returned item violates it (requests without constraints)', async () => {
    const s = await seeded();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom(...DIETS), { maxLength: 2 }),
        fc.uniqueArray(fc.constantFrom(...ALLERGENS), { maxLength: 6 }),
        fc.constantFrom('dishes', 'restaurants'),
        fc.boolean(),
        fc.boolean(),
        async (diet, allergens, slot, profiled, identified) => {
          run++;
          const anonymousId = `anon-guest-${run % 150}`;
          const userId = `prop-user-${run}`;
          const subject: Record<string, string> = identified
            ? { anonymousId, userId, userHash: userHashFor(s.tenant.secret, userId) }
            : { anonymousId };
          if (profiled) await decide(s, subject, ALL, 'accept_all');
          const saved = await call(s.app, 'PATCH', `/v1/preferences?${new URLSearchParams(subject)}`, {
            writeKey: s.tenant.writeKey,
            headers: { 'if-match': '*' },
            body: { diet, allergens },
          });
          assert.equal(saved.res.status, 200);
          const { res, json } = await recs(s, { ...subject, slot, limit: '50', profiling: profiled ? '1' : '0' });
          assert.equal(res.status, 200);
          for (const item of json.items) {
            assert.ok(passesHardFilters(item, diet, allergens), `${item.id} breaks ${diet}/${allergens}`);
          }
          // A request can add a constraint, never remove a stored one.
          const added = await recs(s, { ...subject, slot, limit: '50', allergens: 'peanuts' });
          for (const item of added.json.items) {
            assert.ok(passesHardFilters(item, diet, [...allergens, 'peanuts']), item.id);
          }
        },
      ),
      { numRuns: 40, seed: 14 },
    );
  });
});

describe('verified identity on writes', () => {
  const order = (overrides: Record<string, unknown>) =>
    track({
      event: 'Order Completed',
      properties: { products: [{ product_id: 'd-030-01' }, { product_id: 'd-030-02' }] },
      ...overrides,
    });

  test("forged userId messages change neither that user's recommendations nor the stored user rows", async () => {
    // The same orders land twice: in one store with a forged userId, in the other without one. Anonymous orders
    // rightly move popularity; a forged userId must add nothing beyond that.
    const forgedStore = await seeded();
    const control = await seeded();
    const victimOf = (s: Setup) => ({
      anonymousId: 'victim-device',
      userId: 'victim',
      userHash: userHashFor(s.tenant.secret, 'victim'),
    });
    for (const s of [forgedStore, control]) {
      await decide(s, victimOf(s), ALL, 'accept_all');
      await decide(s, { anonymousId: 'mallory' }, ALL, 'accept_all');
    }
    const forged = Array.from({ length: 20 }, (_, i) =>
      order({
        anonymousId: 'mallory',
        userId: 'victim',
        // no hash, a malformed one, another user's, and a plain wrong one
        context: {
          userHash: [undefined, 'x', userHashFor(forgedStore.tenant.secret, 'mallory'), 'f'.repeat(64)][i % 4],
        },
      }),
    );
    const s = forgedStore;
    const { json } = await postBatch(s.app, { batch: forged }, { writeKey: s.tenant.writeKey, consent: false });
    assert.deepEqual({ accepted: json.accepted, unverified: json.unverified }, { accepted: 20, unverified: 20 });
    const anonymous = Array.from({ length: 20 }, () => order({ anonymousId: 'mallory' }));
    const plain = await postBatch(control.app, { batch: anonymous }, { writeKey: control.tenant.writeKey });
    assert.equal(plain.json.accepted, 20);
    const stored = await s.db.all<{ user_id: string | null; context: string }>(
      "SELECT user_id, context FROM events WHERE anonymous_id = 'mallory'",
    );
    assert.ok(stored.every((row) => row.user_id === null && !row.context.includes('userHash')));

    const query = { profiling: '1', hour: '19', limit: '20' };
    const after = await recs(s, { ...victimOf(s), ...query });
    const expected = await recs(control, { ...victimOf(control), ...query });
    assert.deepEqual(after.json.basis, expected.json.basis);
    assert.deepEqual(ids(after.json), ids(expected.json));
    const exported = await call<{ events: unknown[] }>(s.app, 'POST', '/v1/privacy/export', {
      writeKey: s.tenant.writeKey,
      body: victimOf(s),
    });
    assert.equal(exported.json.events.length, 0, 'nothing forged reached the victim’s export');
  });

  test('the secret key (server-to-server) vouches for userIds; a recorded refusal still wins; a wrong secret is 401', async () => {
    const s = await seeded();
    const no = { anonymousId: 'dev-no', userId: 'no', userHash: userHashFor(s.tenant.secret, 'no') };
    await decide(s, no, { ...ALL, analytics: false }, 'custom');
    const batch = [
      order({ anonymousId: undefined, userId: 'backend-user' }),
      order({ anonymousId: 'dev-no', userId: 'no' }),
      track({ type: 'group', event: undefined, userId: 'backend-user', groupId: 'rest-9', traits: { name: 'X' } }),
    ];
    const { json } = await postBatch(s.app, { batch }, { writeKey: s.tenant.secret, consent: false });
    assert.deepEqual(
      { accepted: json.accepted, refused: json.refused, unverified: json.unverified, rejected: json.rejected },
      { accepted: 2, refused: 1, unverified: undefined, rejected: 0 },
    );
    const rows = await s.db.all<{ user_id: string | null; payload: string }>(
      "SELECT user_id, payload FROM events WHERE user_id IN ('backend-user', 'no') ORDER BY type",
    );
    assert.deepEqual(
      rows.map((r) => [r.user_id, JSON.parse(r.payload).groupProof ?? null]),
      [
        ['backend-user', 'server'],
        ['backend-user', null],
      ],
    );
    // One character changed (never to itself: a secret ending in x would otherwise be the right one, 1 run in 62).
    const changed = s.tenant.secret.endsWith('x') ? 'y' : 'x';
    const wrong = await postBatch(
      s.app,
      { batch },
      { writeKey: `${s.tenant.secret.slice(0, -1)}${changed}`, consent: false },
    );
    assert.equal(wrong.res.status, 401);
    assert.equal(wrong.json.error.field, 'writeKey');
  });

  test('a message with a verified userId feeds that user (the control for the test above)', async () => {
    const s = await seeded();
    const user = { anonymousId: 'dev-1', userId: 'real', userHash: userHashFor(s.tenant.secret, 'real') };
    await decide(s, user, ALL, 'accept_all');
    const batch = [order({ anonymousId: 'dev-1', userId: 'real', context: { userHash: user.userHash } })];
    const { json } = await postBatch(s.app, { batch }, { writeKey: s.tenant.writeKey, consent: false });
    assert.equal(json.accepted, 1);
    assert.equal(json.unverified, undefined);
    const { json: list } = await recs(s, { ...user, profiling: '1' });
    assert.deepEqual(list.basis, { history: true });
  });

  test("forged group() and Feature Used change neither a restaurant's owner recommendations nor its record", async () => {
    const s = await seeded();
    const owner = {
      anonymousId: 'anon-demo_owner',
      userId: 'demo_owner',
      userHash: userHashFor(s.tenant.secret, 'demo_owner'),
    };
    await decide(s, owner, ALL, 'accept_all');
    const ownerRecs = () => recs(s, { ...owner, audience: 'owner', profiling: '1', locale: 'en' });
    const before = await ownerRecs();
    assert.equal(before.json.items[0]!.id, 'feature:analytics');

    const mallory = {
      anonymousId: 'anon-mallory',
      userId: 'mallory',
      userHash: userHashFor(s.tenant.secret, 'mallory'),
    };
    await decide(s, mallory, ALL, 'accept_all');
    const forged = [
      // Mallory's own verified userId, but no groupHash: claims Beirut Kitchen and rewrites its setup.
      {
        ...track({ anonymousId: 'anon-mallory', userId: 'mallory', context: { userHash: mallory.userHash } }),
        type: 'group',
        event: undefined,
        groupId: 'rest_demo_beirut',
        traits: { locations: 1, services: ['online_ordering', 'analytics'], type: 'fine_dining' },
      },
      // A wrong groupHash is no better.
      {
        ...track({
          anonymousId: 'anon-mallory',
          userId: 'mallory',
          context: {
            userHash: mallory.userHash,
            groupHash: groupHashFor(s.tenant.secret, 'demo_owner', 'rest_demo_beirut'),
          },
        }),
        type: 'group',
        event: undefined,
        groupId: 'rest_demo_beirut',
        traits: { locations: 1 },
      },
      // Usage claimed for the restaurant, to change what its owner is recommended.
      ...Array.from({ length: 30 }, () =>
        track({
          anonymousId: 'anon-mallory',
          userId: 'mallory',
          event: 'Feature Used',
          properties: { feature: 'analytics', groupId: 'rest_demo_beirut' },
          context: { userHash: mallory.userHash },
        }),
      ),
    ];
    const batch = await postBatch(s.app, { batch: forged }, { writeKey: s.tenant.writeKey, consent: false });
    assert.equal(batch.json.accepted, forged.length, 'stored as analytics events, not as owner data');

    const after = await ownerRecs();
    assert.deepEqual(after.json, {
      ...before.json,
      requestId: after.json.requestId,
      generatedAt: after.json.generatedAt,
    });
    // Mallory sees no trace of the restaurant she claimed, not even with its id.
    const claimed = await recs(s, { ...mallory, audience: 'owner', profiling: '1', groupId: 'rest_demo_beirut' });
    assert.ok(claimed.json.items.every((item) => item.reasons.every((r) => r.code === 'popular')));
  });

  test('a groupHash made by the backend proves membership for owner recommendations', async () => {
    const s = await seeded();
    // r-003: 3 locations, no analytics (seeded server-side); this user never sent a group() call.
    const owner = { anonymousId: 'new-device', userId: 'vouched', userHash: userHashFor(s.tenant.secret, 'vouched') };
    const setupReasons = (response: RecommendationsResponse) =>
      response.items.filter((item) => item.reasons.some((r) => r.code === 'owner_setup')).length;
    const claimed = await recs(s, { ...owner, audience: 'owner', groupId: 'r-003' });
    assert.equal(setupReasons(claimed.json), 0);
    const proven = await recs(s, {
      ...owner,
      audience: 'owner',
      groupId: 'r-003',
      groupHash: groupHashFor(s.tenant.secret, 'vouched', 'r-003'),
    });
    assert.ok(setupReasons(proven.json) > 0);
    const bad = await recs(s, { anonymousId: 'x', audience: 'owner', groupId: 'r-003', groupHash: 'f'.repeat(64) });
    assert.equal(bad.res.status, 400);
    assert.equal(bad.json.error.field, 'groupHash');
  });

  test('a userId without any anonymousId and without its hash is rejected alone', async () => {
    const s = await setup();
    const { json } = await postBatch(
      s.app,
      { batch: [track({ anonymousId: undefined, userId: 'u-9' }), track()] },
      { writeKey: s.tenant.writeKey },
    );
    assert.equal(json.accepted, 1);
    assert.deepEqual(
      json.errors.map((e: BatchResponse['errors'][number]) => [e.index, e.field]),
      [[0, 'batch[0].context.userHash']],
    );
  });
});
