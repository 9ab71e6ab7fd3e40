import Database from 'better-sqlite3';

export interface EventRow {
  message_id: string;
  type: string;
  event: string | null;
  name: string | null;
  anonymous_id: string;
  timestamp: string;
  /** The time the call was made on the client (timestamp is corrected for clock skew and transit). */
  original_timestamp: string;
}

export interface LedgerRow {
  action: string;
  source: string;
  choices: string;
  policy_version: number;
}

/** Reads what the reference server stored, straight from its SQLite file. */
function query<T>(sql: string, ...params: string[]): T[] {
  const path = process.env.MB_E2E_DB;
  if (!path) throw new Error('MB_E2E_DB is not set: global setup did not run');
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export const storedEvents = () =>
  query<EventRow>(
    'SELECT message_id, type, event, name, anonymous_id, timestamp, original_timestamp FROM events ORDER BY timestamp, rowid',
  );

/** The consent proofs recorded for an anonymous id, oldest first. */
export const ledgerOf = (anonymousId: string) =>
  query<LedgerRow>(
    'SELECT action, source, choices, policy_version FROM consent_ledger WHERE anonymous_id = ? ORDER BY id',
    anonymousId,
  );

export const eventsOf = (anonymousId: string) => storedEvents().filter((row) => row.anonymous_id === anonymousId);
export const label = (row: EventRow) => (row.type === 'track' ? row.event : `${row.type}:${row.name ?? ''}`);

/** Events the widgets track themselves (impressions, shown tips, experiment exposures): not the page's own calls. */
const WIDGET_EVENTS = new Set(['Product List Viewed', 'Experiment Viewed', 'Action Shown']);
export const pageOwn = (eventLabel: string | null) => !WIDGET_EVENTS.has(eventLabel ?? '');
