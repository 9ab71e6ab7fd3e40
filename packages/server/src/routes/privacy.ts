import { type EraseResponse, type PrivacyExport, type ProfilingStatus, validateSubject } from '@matbakh/contract';
import { appendErasure } from '../audit.ts';
import { recordObjection, withdrawObjection } from '../churn/objections.ts';
import { profilingStatus } from '../churn/privacy-source.ts';
import type { SubjectRegistry } from '../privacy.ts';
import type { Ctx, RouteKit, RouteModule } from '../route-kit.ts';
import type { VerifiedSubject } from '../subject.ts';
import type { Tenant } from '../tenants.ts';

/**
 * The data subject's rights: `POST /v1/privacy/export` and `POST /v1/privacy/erase` over every registered source.
 * Long because: one route module: export, erase and the profiling objection are registered together over the same
 * subject resolution.
 */
export function privacyRoutes(subjects: SubjectRegistry): RouteModule {
  return (app, kit) => {
    const { db, now } = kit;

    app.post('/v1/privacy/export', async (c) => {
      const auth = await privacySubject(kit, c);
      if (auth instanceof Response) return auth;
      const { tenant, subject } = auth;
      const at = now();
      // Logged first, so the export itself lists this access too.
      await kit.audit(c, tenant, { purpose: 'subject_access', action: 'export', target: 'all', subject });
      const sections = await subjects.export({ db, tenant, subject, now: at });
      const generatedAt = new Date(at).toISOString();
      kit.logFields(c, { events: sections.events.length, consent: sections.consent.length });
      c.header('Cache-Control', 'no-store');
      c.header('Content-Disposition', `attachment; filename="matbakh-export-${generatedAt.slice(0, 10)}.json"`);
      // Lets a cross-origin client take the file name from the header.
      if (c.req.header('origin') !== undefined) {
        c.header('Access-Control-Expose-Headers', 'Retry-After, Content-Disposition');
      }
      return c.json<PrivacyExport>({
        schema: 'matbakh.privacy-export/1',
        generatedAt,
        subject: subject.userId === undefined ? { anonymousId: subject.anonymousId } : { ...subject },
        tenant: { id: tenant.id, name: tenant.name },
        ...sections,
      });
    });

    app.post('/v1/privacy/erase', async (c) => {
      const auth = await privacySubject(kit, c);
      if (auth instanceof Response) return auth;
      const { tenant, subject } = auth;
      const at = now();
      const result = await subjects.erase({ db, tenant, subject, now: at });
      await appendErasure(db, {
        tenantId: tenant.id,
        at,
        actor: c.get('serverKey') === true ? 'secret_key' : 'subject',
        purpose: 'erasure',
        action: 'erase',
        target: 'all',
        subject,
        secret: tenant.pseudonymKey,
        detail: { ...result.erased, consentAnonymized: result.consentAnonymized },
      });
      kit.logFields(c, {
        erasedEvents: result.erased.events,
        erasedPreferences: result.erased.preferences,
        erasedFeedback: result.erased.feedback,
        consentAnonymized: result.consentAnonymized,
      });
      c.header('Cache-Control', 'no-store');
      return c.json<EraseResponse>(result);
    });

    // Whether a churn score may exist about the guest and whether they objected (the privacy center shows it).
    app.get('/v1/privacy/profiling', async (c) => {
      const tenant = await kit.authorizeRequest(c);
      if (tenant instanceof Response) return tenant;
      const subject = kit.subjectFromQuery(c, tenant);
      if (subject instanceof Response) return subject;
      c.header('Cache-Control', 'no-store');
      return c.json<ProfilingStatus>(await profilingStatus(db, tenant.id, subject));
    });

    // The objection to profiling (GDPR Art. 21): `objected: true` records it and removes the guest's churn scores
    // at once; `false` withdraws it (the next daily pass may score them again if their consent allows).
    app.post('/v1/privacy/profiling-objection', async (c) => {
      const auth = await privacySubject(kit, c);
      if (auth instanceof Response) return auth;
      const { tenant, subject, body } = auth;
      const objected = (body as { objected?: unknown }).objected;
      if (typeof objected !== 'boolean') {
        return kit.fail(c, 400, 'bad_request', 'objected must be true (object) or false (withdraw)', 'objected');
      }
      const at = now();
      const detail: Record<string, boolean | number> = objected
        ? { objected, scoresRemoved: (await recordObjection(db, tenant.id, subject, at)).scoresRemoved }
        : { objected, withdrawn: await withdrawObjection(db, tenant.id, subject) };
      await kit.audit(c, tenant, {
        purpose: 'profiling_objection',
        action: 'change',
        target: 'profiling',
        subject,
        detail,
      });
      c.header('Cache-Control', 'no-store');
      return c.json<ProfilingStatus>(await profilingStatus(db, tenant.id, subject));
    });
  };
}

/** Body → verified subject for `/v1/privacy/*`; a Response means refused. */
async function privacySubject(
  kit: RouteKit,
  c: Ctx,
): Promise<{ tenant: Tenant; subject: VerifiedSubject; body: unknown } | Response> {
  const auth = await kit.authorizeWithBody(c, kit.subjectBody);
  if (auth instanceof Response) return auth;
  const parsed = validateSubject(auth.body);
  if (!parsed.ok) return kit.fail(c, 400, 'bad_request', parsed.error.message, parsed.error.field);
  const subject = kit.verify(c, auth.tenant, parsed.value);
  return subject instanceof Response ? subject : { tenant: auth.tenant, subject, body: auth.body };
}
