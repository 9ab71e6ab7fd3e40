/**
 * `matbakh-sw.js`: the service worker a partner hosts at its own origin (a worker controls and receives pushes
 * only for pages of its origin and path). Built by `vite build --mode iife-sw`; the SDK registers it as
 * `/matbakh-sw.js?api=<API>&writeKey=<key>` so the click beacon knows where to go.
 */
import { clickNotification, showPush, type WorkerScopeLike } from './service-worker-logic.ts';

interface ExtendableEventLike extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface PushEventLike extends ExtendableEventLike {
  data: { text(): string } | null;
}
interface NotificationEventLike extends ExtendableEventLike {
  notification: { data: unknown; close(): void };
}

type ServiceWorkerScope = WorkerScopeLike &
  EventTarget & { skipWaiting(): Promise<void>; clients: { claim(): Promise<void> } };
// The SDK is typed against the DOM, where `self` is a Window; in this file it is the ServiceWorkerGlobalScope.
const scope = self as object as ServiceWorkerScope;
const worker: WorkerScopeLike = {
  location: scope.location,
  registration: scope.registration,
  clients: scope.clients,
  fetch: (url, init) => fetch(url, init),
};

// A new version takes over at once: the logic is stateless, nothing is lost by replacing a running worker.
scope.addEventListener('install', () => void scope.skipWaiting());
scope.addEventListener('activate', (event) => (event as ExtendableEventLike).waitUntil(scope.clients.claim()));
scope.addEventListener('push', (event) => {
  const push = event as PushEventLike;
  push.waitUntil(showPush(worker, push.data?.text()));
});
scope.addEventListener('notificationclick', (event) => {
  const click = event as NotificationEventLike;
  click.waitUntil(clickNotification(worker, click.notification));
});
