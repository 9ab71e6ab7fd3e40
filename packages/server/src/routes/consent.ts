import { type ConsentLedgerEntry, type ConsentLedgerResponse, validateConsentRecord } from '@matbakh/contract';
import { appendConsent, consentEntries } from '../consent.ts';
import type { RouteModule } from '../route-kit.ts';
import { cancelWithdrawnChannels, removeWithdrawnData } from '../withdrawal.ts';

/** The consent ledger: `POST /v1/consent` records a decision (a withdrawal deletes what it covered), `GET` reads it. */
export const consentRoutes: RouteModule = (app, kit) => {
  const { db, fail, now } = kit;

  app.post('/v1/consent', async (c) => {
    const auth = await kit.authorizeWithBody(c, kit.subjectBody);
    if (auth instanceof Response) return auth;
    const { tenant } = auth;
    const record = validateConsentRecord(auth.body);
    if (!record.ok) return fail(c, 400, 'bad_request', record.error.message, record.error.field);
    const subject = kit.verify(c, tenant, record.value);
    if (subject instanceof Response) return subject;
    const entry = await appendConsent(db, tenant.id, subject, record.value, now());
    const removed = await removeWithdrawnData(db, tenant, subject, entry.choices, now());
    const cancelled = await cancelWithdrawnChannels(db, tenant, subject, entry.channels, now());
    if (cancelled > 0) removed.queuedMessages = cancelled;
    await kit.audit(c, tenant, {
      purpose: 'consent_decision',
      action: 'change',
      target: 'consent',
      subject,
      detail: { action: entry.action, source: entry.source, ledgerId: entry.id, removed },
    });
    kit.logFields(c, { action: entry.action, ledgerId: entry.id });
    c.header('Cache-Control', 'no-store');
    return c.json<ConsentLedgerEntry>(entry, 201);
  });

  app.get('/v1/consent', async (c) => {
    const tenant = await kit.authorizeRequest(c);
    if (tenant instanceof Response) return tenant;
    const subject = kit.subjectFromQuery(c, tenant);
    if (subject instanceof Response) return subject;
    const history = await consentEntries(db, tenant.id, subject, 'newest');
    await kit.audit(c, tenant, { purpose: 'subject_access', action: 'read', target: 'consent', subject });
    kit.logFields(c, { entries: history.length });
    c.header('Cache-Control', 'no-store');
    return c.json<ConsentLedgerResponse>({ current: history[0] ?? null, history });
  });
};
