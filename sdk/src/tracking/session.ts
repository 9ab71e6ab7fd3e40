/** A visit: ends after 30 minutes without activity or at local midnight, like GA and Segment's sessions. */
export interface Session {
  id: string;
  /** 1 for the visitor's first session, then counting: the visit frequency. */
  index: number;
  start: number;
  last: number;
}

export const SESSION_TIMEOUT_MS = 30 * 60 * 1000;

export interface SessionStep {
  session: Session;
  /** The session that this activity closed, and why. */
  ended?: { session: Session; reason: 'timeout' | 'midnight' };
  started: boolean;
}

const localDay = (ms: number) => new Date(ms).toDateString();

/** Pure: what an activity at `at` does to the current session. */
export function advanceSession(current: Session | undefined, at: number, newId: () => string): SessionStep {
  if (current) {
    const timedOut = at - current.last > SESSION_TIMEOUT_MS;
    const crossedMidnight = localDay(at) !== localDay(current.last);
    if (!timedOut && !crossedMidnight) {
      return { session: { ...current, last: Math.max(current.last, at) }, started: false };
    }
    return {
      session: { id: newId(), index: current.index + 1, start: at, last: at },
      ended: { session: current, reason: timedOut ? 'timeout' : 'midnight' },
      started: true,
    };
  }
  return { session: { id: newId(), index: 1, start: at, last: at }, started: true };
}

/** Stored sessions come back from storage that anyone could have edited: check what the rules rely on. */
export const isSession = (value: unknown): value is Session => {
  const s = value as Session;
  return typeof s?.id === 'string' && s.index > 0 && s.last >= s.start;
};
