/**
 * Bulk server-to-server import (issue 14 item 5), with the secret key only: `POST /v1/import/events`,
 * `/v1/import/consent`, `/v1/import/preferences`. Each takes a JSON array of rows (or NDJSON, one row a line), up
 * to IMPORT_MAX_ROWS. Every row is checked first: any bad row answers 400 listing every problem by row, and nothing
 * is written; otherwise all rows are written in one transaction. Re-sending the same request changes nothing
 * (events by messageId, consent by consentId, preferences by content), so a failed upload is simply sent again.
 */
import {
  type ConsentRecordRequest,
  isPlainObject,
  type JsonObject,
  type MessageRejection,
  type PreferencesDocument,
  validateBatch,
  validateConsentRecord,
  validatePreferences,
} from '@matbakh/contract';
import { authorizeKey, type KeyRule, keyRule } from '../auth.ts';
import type { Queryable } from '../db.ts';
import { storeMessages } from '../events.ts';
import { appendConsentRows, replacePreferenceRows } from '../import-store.ts';
import { screenMessages } from '../ingest.ts';
import { jsonBody } from '../json-body.ts';
import { subjectKey } from '../preferences-store.ts';
import type { Ctx, RouteKit, RouteModule } from '../route-kit.ts';
import { fromSegmentClient } from '../segment-message.ts';
import type { VerifiedSubject } from '../subject.ts';
import type { Tenant } from '../tenants.ts';

export const IMPORT_MAX_ROWS = 1_000;
/** 1,000 events of a few KiB each; a larger import goes in several requests. */
export const IMPORT_MAX_BODY_BYTES = 8 * 1024 * 1024;
const MAX_PROOF_BYTES = 2048;

/** What every import answers: rows written, rows already there, and rows a recorded refusal kept out (events). */
export interface ImportResponse {
  accepted: number;
  duplicate: number;
  refused?: number;
}

type RowError = Pick<MessageRejection, 'index' | 'field' | 'message'>;
type Checked<T> = { ok: true; rows: T[] } | { ok: false; errors: RowError[] };

/** `rows[i].field` for a problem a validator named as `field` (or `body`, `batch[i].field`). */
const rowField = (index: number, field: string): string => {
  const inner = field.replace(/^batch\[\d+\]\.?/, '').replace(/^body\.?/, '');
  return inner === '' ? `rows[${index}]` : `rows[${index}].${inner}`;
};

async function readRows(kit: RouteKit, c: Ctx, rule: KeyRule): Promise<{ tenant: Tenant; rows: unknown[] } | Response> {
  const auth = await authorizeKey(kit, c, rule);
  if (auth instanceof Response) return auth;
  const body = await jsonBody(kit, c, { maxBytes: IMPORT_MAX_BODY_BYTES, field: 'rows', ndjson: true });
  if (body instanceof Response) return body;
  if (!Array.isArray(body.value)) {
    return kit.fail(c, 400, 'bad_request', 'body must be a JSON array of rows (or NDJSON, one row a line)', 'rows');
  }
  if (body.value.length > IMPORT_MAX_ROWS) {
    return kit.fail(
      c,
      413,
      'payload_too_large',
      `at most ${IMPORT_MAX_ROWS} rows per request, got ${body.value.length}: split the import`,
      'rows',
    );
  }
  kit.logFields(c, { rows: body.value.length });
  return { tenant: auth.tenant, rows: body.value };
}

/** 400 listing every bad row; nothing was written. */
function rowErrors(kit: RouteKit, c: Ctx, errors: RowError[]): Response {
  const first = errors[0]!;
  kit.logFields(c, { badRows: errors.length });
  return c.json(
    {
      error: {
        code: 'bad_request',
        message: `${errors.length} row(s) are invalid; nothing was written (first: ${first.field}: ${first.message})`,
        field: first.field,
      },
      errors,
    },
    400,
  );
}

/** A subject the partner's backend vouches for: an anonymousId, a userId, or both. */
function vouchedSubject(row: Record<string, unknown>, index: number): VerifiedSubject | RowError {
  const { anonymousId, userId } = row;
  for (const [name, value] of [
    ['anonymousId', anonymousId],
    ['userId', userId],
  ] as const) {
    if (value !== undefined && (typeof value !== 'string' || value === '' || value.length > 200)) {
      return { index, field: rowField(index, name), message: `${name} must be 1 to 200 characters` };
    }
  }
  if (typeof userId === 'string')
    return { anonymousId: typeof anonymousId === 'string' ? anonymousId : userId, userId };
  if (typeof anonymousId === 'string') return { anonymousId };
  return { index, field: rowField(index, 'userId'), message: 'a row needs a userId or an anonymousId' };
}

/** A row's object and the subject the backend vouches for, else the row's error. */
function subjectRow(
  row: unknown,
  index: number,
): RowError | { row: Record<string, unknown>; subject: VerifiedSubject } {
  if (!isPlainObject(row)) return { index, field: rowField(index, ''), message: 'a row must be a JSON object' };
  const subject = vouchedSubject(row, index);
  return 'field' in subject ? subject : { row, subject };
}

/**
 * Every row checked by `check` (given the row's object and the subject the backend vouches for); all problems are
 * collected, so one answer names every bad row.
 */
