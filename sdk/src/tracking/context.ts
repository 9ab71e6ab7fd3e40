import type { DeviceClass, MessageContext } from '@matbakh/contract';
import { LIBRARY_NAME, VERSION } from '../version.ts';

/** Device class from the user agent: enough for "mobile guests order at lunch" without fingerprinting. */
export function deviceClass(userAgent: string): DeviceClass {
  if (/bot|crawl|spider/i.test(userAgent)) return 'bot';
  if (/iPad|Tablet|Android(?!.*Mobi)/i.test(userAgent)) return 'tablet';
  if (/Mobi|iPhone|Android/i.test(userAgent)) return 'mobile';
  return userAgent ? 'desktop' : 'unknown';
}

const UTM = ['source', 'medium', 'campaign', 'term', 'content'] as const;

export function campaignOf(search: string): MessageContext['campaign'] {
  const params = new URLSearchParams(search);
  const campaign: NonNullable<MessageContext['campaign']> = {};
  let found = false;
  for (const key of UTM) {
    const value = params.get(`utm_${key}`);
    if (value) {
      campaign[key === 'campaign' ? 'name' : key] = value.slice(0, 200);
      found = true;
    }
  }
  return found ? campaign : undefined;
}

let zone: string | undefined;
/**
 * The visitor's IANA time zone. Intl's first time-zone lookup loads ICU's zone data: hundreds of ms on a slow
 * phone, so it is never read while a message is made (that runs in the host page's start-up, e.g. the queued
 * `matbakh.page()`), only when a batch goes out ({@link withTimeZone}), off the page's critical path.
 */
export function timeZone(): string | undefined {
  try {
    zone ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    // No Intl time zones here: the server falls back to UTC.
  }
  return zone;
}

/** The message with the visitor's time zone in its context (made before it was read); the same object when it has one. */
export function withTimeZone<M extends { context?: { timezone?: string } }>(message: M): M {
  if (!message.context || message.context.timezone) return message;
  const timezone = timeZone();
  return timezone ? { ...message, context: { ...message.context, timezone } } : message;
}

/**
 * The parts of the context that do not change while the page lives are computed once; the page and
 * campaign parts are read per message because single-page apps change the URL and title. The time zone is
 * added when the message is sent ({@link withTimeZone}).
 */
export function createContextSource(): () => MessageContext {
  let fixed: MessageContext | undefined;
  const fixedParts = (ua = navigator.userAgent): MessageContext => ({
    library: { name: LIBRARY_NAME, version: VERSION },
    userAgent: ua,
    device: { type: deviceClass(ua) },
    locale: navigator.language,
    ...(zone && { timezone: zone }),
    screen: { width: screen.width, height: screen.height, density: devicePixelRatio },
  });
  let lastSearch: string | undefined;
  let campaign: MessageContext['campaign'];
  return () => {
    const { href, pathname, search } = location;
    if (search !== lastSearch) {
      lastSearch = search;
      campaign = campaignOf(search);
    }
    const page = { url: href, path: pathname, search, referrer: document.referrer, title: document.title };
    // Re-made once the time zone is known, so later messages carry it from the start.
    if (!fixed || (zone && !fixed.timezone)) fixed = fixedParts();
    return { ...fixed, page, campaign };
  };
}
