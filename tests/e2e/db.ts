import Database from 'better-sqlite3';

export interface EventRow {
  message_id: string;
  type: string;
  event: string | null;
  name: string | null;
  anonymous_id: string;
  timestamp: string;
}

/** Reads what the reference server stored, straight from its SQLite file. */
export function storedEvents(): EventRow[] {
  const path = process.env.MB_E2E_DB;
  if (!path) throw new Error('MB_E2E_DB is not set: global setup did not run');
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT message_id, type, event, name, anonymous_id, timestamp FROM events ORDER BY timestamp, rowid')
      .all() as EventRow[];
  } finally {
    db.close();
  }
}

export const eventsOf = (anonymousId: string) => storedEvents().filter((row) => row.anonymous_id === anonymousId);
export const label = (row: EventRow) => (row.type === 'track' ? row.event : `${row.type}:${row.name ?? ''}`);
