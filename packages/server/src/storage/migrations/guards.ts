import type { SchemaDialect } from './dialect.ts';

/**
 * Append-only tables (the consent ledger, the audit log): UPDATE only for erase's one-time anonymization, which leaves
 * every other column as it was. The condition is written once; SQLite says it as triggers, PostgreSQL as one trigger
 * function called on every row change and on TRUNCATE, so the statements around it are the dialect-specific part.
 */

const CONSENT_ANONYMIZE_ONCE = 'consent_ledger is append-only: only erase may anonymize a row, once';
const AUDIT_PURGE_ONLY = 'audit_log is append-only: rows leave only through the retention purge';
const AUDIT_PSEUDONYMIZE_ONCE = 'audit_log is append-only: only erase may pseudonymize a row, once';

/** The consent ledger's guards as the first migration of each engine made them. */
export function consentGuards(d: SchemaDialect): string {
  const unchanged = consentUnchanged(d, false);
  if (d.engine === 'postgres') {
    return `${pgGuardFunction({ create: 'CREATE', table: 'consent_ledger', unchanged, message: CONSENT_ANONYMIZE_ONCE })}
  ${pgGuardTriggers('consent_ledger')}`;
  }
  return `CREATE TRIGGER consent_ledger_no_delete BEFORE DELETE ON consent_ledger
  BEGIN
    SELECT RAISE(ABORT, 'consent_ledger is append-only');
  END;

  ${sqliteUpdateGuard('consent_ledger', unchanged, CONSENT_ANONYMIZE_ONCE)}`;
}

/** The consent ledger's UPDATE guard again once `proof` joined the record (the API keys migration). */
export function consentGuardWithProof(d: SchemaDialect): string {
  const unchanged = consentUnchanged(d, true);
  if (d.engine === 'postgres') {
    const table = 'consent_ledger';
    return pgGuardFunction({ create: 'CREATE OR REPLACE', table, unchanged, message: CONSENT_ANONYMIZE_ONCE });
  }
  return `DROP TRIGGER consent_ledger_no_update;
  ${sqliteUpdateGuard('consent_ledger', unchanged, CONSENT_ANONYMIZE_ONCE)}`;
}

/** The audit log's guards: a DELETE passes only while the retention purge holds the gate open. */
export function auditGuards(d: SchemaDialect): string {
  const unchanged = auditUnchanged(d);
  if (d.engine === 'postgres') {
    const onDelete = `    IF TG_OP = 'DELETE' THEN
      IF (SELECT open FROM audit_purge_gate WHERE id = 1) <> 1 THEN
        RAISE EXCEPTION '${AUDIT_PURGE_ONLY}';
      END IF;
      RETURN OLD;
    END IF;
`;
    const table = 'audit_log';
    return `${pgGuardFunction({ create: 'CREATE', table, unchanged, message: AUDIT_PSEUDONYMIZE_ONCE, onDelete })}
  ${pgGuardTriggers(table)}`;
  }
  return `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  WHEN (SELECT open FROM audit_purge_gate WHERE id = 1) <> 1
  BEGIN
    SELECT RAISE(ABORT, '${AUDIT_PURGE_ONLY}');
  END;

  ${sqliteUpdateGuard('audit_log', unchanged, AUDIT_PSEUDONYMIZE_ONCE)}`;
}

/** What an UPDATE of a consent record may change: the identifiers, once. */
function consentUnchanged(d: SchemaDialect, withProof: boolean): string[] {
  const proof = withProof ? ` AND ${d.same('NEW.proof', 'OLD.proof')}` : '';
  return [
    'OLD.anonymized_at IS NULL AND NEW.anonymized_at IS NOT NULL',
    'AND NEW.id = OLD.id AND NEW.tenant_id = OLD.tenant_id AND NEW.consent_id = OLD.consent_id',
    'AND NEW.policy_version = OLD.policy_version AND NEW.action = OLD.action',
    'AND NEW.choices = OLD.choices AND NEW.channels = OLD.channels AND NEW.source = OLD.source',
    'AND NEW.timestamp = OLD.timestamp AND NEW.received_at = OLD.received_at',
    `AND NEW.user_agent_class = OLD.user_agent_class${proof}`,
    `AND ${d.differs('NEW.anonymous_id', 'OLD.anonymous_id')} AND (OLD.user_id IS NULL) = (NEW.user_id IS NULL)`,
  ];
}

/** What an UPDATE of an audit record may change: the identifiers, pseudonymized once. */
function auditUnchanged(d: SchemaDialect): string[] {
  return [
    'OLD.anonymized_at IS NULL AND NEW.anonymized_at IS NOT NULL',
    'AND NEW.id = OLD.id AND NEW.tenant_id = OLD.tenant_id AND NEW.at = OLD.at AND NEW.actor = OLD.actor',
    `AND ${d.same('NEW.actor_id', 'OLD.actor_id')} AND NEW.purpose = OLD.purpose AND NEW.action = OLD.action`,
    'AND NEW.target = OLD.target AND NEW.detail = OLD.detail',
    'AND (OLD.anonymous_id IS NULL) = (NEW.anonymous_id IS NULL) AND (OLD.user_id IS NULL) = (NEW.user_id IS NULL)',
  ];
}

/** SQLite: a trigger refusing every UPDATE that does not keep `unchanged`. */
function sqliteUpdateGuard(table: string, unchanged: readonly string[], message: string): string {
  return `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
  WHEN NOT (
    ${unchanged.join('\n    ')}
  )
  BEGIN
    SELECT RAISE(ABORT, '${message}');
  END;`;
}

interface PgGuard {
  /** 'CREATE OR REPLACE' when a later migration changes the condition. */
  create: 'CREATE' | 'CREATE OR REPLACE';
  table: string;
  unchanged: readonly string[];
  message: string;
  /** Statements run first for a DELETE (they decide it themselves); without them a DELETE is refused. */
  onDelete?: string;
}

/** PostgreSQL: the trigger function refusing DELETE, TRUNCATE and every UPDATE that does not keep `unchanged`. */
function pgGuardFunction(guard: PgGuard): string {
  const { create, table, unchanged, message, onDelete = '' } = guard;
  return `${create} FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
${onDelete}    IF TG_OP <> 'UPDATE' THEN
      RAISE EXCEPTION '${table} is append-only';
    END IF;
    IF NOT (
      ${unchanged.join('\n      ')}
    ) THEN
      RAISE EXCEPTION '${message}';
    END IF;
    RETURN NEW;
  END
  $fn$;`;
}

/** PostgreSQL: the triggers calling the guard function on every row change and on TRUNCATE. */
function pgGuardTriggers(table: string): string {
  return `CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON ${table}
    FOR EACH ROW EXECUTE FUNCTION ${table}_append_only();
  CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
    FOR EACH STATEMENT EXECUTE FUNCTION ${table}_append_only();`;
}
