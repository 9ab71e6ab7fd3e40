import { type EraseResponse, type PrivacyExport, validateSubject } from '@matbakh/contract';
import { appendErasure } from '../audit.ts';
import type { SubjectRegistry } from '../privacy.ts';
import type { Ctx, RouteKit, RouteModule } from '../route-kit.ts';
import type { VerifiedSubject } from '../subject.ts';
import type { Tenant } from '../tenants.ts';

/** The data subject's rights: `POST /v1/privacy/export` and `POST /v1/privacy/erase` over every registered source. */
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
  };
}

/** Body → verified subject for `/v1/privacy/*`; a Response means refused. */
async function privacySubject(kit: RouteKit, c: Ctx): Promise<{ tenant: Tenant; subject: VerifiedSubject } | Response> {
  const auth = await kit.authorizeWithBody(c, kit.subjectBody);
  if (auth instanceof Response) return auth;
  const parsed = validateSubject(auth.body);
  if (!parsed.ok) return kit.fail(c, 400, 'bad_request', parsed.error.message, parsed.error.field);
  const subject = kit.verify(c, auth.tenant, parsed.value);
  return subject instanceof Response ? subject : { tenant: auth.tenant, subject };
}
