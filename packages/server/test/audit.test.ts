import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AuditEntry, AuditLogResponse, PrivacyExport } from '@matbakh/contract';
import { appendAudit, purgeExpiredAudit } from '../src/audit.ts';
import { userHashFor } from '../src/subject.ts';
import { call, consentRecord, type Setup, setup, T0 } from './helpers.ts';

const DAY = 86_400_000;

const admin = (s: Setup, query = '', secret = s.tenant.secret) =>
  call<AuditLogResponse>(s.app, 'GET', `/v1/admin/audit${query}`, { headers: { authorization: `Bearer ${secret}` } });

/** A signed-in guest who decides, saves preferences and reads them back. */
async function guestActs(s: Setup, userId = 'guest-1', anonymousId = 'dev-1') {
  const subject = { anonymousId, userId, userHash: userHashFor(s.tenant.secret, userId) };
  const query = new URLSearchParams(subject).toString();
  const consent = await call(s.app, 'POST', '/v1/consent', {
    writeKey: s.tenant.writeKey,
    body: consentRecord(subject),
  });
  assert.equal(consent.res.status, 201);
  const saved = await call(s.app, 'PUT', `/v1/preferences?${query}`, {
    writeKey: s.tenant.writeKey,
    headers: { 'if-match': '*' },
    body: { diet: ['vegetarian'] },
  });
  assert.equal(saved.res.status, 200);
  assert.equal((await call(s.app, 'GET', `/v1/preferences?${query}`, { writeKey: s.tenant.writeKey })).res.status, 200);
  return subject;
}

const summary = (entries: AuditEntry[]) => entries.map((e) => `${e.actor} ${e.action} ${e.target} (${e.purpose})`);

describe('audit log', () => {
  test('the subject sees what was done with their data in their export, including the export itself', async () => {
    const s = await setup();
    const subject = await guestActs(s);
    await guestActs(s, 'someone-else', 'dev-2');
    const exported = await call<PrivacyExport>(s.app, 'POST', '/v1/privacy/export', {
      writeKey: s.tenant.writeKey,
      body: subject,
    });
    assert.equal(exported.res.status, 200);
    assert.deepEqual(summary(exported.json.audit ?? []), [
      'subject change consent (consent_decision)',
      'subject change preferences (personalization_settings)',
      'subject read preferences (personalization_settings)',
      'subject export all (subject_access)',
    ]);
    for (const entry of exported.json.audit ?? []) {
      assert.deepEqual(entry.subject, { anonymousId: 'dev-1', userId: 'guest-1' });
      assert.equal(entry.at, new Date(T0).toISOString());
    }
  });

  test('the tenant reads its log with the secret key, page by page; the write key cannot', async () => {
    const s = await setup();
    await guestActs(s);
    const refused = await call(s.app, 'GET', '/v1/admin/audit', { writeKey: s.tenant.writeKey });
    assert.equal(refused.res.status, 401);
    assert.equal(refused.json.error.field, 'Authorization');
    assert.equal((await admin(s, '', 'sk_wrong')).res.status, 401);

    const first = await admin(s, '?limit=2');
    assert.equal(first.res.status, 200);
    assert.equal(first.json.entries.length, 2);
    assert.notEqual(first.json.next, null);
    const rest = await admin(s, `?after=${first.json.next}&limit=10`);
    assert.deepEqual(summary([...first.json.entries, ...rest.json.entries]), [
      'subject change consent (consent_decision)',
      'subject change preferences (personalization_settings)',
      'subject read preferences (personalization_settings)',
    ]);
    assert.equal(rest.json.next, null);
    const bad = await admin(s, '?limit=0');
    assert.equal(bad.res.status, 400);
    assert.equal(bad.json.error.field, 'limit');
  });

  test('an admin change is logged with the secret key as actor', async () => {
    const s = await setup();
    const upload = await call(s.app, 'POST', '/v1/admin/catalog', {
      headers: { authorization: `Bearer ${s.tenant.secret}` },
      body: {
        items: [{ id: 'r-1', kind: 'restaurant', name: 'Falafel Haus', cuisine: 'syrian', region: 'Berlin-Mitte' }],
      },
    });
    assert.equal(upload.res.status, 200, JSON.stringify(upload.json));
    const { json } = await admin(s);
    assert.deepEqual(summary(json.entries), ['secret_key admin_change catalog (configuration)']);
    assert.deepEqual(json.entries[0]!.detail, { upserted: 1 });
  });

  test('erasure pseudonymizes the entries about the subject and logs itself without the removed identifiers', async () => {
    const s = await setup();
    const subject = await guestActs(s);
    const erased = await call(s.app, 'POST', '/v1/privacy/erase', { writeKey: s.tenant.writeKey, body: subject });
    assert.equal(erased.res.status, 200);
    const rows = await s.db.all<{ anonymous_id: string | null; user_id: string | null; action: string }>(
      'SELECT anonymous_id, user_id, action FROM audit_log ORDER BY id',
    );
    assert.deepEqual(
      rows.map((r) => r.action),
      ['change', 'change', 'read', 'erase'],
    );
    for (const row of rows) {
      assert.match(row.anonymous_id ?? '', /^[0-9a-f]{64}$/);
      assert.match(row.user_id ?? '', /^[0-9a-f]{64}$/);
    }
    const again = await call<PrivacyExport>(s.app, 'POST', '/v1/privacy/export', {
      writeKey: s.tenant.writeKey,
      body: subject,
    });
    assert.deepEqual(summary(again.json.audit ?? []), ['subject export all (subject_access)']);
  });

  test('append-only: rows cannot be changed or deleted; the retention purge removes only expired ones', async () => {
    const s = await setup();
    const entry = { tenantId: s.tenant.id, actor: 'system', purpose: 'test', action: 'read', target: 'x' } as const;
    await appendAudit(s.db, { ...entry, at: T0 - 800 * DAY });
    await appendAudit(s.db, { ...entry, at: T0 - 10 * DAY });
    await assert.rejects(s.db.run("UPDATE audit_log SET purpose = 'other'"), /append-only/);
    await assert.rejects(s.db.run('DELETE FROM audit_log'), /append-only/);
    assert.equal(await purgeExpiredAudit(s.db, T0, 730), 1);
    const left = await s.db.all<{ at: string }>('SELECT at FROM audit_log');
    assert.deepEqual(left, [{ at: new Date(T0 - 10 * DAY).toISOString() }]);
    // The gate is shut again after the purge.
    await assert.rejects(s.db.run('DELETE FROM audit_log'), /append-only/);
  });
});
