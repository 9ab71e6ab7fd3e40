import type {
  ConsentAction,
  ConsentCategoryId,
  ConsentLedgerEntry,
  ConsentLedgerResponse,
  ConsentPolicy,
  ConsentSource,
  JsonObject,
  JsonValue,
  SubjectEvent,
} from '@matbakh/contract';
import type { Locale, MessageParams } from '../shared/i18n.ts';
import { formatDateTime, localized } from '../shared/texts.ts';
import { type CenterMessage, messages } from './privacy-center.messages.ts';

/**
 * "What we know about you" in plain language: server data in, text out (always rendered as text, never as HTML).
 */
export type Say = (key: CenterMessage, params?: MessageParams) => string;

const SOURCES: readonly ConsentSource[] = ['banner', 'center', 'api'];
const ACTIONS: readonly ConsentAction[] = ['accept_all', 'reject_all', 'custom', 'gpc', 'withdraw'];

function time(value: unknown): number {
  const ms = new Date(String(value)).getTime();
  return Number.isNaN(ms) ? 0 : ms;
}

export function newestFirst<T extends { timestamp: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => time(b.timestamp) - time(a.timestamp));
}

export function historyOf(ledger: ConsentLedgerResponse): ConsentLedgerEntry[] {
  const history = Array.isArray(ledger.history) ? ledger.history : [];
  return newestFirst(history.length || !ledger.current ? history : [ledger.current]);
}

const text = (value: JsonValue | undefined): string | undefined =>
  typeof value === 'string' && value.trim() ? value : undefined;

export function pageOf(event: SubjectEvent): string | undefined {
  const context = (event.context ?? {}) as JsonObject;
  const page = context.page && typeof context.page === 'object' && !Array.isArray(context.page) ? context.page : {};
  const properties = (event.properties ?? {}) as JsonObject;
  return text(page.path) ?? text(properties.path) ?? text(page.url) ?? text(properties.url);
}

export function describeEvent(event: SubjectEvent, say: Say): string {
  switch (event.type) {
    case 'track': {
      const name = text(event.event);
      if (!name) return 'track';
      // Spec events ("Order Completed") in the visitor's language; a partner's own event names as they are.
      const key = `center.track.${name.trim().toLowerCase().replace(/\s+/g, '_')}`;
      return Object.hasOwn(messages.de, key) ? say(key as CenterMessage) : name;
    }
    case 'page':
      return say('center.event.page', { name: text(event.name) ?? pageOf(event) ?? '/' });
    case 'identify':
    case 'group':
    case 'alias':
      return say(`center.event.${event.type}`);
    default:
      return String(event.event ?? event.name ?? event.type);
  }
}

export function describeDecision(
  entry: ConsentLedgerEntry,
  policy: ConsentPolicy | undefined,
  locale: Locale,
  say: Say,
): string {
  const source = SOURCES.includes(entry.source) ? entry.source : 'api';
  const action = ACTIONS.includes(entry.action) ? entry.action : 'custom';
  const details = say('center.history.details', {
    version: String(entry.policyVersion),
    source: say(`center.source.${source}`),
  });
  const date = formatDateTime(String(entry.timestamp), locale);
  if (action !== 'custom') return say(`center.history.${action}`, { date, details });
  // In the policy's order, with the policy's titles; ids the policy no longer has are shown as they are.
  const choices = entry.choices ?? {};
  const order = [...(policy?.categories.map((c) => c.id) ?? []), ...Object.keys(choices)];
  const granted = [...new Set(order)]
    .filter((id) => choices[id as ConsentCategoryId] === true && id !== 'necessary')
    .map((id) => {
      const category = policy?.categories.find((c) => c.id === id);
      return category ? localized(category.title, locale) : id;
    });
  const categories = granted.length
    ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(granted)
    : say('center.onlyNecessary');
  return say('center.history.custom', { date, details, categories });
}
