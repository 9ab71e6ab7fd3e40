import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PrivacyExport } from '@matbakh/contract';
import { createKeyring, masterKeyring, newMasterKey } from '../src/crypto/master-key.ts';
import { rotateMasterKey } from '../src/crypto/rotate.ts';
import { isSealed, resealSubjectKeys, subjectCipher } from '../src/crypto/subject-data.ts';
import { userHashFor } from '../src/subject.ts';
import { call, postBatch, type Setup, setup, track } from './helpers.ts';

/** A signed-in guest with identify traits and stored allergens. */
async function guestWithData(s: Setup) {
  const subject = { anonymousId: 'dev-1', userId: 'lina', userHash: userHashFor(s.tenant.secret, 'lina') };
  const identify = track({
    type: 'identify',
    event: undefined,
    properties: undefined,
    anonymousId: 'dev-1',
    userId: 'lina',
    context: { userHash: subject.userHash },
    traits: { firstName: 'Lina', favouriteDish: 'Kibbeh', region: 'DE-BE' },
  });
  const sent = await postBatch(s.app, { batch: [identify] }, { writeKey: s.tenant.writeKey });
  assert.equal(sent.json.accepted, 1, JSON.stringify(sent.json));
  const query = new URLSearchParams(subject).toString();
  const saved = await call(s.app, 'PUT', `/v1/preferences?${query}`, {
    writeKey: s.tenant.writeKey,
    headers: { 'if-match': '*' },
    body: { diet: ['halal'], allergens: ['sesame'] },
  });
  assert.equal(saved.res.status, 200, JSON.stringify(saved.json));
  return subject;
}

/** Every stored text of the personal tables: what a backup would hold. */
const backup = async (s: Setup) => ({
  events: await s.db.all<{ user_id: string | null; anonymous_id: string | null; payload: string }>(
    "SELECT user_id, anonymous_id, payload FROM events WHERE type = 'identify'",
  ),
  preferences: await s.db.all<{ subject_key: string; doc: string }>('SELECT subject_key, doc FROM preferences'),
});

describe('encryption at rest (per-subject data keys)', () => {
  test('identify traits and preferences are sealed in the database and read back in the export', async () => {
    const s = await setup();
    const subject = await guestWithData(s);
    const stored = await backup(s);
    const raw = JSON.stringify(stored);
    for (const secret of ['Lina', 'Kibbeh', 'sesame', 'halal']) assert.ok(!raw.includes(secret), `${secret} at rest`);
    const payload = JSON.parse(stored.events[0]!.payload) as { traits?: unknown; sealedTraits?: unknown };
    assert.ok(isSealed(payload.sealedTraits));
    assert.deepEqual(payload.traits, { region: 'DE-BE' }, 'only the coarse region ranking needs stays readable');
    assert.ok(isSealed(JSON.parse(stored.preferences[0]!.doc)));

    const exported = await call<PrivacyExport>(s.app, 'POST', '/v1/privacy/export', {
      writeKey: s.tenant.writeKey,
      body: subject,
    });
    const identify = exported.json.events.find((e) => e.type === 'identify') as { traits?: unknown } | undefined;
    assert.deepEqual(identify?.traits, { firstName: 'Lina', favouriteDish: 'Kibbeh', region: 'DE-BE' });
    const prefs = exported.json.preferences as { diet?: string[]; allergens?: string[] };
    assert.deepEqual([prefs.diet, prefs.allergens], [['halal'], ['sesame']]);
  });

  test('crypto-shredding: after erasure, a backup taken before it cannot be decrypted with any key the server holds', async () => {
    const s = await setup();
    const subject = await guestWithData(s);
    const before = await backup(s);
    const cipher = subjectCipher(s.db, s.tenant.id);
    assert.ok(await cipher.open('u:lina', 'preferences', JSON.parse(before.preferences[0]!.doc)), 'readable before');

    const erased = await call(s.app, 'POST', '/v1/privacy/erase', { writeKey: s.tenant.writeKey, body: subject });
    assert.equal(erased.res.status, 200);
    const keysLeft = await s.db.all<{ sealed_key: string }>(
      "SELECT sealed_key FROM subject_keys WHERE subject_key IN ('u:lina', 'a:dev-1')",
    );
    assert.deepEqual(keysLeft, []);

    // Every key the server holds: the master keyring and every data key still stored, tried on every sealed value.
    const allKeys = await s.db.all<{ tenant_id: string; subject_key: string }>(
      'SELECT tenant_id, subject_key FROM subject_keys',
    );
    const sealedValues = [
      JSON.parse(before.preferences[0]!.doc) as string,
      (JSON.parse(before.events[0]!.payload) as { sealedTraits: string }).sealedTraits,
    ];
    const fresh = subjectCipher(s.db, s.tenant.id);
    for (const sealed of sealedValues) {
      for (const purpose of ['preferences', 'identify_traits']) {
        assert.equal(await fresh.open('u:lina', purpose, sealed), undefined, 'the subject key is gone');
        for (const other of allKeys) {
          await assert.rejects(subjectCipher(s.db, other.tenant_id).open(other.subject_key, purpose, sealed));
        }
        assert.throws(() => masterKeyring().open(sealed, `${purpose}:${s.tenant.id}:u:lina`));
      }
    }
  });

  test('rotate-master-key: data keys are sealed again under the new key, which alone then opens everything', async () => {
    const s = await setup();
    await guestWithData(s);
    const oldKey = Buffer.from(process.env.MATBAKH_MASTER_KEY!, 'base64');
    const newKey = Buffer.from(newMasterKey(), 'base64');
    const rotating = createKeyring([newKey, oldKey]);
    assert.equal(await resealSubjectKeys(s.db, rotating), 1, "the user's one data key");
    assert.equal(await resealSubjectKeys(s.db, rotating), 0, 'nothing left to re-seal');
    const doc = JSON.parse((await backup(s)).preferences[0]!.doc) as string;
    const onlyNew = createKeyring([newKey]);
    assert.ok(await subjectCipher(s.db, s.tenant.id, onlyNew).open('u:lina', 'preferences', doc));
    await assert.rejects(
      subjectCipher(s.db, s.tenant.id, createKeyring([oldKey])).open('u:lina', 'preferences', doc),
      /does not hold/,
    );
  });
});

describe('rotate-master-key', () => {
  test('every sealed value (secrets, pseudonymization keys, subject data keys) moves to the new master key', async () => {
    const s = await setup();
    await guestWithData(s);
    const oldKey = Buffer.from(process.env.MATBAKH_MASTER_KEY!, 'base64');
    const newKey = Buffer.from(newMasterKey(), 'base64');
    const first = await rotateMasterKey(s.db, createKeyring([newKey, oldKey]));
    assert.ok(first.secrets >= 1 && first.subjectKeys === 1, JSON.stringify(first));
    const again = await rotateMasterKey(s.db, createKeyring([newKey, oldKey]));
    assert.deepEqual(again, { secrets: 0, pseudonymKeys: 0, subjectKeys: 0, vapidKeys: 0 });
  });
});
