/**
 * Adds a recording `track` to a fake client (tests and stories): what a widget reports through `client.track`
 * lands in `tracked`, in order. The real client's consent gate and delivery are the SDK's own tests' business.
 *
 * ```ts
 * const client = withTracking(createFakeTourClient());
 * client.tracked; // [['Tour Started', { tour_id: 'guest-welcome', … }]]
 * ```
 */
export type Tracked = [event: string, properties: Record<string, unknown> | undefined];

export function withTracking<C extends object>(
  client: C,
): C & { tracked: Tracked[]; track(event: string, properties?: Record<string, unknown>): void } {
  const tracked: Tracked[] = [];
  return Object.assign(client, {
    tracked,
    track(event: string, properties?: Record<string, unknown>) {
      tracked.push([event, structuredClone(properties)]);
    },
  });
}
