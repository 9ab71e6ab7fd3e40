import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { latestChannelConsent } from '../src/messaging/send-checks.ts';
import { snapshotRecipients } from '../src/messaging/send-facts.ts';
import { type Setup, setup, T0 } from './helpers.ts';

/**
 * The dispatcher reads a claim's consent for all its recipients at once (send-facts.ts); it must answer what the
 * single-recipient read answers (send-checks.ts `latestChannelConsent`), for each way a ledger row can speak for a
 * recipient.
 */
describe('claim snapshot: channel consent of many recipients at once', () => {
  let s: Setup;
  let seq = 0;
  const row = async (ids: { user?: string; device: string }, channels: Record<string, boolean>, anonymized = false) => {
    const at = new Date(T0 + seq * 1000).toISOString();
    seq++;
    await s.db.run(
      `INSERT INTO consent_ledger (tenant_id, consent_id, anonymous_id, user_id, policy_version, action, choices,
         channels, source, timestamp, received_at, user_agent_class, anonymized_at)
       VALUES (?, ?, ?, ?, 1, 'custom', '{}', ?, 'center', ?, ?, 'desktop', ?)`,
      [s.tenant.id, `c-${seq}`, ids.device, ids.user ?? null, JSON.stringify(channels), at, at, anonymized ? at : null],
    );
  };

  before(async () => {
    s = await setup();
    // alice decided signed in, then withdrew e-mail on a linked device before signing in there.
    await row({ user: 'alice', device: 'd-alice-1' }, { email: true });
    await s.db.run('INSERT INTO subject_links (tenant_id, user_id, anonymous_id, linked_at) VALUES (?, ?, ?, ?)', [
      s.tenant.id,
      'alice',
      'd-alice-2',
      new Date(T0).toISOString(),
    ]);
    await row({ device: 'd-alice-2' }, { email: false });
    // bob's own row names his device; a later userless decision on that device is his too.
    await row({ user: 'bob', device: 'd-bob' }, { push: true });
    await row({ device: 'd-bob' }, { push: false, whatsapp: true });
    // a device's userless decision; a later signed-in row on it is the user's, not the device's.
    await row({ device: 'd-x' }, { in_app: true });
    await row({ user: 'dave', device: 'd-x' }, { in_app: false });
    // erin's newest row is anonymized: the one before speaks.
    await row({ user: 'erin', device: 'd-erin' }, { email: true });
    await row({ user: 'erin', device: 'd-erin' }, { email: false }, true);
  });
  after(() => s.db.close());

  it('answers for each recipient what the single read answers', async () => {
    const recipients = ['u:alice', 'u:bob', 'a:d-x', 'u:dave', 'u:erin', 'u:nobody', 'a:d-nobody'];
    const snapshot = await snapshotRecipients(s.db, s.tenant.id, recipients, T0 + 60_000);
    const expected: Record<string, Record<string, boolean> | undefined> = {
      'u:alice': { email: false },
      'u:bob': { push: false, whatsapp: true },
      'a:d-x': { in_app: true },
      'u:dave': { in_app: false },
      'u:erin': { email: true },
      'u:nobody': undefined,
      'a:d-nobody': undefined,
    };
    for (const recipient of recipients) {
      const single = await latestChannelConsent(s.db, s.tenant.id, recipient);
      assert.deepEqual(snapshot.get(recipient)?.consent, single, recipient);
      assert.deepEqual(single, expected[recipient], recipient);
    }
  });
});
