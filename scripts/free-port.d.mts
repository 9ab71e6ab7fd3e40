/** A TCP port nobody listens on right now, on the loopback interface. */
export function freePort(): Promise<number>;
