/**
 * The client's public shape. Kept apart from `client.ts` (the implementation) so that options, plugins and the
 * loader can name these types without importing the implementation, and no module imports back into it.
 */
import type { ConsentCategoryId, JsonObject } from '@matbakh/contract';
import type { ConsentChoices, ConsentState, ConsentStatus } from './consent/index.ts';
import type { Middleware } from './tracking/middleware.ts';
import type { DeliveryStats } from './transport/stats.ts';

/** When the call was made; the pre-load queue replays calls with their original time. */
export interface CallOptions {
  timestamp?: Date | string | number;
}
export interface IdentifyOptions extends CallOptions {
  /** HMAC-SHA256(tenant secret, userId), computed by the host's backend: proves the userId is theirs. */
  userHash?: string;
}
/**
 * `group()`'s options. `groupHash` is the backend's proof that the user belongs to the group (hex
 * HMAC-SHA256(tenant secret, `userId + ':' + groupId`)); plugins see it (insights), the tracked message never does.
 */
export interface GroupOptions extends CallOptions {
  groupHash?: string;
}

export interface ClientStats extends DeliveryStats {
  /** Waiting for delivery (persisted when consent allows). */
  queued: number;
  /** Waiting in memory for the visitor's consent decision. */
  awaitingConsent: number;
  /** Internal errors caught instead of thrown into the page. */
  errors: number;
}

/** `client.consent` of the core; the privacy plugin extends it (see `ConsentControls`). */
export interface ClientConsent {
  get(): ConsentState;
  set(choices: ConsentChoices): void;
  status(category: ConsentCategoryId): ConsentStatus;
  onChange(listener: (state: ConsentState) => void): () => void;
}

export interface Client {
  readonly version: string;
  track(event: string, properties?: JsonObject, options?: CallOptions): void;
  /** Segment's forms: page(), page(name), page(category, name), each optionally with properties. */
  page(...args: (string | JsonObject | CallOptions | undefined)[]): void;
  identify(userId: string | null, traits?: JsonObject, options?: IdentifyOptions): void;
  group(groupId: string, traits?: JsonObject, options?: GroupOptions): void;
  alias(userId: string, previousId?: string, options?: CallOptions): void;
  /** Forgets the user: new anonymous id, new session, stored identity removed. */
  reset(): void;
  consent: ClientConsent;
  use(middleware: Middleware): void;
  /** Sends what waits now (consent permitting). */
  flush(): Promise<void>;
  user(): { anonymousId: string; userId?: string };
  stats(): ClientStats;
  /** Removes the page listeners; the client sends nothing more. */
  destroy(): void;
}