function checkSubjectRows<T extends object>(
  rows: unknown[],
  check: (row: Record<string, unknown>, subject: VerifiedSubject, index: number) => T | RowError,
): Checked<T> {
  const errors: RowError[] = [];
  const out: T[] = [];
  for (const [index, raw] of rows.entries()) {
    const checked = subjectRow(raw, index);
    const result = 'field' in checked ? checked : check(checked.row, checked.subject, index);
    if (isRowError(result)) errors.push(result);
    else out.push(result);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows: out };
}

/** The checked rows (a document, a record) never carry a `field`; a problem always names one. */
const isRowError = (value: object): value is RowError => 'field' in value;

type ConsentRow = { record: ConsentRecordRequest; subject: VerifiedSubject; proof: JsonObject };

function checkConsentRows(rows: unknown[]): Checked<ConsentRow> {
  return checkSubjectRows<ConsentRow>(rows, (row, subject, index) => {
    // The backend vouches for the userId: no userHash; the anonymousId the ledger needs defaults to the userId.
    const { userHash: _ignored, proof, ...rest } = row;
    const record = validateConsentRecord({ ...rest, anonymousId: subject.anonymousId });
    if (!record.ok) {
      return { index, field: rowField(index, record.error.field ?? ''), message: record.error.message };
    }
    if (!isPlainObject(proof) || Object.keys(proof).length === 0 || JSON.stringify(proof).length > MAX_PROOF_BYTES) {
      return {
        index,
        field: rowField(index, 'proof'),
        message: `proof must be a non-empty JSON object of at most ${MAX_PROOF_BYTES} bytes (e.g. your consent tool's record id and export time)`,
      };
    }
    return { record: record.value, subject, proof: proof as JsonObject };
  });
}

type PreferenceRow = { key: string; doc: PreferencesDocument };

function checkPreferenceRows(rows: unknown[]): Checked<PreferenceRow> {
  const seen = new Map<string, number>();
  return checkSubjectRows<PreferenceRow>(rows, (row, subject, index) => {
    const doc = validatePreferences(row.preferences);
    if (!doc.ok) {
      const field = doc.error.field?.replace(/^body\.?/, '') ?? '';
      return {
        index,
        field: rowField(index, field === '' ? 'preferences' : `preferences.${field}`),
        message: doc.error.message,
      };
    }
    const key = subjectKey(subject);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      return {
        index,
        field: rowField(index, 'userId'),
        message: `the same subject as rows[${earlier}]: send one document per subject`,
      };
    }
    seen.set(key, index);
    return { key, doc: doc.value };
  });
}

/**
 * A bulk import of documents: every row checked first (any bad row → 400 naming it, nothing written), then all
 * written in one transaction, audited, and answered with how many were new and how many were already there.
 */
function rowsImport<Row>(
  kit: RouteKit,
  rule: KeyRule,
  target: 'consent' | 'preferences',
  check: (rows: unknown[]) => Checked<Row>,
  write: (tx: Queryable, tenantId: string, rows: readonly Row[], now: number) => Promise<number>,
) {
  return async (c: Ctx) => {
    const read = await readRows(kit, c, rule);
    if (read instanceof Response) return read;
    const checked = check(read.rows);
    if (!checked.ok) return rowErrors(kit, c, checked.errors);
    const accepted = await kit.db.transaction((tx) => write(tx, read.tenant.id, checked.rows, kit.now()));
    const answer: ImportResponse = { accepted, duplicate: checked.rows.length - accepted };
    kit.logFields(c, { ...answer });
    await kit.audit(c, read.tenant, { purpose: 'import', action: 'change', target, detail: { ...answer } });
    return c.json(answer);
  };
}

export const importRoutes: RouteModule = (app, kit) => {
  const { db } = kit;
  // Its own limit, apart from the browsers' (config.serverRateLimit): an import never starves the live site.
  const rule = keyRule(kit, ['secret'], 'import data');

  /**
   * Historical events and orders as Segment messages, their original `timestamp` kept (no sentAt, so no clock-skew
   * correction). Screened as server-sent (`ingest.ts`): identity is vouched for, and only a recorded refusal of
   * `analytics` keeps a row out (counted as refused, not an error).
   */
  app.post('/v1/import/events', async (c) => {
    const read = await readRows(kit, c, rule);
    if (read instanceof Response) return read;
    const { valid, errors } = validateBatch(read.rows.map(fromSegmentClient));
    if (errors.length > 0) {
      return rowErrors(
        kit,
        c,
        errors.map((e) => ({ index: e.index, field: rowField(e.index, e.field), message: e.message })),
      );
    }
    const screened = await screenMessages(db, read.tenant, valid, 'server');
    const stored = await storeMessages(db, read.tenant.id, screened.store, kit.now(), undefined, 'server');
    const answer: ImportResponse = { accepted: stored.accepted, duplicate: stored.duplicate };
    if (screened.refused > 0) answer.refused = screened.refused;
    kit.logFields(c, { ...answer });
    return c.json(answer);
  });

  /** Decisions from the partner's own consent tool, into the ledger with their `source` and `proof`. */
  app.post('/v1/import/consent', rowsImport(kit, rule, 'consent', checkConsentRows, appendConsentRows));
  /** Whole preference documents, one per subject; a document equal to the stored one is a duplicate. */
  app.post('/v1/import/preferences', rowsImport(kit, rule, 'preferences', checkPreferenceRows, replacePreferenceRows));
};
