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

/**
 * Events the widgets track themselves (impressions, shown tips, experiment exposures, the dashboard seen, the tour
 * started, reordered or completed, preferences saved): not the page's own calls.
 */
const WIDGET_EVENTS = new Set([
  'Product List Viewed',
  'Experiment Viewed',
  'Action Shown',
  'Dashboard Viewed',
  'Widgets Reordered',
  'Preferences Updated',
  'Tour Started',
  'Tour Completed',
]);
export const pageOwn = (eventLabel: string | null) => !WIDGET_EVENTS.has(eventLabel ?? '');

/** How many rows each messageId has (0 when not stored): "stored exactly once" is a 1 for each. */
export const rowsPerMessageId = (messageIds: readonly string[]): Record<string, number> => {
  const counts = Object.fromEntries(messageIds.map((id) => [id, 0]));
  const found = query<{ message_id: string; n: number }>(
    `SELECT message_id, count(*) AS n FROM events WHERE message_id IN (${messageIds.map(() => '?').join(', ')}) GROUP BY message_id`,
    ...messageIds,
  );
  for (const row of found) counts[row.message_id] = row.n;
  return counts;
};

/** The stored type, event and user of one message. */
export const storedMessage = (messageId: string) =>
  query<{ type: string; event: string | null; name: string | null; user_id: string | null }>(
    'SELECT type, event, name, user_id FROM events WHERE message_id = ?',
    messageId,
  )[0];

/** What the partner page's own calls store for: open, add two dishes, order, go to "Über uns". */
export const PARTNER_FLOW = [
  'Session Started',
  'page:Beirut Kitchen',
  'Product Added',
  'Product Added',
  'Order Completed',
  'page:About',
];

/** The tracked events of an anonymous id with their properties, oldest first. */
export const trackedOf = (anonymousId: string) =>
  query<{ event: string; payload: string }>(
    "SELECT event, payload FROM events WHERE anonymous_id = ? AND type = 'track' ORDER BY timestamp, rowid",
    anonymousId,
  ).map((row) => ({
    event: row.event,
    properties: (JSON.parse(row.payload) as { properties?: Record<string, unknown> }).properties ?? {},
  }));
