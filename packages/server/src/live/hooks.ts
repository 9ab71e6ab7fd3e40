/**
 * The ingest paths' one-line hooks into the live event debugger (recorder.ts): each notes what it decided, with
 * the reason of a refusal, and returns at once.
 */
import type { LiveRefusal, MessageRejection } from '@matbakh/contract';
import { isPlainObject } from '@matbakh/contract';
import type { Db } from '../db.ts';
import type { Screened } from '../ingest.ts';
import { hashKey } from '../keys.ts';
import { liveRecorder } from './recorder.ts';
import type { LiveMessage } from './summary.ts';

interface Base {
  tenantId: string;
  at: number;
  path: string;
}

const asMessage = (value: unknown): LiveMessage => (isPlainObject(value) ? value : {});

/** A batch's outcome: stored messages, consent refusals, and each rejected message with its field and reason. */
export function noteBatch(
  db: Db,
  base: Base,
  sent: readonly unknown[],
  screened: Screened,
  rejections: readonly MessageRejection[],
): void {
  const recorder = liveRecorder(db);
  for (const message of screened.store) recorder.note({ ...base, message: message as unknown as LiveMessage });
  for (const message of screened.consentRefused) {
    recorder.note({
      ...base,
      message: message as unknown as LiveMessage,
      refusal: { reason: 'consent', category: 'analytics' },
    });
  }
  for (const rejection of rejections) {
    recorder.note({
      ...base,
      message: asMessage(sent[rejection.index]),
      refusal: { reason: 'validation', field: rejection.field, message: rejection.message },
    });
  }
}

/** A request of a known tenant refused before its messages were read (origin, rate limit, a malformed body). */
export function noteRefusal(db: Db, base: Base, refusal: LiveRefusal): void {
  // An Origin header is the sender's to choose: a bounded excerpt is enough to recognise it.
  const bounded = refusal.reason === 'origin' ? { ...refusal, origin: refusal.origin.slice(0, 200) } : refusal;
  liveRecorder(db).note({ ...base, refusal: bounded });
}

/**
 * A key that opens no ingest route: when it is one of a tenant's secret or admin keys (revoked, expired, or the
 * admin key on an ingest route), that tenant sees why. A write key nobody has names no tenant. Off the response's
 * path: the lookup runs after the answer is decided.
 */
export function noteRefusedKey(db: Db, key: string | undefined, base: Omit<Base, 'tenantId'>, message: string): void {
  if (key === undefined || !/^(sk|ak)_/.test(key)) return;
  void db
    .get<{ tenant_id: string }>('SELECT tenant_id FROM api_keys WHERE key_hash = ?', [hashKey(key)])
    .then((row) => {
      if (row) noteRefusal(db, { ...base, tenantId: row.tenant_id }, { reason: 'key', message });
    })
    .catch(() => {});
}
