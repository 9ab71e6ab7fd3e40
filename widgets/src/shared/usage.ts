import { isObject, type KpiEventName } from '@matbakh/contract';

/** What a usage event carries: flat JSON values only (ids and counts, never personal data). */
export type UsageProperties = Record<string, string | number | boolean | string[]>;

/**
 * Tells the client that the visitor used a feature (the KPI report's adoption and tour numbers,
 * `KPI_EVENTS`), through the client's own `track`: the consent gate, batching and the page's middleware apply
 * as to every other event. A client without `track` (a partner's narrow implementation) is left alone, and a
 * throwing one never breaks the widget that reports.
 */
export function trackUsage(client: unknown, event: KpiEventName, properties: UsageProperties): void {
  const track = isObject(client) ? client.track : undefined;
  if (typeof track !== 'function') return;
  try {
    track.call(client, event, properties);
  } catch (error) {
    console.warn(`[matbakh] could not track "${event}":`, error);
  }
}
