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
  for (const key of UTM) {
    const value = params.get(`utm_${key}`);
    if (value) campaign[key === 'campaign' ? 'name' : key] = value.slice(0, 200);
  }
  return Object.keys(campaign).length ? campaign : undefined;
}

/**
 * The parts of the context that do not change while the page lives are computed once; the page and
 * campaign parts are read per message because single-page apps change the URL and title. The time zone is
 * added when the message is sent (transport/delivery.ts).
 */
export function createContextSource(): () => MessageContext {
  let fixed: MessageContext | undefined;
  const fixedParts = (ua = navigator.userAgent): MessageContext => ({
    library: { name: LIBRARY_NAME, version: VERSION },
    userAgent: ua,
    device: { type: deviceClass(ua) },
    locale: navigator.language,
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
    fixed ??= fixedParts();
    return { ...fixed, page, campaign };
  };
}
