/**
 * What `matbakh-sw.js` does, apart from the service worker wiring (service-worker.ts), so it can be tested with a
 * stand-in scope: a push shows the notification (title, body, the link kept in its data); a click closes it,
 * focuses a tab already showing the link or opens one, and tells the API (`POST /v1/messages/<id>/clicked`).
 * Only the shapes used are declared: the SDK is typed against the DOM, not the WebWorker library.
 */
import type { PushPayload } from '@matbakh/contract';
import { safeUrl } from '@matbakh/contract';

interface WindowClientLike {
  url: string;
  focus(): Promise<unknown>;
}

export interface NotificationLike {
  data: unknown;
  close(): void;
}

export interface WorkerScopeLike {
  location: { href: string };
  registration: {
    showNotification(
      title: string,
      options: { body: string; tag?: string; data: unknown; lang?: string },
    ): Promise<void>;
  };
  clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly WindowClientLike[]>;
    openWindow(url: string): Promise<unknown>;
  };
  fetch(url: string, init: RequestInit): Promise<unknown>;
}

interface ShownData {
  url?: string;
  deliveryId: number;
  /** The delivery's beacon proof, as the payload brought it (absent from an older server's payload). */
  token?: string;
}

/** The decrypted push data as the contract's payload, or undefined when it is not one (shown as nothing). */
export function readPayload(text: string | undefined): PushPayload | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<PushPayload>;
    if (typeof value.title !== 'string' || typeof value.body !== 'string') return undefined;
    if (typeof value.deliveryId !== 'number' || !Number.isSafeInteger(value.deliveryId)) return undefined;
    return value as PushPayload;
  } catch {
    return undefined;
  }
}

/** `api` and `writeKey` come from the worker's own URL (`matbakh-sw.js?api=…&writeKey=…`, set by the SDK). */
function beaconUrl(scope: WorkerScopeLike, data: ShownData, event: 'opened' | 'clicked'): string | undefined {
  const params = new URL(scope.location.href).searchParams;
  const api = safeUrl(params.get('api'), scope.location.href);
  const writeKey = params.get('writeKey');
  // Without its token the server refuses the beacon: not worth a request.
  if (!api || !writeKey || !data.token) return undefined;
  const query = `writeKey=${encodeURIComponent(writeKey)}&token=${encodeURIComponent(data.token)}`;
  return `${api.replace(/\/+$/, '')}/v1/messages/${data.deliveryId}/${event}?${query}`;
}

export function showPush(scope: WorkerScopeLike, text: string | undefined): Promise<void> {
  const payload = readPayload(text);
  if (!payload) return Promise.resolve();
  // The link is sanitised here, where it will be opened: only http(s), relative ones against the partner's site.
  const url = safeUrl(payload.url, scope.location.href);
  const token = typeof payload.token === 'string' ? payload.token : undefined;
  const data: ShownData = { deliveryId: payload.deliveryId, ...(token ? { token } : {}), ...(url ? { url } : {}) };
  return scope.registration.showNotification(payload.title, {
    body: payload.body,
    ...(payload.tag ? { tag: payload.tag } : {}),
    data,
  });
}

export async function clickNotification(scope: WorkerScopeLike, notification: NotificationLike): Promise<void> {
  notification.close();
  const data = notification.data as Partial<ShownData> | null;
  const url = safeUrl(data?.url, scope.location.href);
  const beacon = typeof data?.deliveryId === 'number' ? beaconUrl(scope, data as ShownData, 'clicked') : undefined;
  const sent = beacon
    ? scope.fetch(beacon, { method: 'POST', credentials: 'omit', keepalive: true }).catch(() => undefined)
    : undefined;
  if (url) {
    const open = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const tab = open.find((client) => client.url === url);
    await (tab ? tab.focus() : scope.clients.openWindow(url));
  }
  await sent;
}
