/** A tenant as the server holds it in memory (tenants.ts reads and writes it): its own module, so the modules a tenant's
 * data flows through can name the type without importing the tenants store. */
export interface Tenant {
  id: string;
  name: string;
  /** Publishable: it ships in partners' pages, so it only identifies the tenant; origins are the guard. */
  writeKey: string;
  /**
   * The newest secret key (`sk_…`): signs `userHash` on the partner's backend. Stored sealed (keys.ts); it leaves
   * the server only on creation and rotation (and `create-tenant` re-printing an existing tenant).
   */
  secret: string;
  /** Every secret that verifies a userHash/groupHash now, newest first: two during a rotation's overlap. */
  secrets: readonly string[];
  /** The HMAC key of pseudonyms kept after erasure (`subject.ts` pseudonymize): stable across rotations. */
  pseudonymKey: string;
  allowedOrigins: string[];
  /** Tracked events older than this are purged; the contract's DEFAULT_RETENTION_DAYS unless set. */
  retentionDays: number;
  createdAt: string;
}
