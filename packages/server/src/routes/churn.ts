/**
 * Churn risk for owners (issue 21; model and storage in churn/):
 *
 * - `GET /v1/insights/churn?groupId=&anonymousId=&userId=&userHash=&groupHash=&locale=` → `ChurnResponse`, the
 *   stored scores of the group's regulars by pseudonym (the same proofs as `GET /v1/insights`).
 * - `POST /v1/insights/win-back` (`WinBackRequest` body, the same proofs) → `WinBackResponse`: queues one win-back
 *   message per at-risk regular through the messaging service, once per group and ISO week.
 * - `GET /v1/admin/churn.csv?groupId=` (admin key): every scored regular of the group as CSV, by pseudonym.
 *
 * Every read and the win-back are written to the audit log (a guest's profile read on their behalf by an owner).
 */
import type { ChurnResponse, Subject, WinBackResponse } from '@matbakh/contract';
import { isPlainObject, validateSubject } from '@matbakh/contract';
import { churnCsv } from '../churn/csv.ts';
import { churnResponse } from '../churn/response.ts';
import { readGroupChurn } from '../churn/store.ts';
import { startWinBack } from '../churn/win-back.ts';
import type { RouteModule } from '../route-kit.ts';
import { adminGate } from './admin-gate.ts';
import { groupIdOf, localeOf, ownerOfGroup, ownerRequest } from './owner-proof.ts';

export const churnRoutes: RouteModule = (app, kit) => {
  const admin = adminGate(kit, 'export churn scores');

  app.get('/v1/insights/churn', async (c) => {
    const request = await ownerRequest(c, kit);
    if (request instanceof Response) return request;
    const { tenant, groupId, locale, owner } = request;

    const stored = await readGroupChurn(kit.db, tenant.id, groupId);
    const result = churnResponse(stored, groupId, locale, tenant.pseudonymKey, kit.now());
    await kit.audit(c, tenant, {
      purpose: 'owner_insights',
      action: 'read',
      target: 'churn',
      subject: owner,
      detail: { groupId: groupId, atRisk: result.atRisk.length },
    });
    kit.logFields(c, { atRisk: result.atRisk.length });
    c.header('Cache-Control', 'no-store');
    return c.json<ChurnResponse>(result);
  });

  app.post('/v1/insights/win-back', async (c) => {
    const auth = await kit.authorizeWithBody(c, kit.subjectBody);
    if (auth instanceof Response) return auth;
    const { tenant, body } = auth;
    if (!isPlainObject(body)) return kit.fail(c, 400, 'bad_request', 'body must be a JSON object', 'body');
    const groupId = groupIdOf(c, kit, body.groupId);
    if (groupId instanceof Response) return groupId;
    const locale = localeOf(c, kit, body.locale);
    if (locale instanceof Response) return locale;
    const parsed = validateSubject(body);
    if (!parsed.ok) return kit.fail(c, 400, 'bad_request', parsed.error.message, parsed.error.field);
    const subject = kit.verify(c, tenant, parsed.value as Subject);
    if (subject instanceof Response) return subject;
    const owner = ownerOfGroup(c, kit, tenant, subject, groupId, body.groupHash);
    if (owner instanceof Response) return owner;

    const result = await startWinBack(kit.db, tenant.id, groupId, kit.now());
    await kit.audit(c, tenant, {
      purpose: 'owner_insights',
      action: 'change',
      target: 'win_back',
      subject: owner,
      detail: { groupId, campaignId: result.campaignId, queued: result.queued },
    });
    kit.logFields(c, { queued: result.queued });
    c.header('Cache-Control', 'no-store');
    return c.json<WinBackResponse>(result, result.alreadyRunning ? 200 : 201);
  });

  app.get('/v1/admin/churn.csv', async (c) => {
    const caller = await admin(c);
    if (caller instanceof Response) return caller;
    const groupId = groupIdOf(c, kit, c.req.query('groupId'));
    if (groupId instanceof Response) return groupId;
    const stored = await readGroupChurn(kit.db, caller.tenant.id, groupId);
    await kit.audit(c, caller.tenant, {
      purpose: 'owner_insights',
      action: 'export',
      target: 'churn',
      detail: { groupId: groupId, rows: stored?.scores.length ?? 0 },
    });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="churn-${encodeURIComponent(groupId)}.csv"`);
    return c.body(churnCsv(stored, groupId, caller.tenant.pseudonymKey));
  });
};
