/** Which pages may use a tenant's write key: origin patterns, normalised and matched. */
// scheme://host[:port|:*], no path: that is exactly what browsers put in the Origin header.
const ORIGIN_PATTERN = /^([a-z][a-z0-9+.-]*):\/\/([^/:?#\s@]+)(?::(\d{1,5}|\*))?\/?$/i;

/** Lower-cases scheme and host and drops a trailing slash so stored patterns compare with Origin headers as-is. */
export function normalizeOrigin(origin: string): string {
  const trimmed = origin.trim();
  if (trimmed === '*') return trimmed;
  const match = ORIGIN_PATTERN.exec(trimmed);
  if (!match) throw new Error(`invalid origin "${origin}": expected "*" or scheme://host[:port|:*]`);
  const [, scheme, host, port] = match;
  return `${scheme!.toLowerCase()}://${host!.toLowerCase()}${port === undefined ? '' : `:${port}`}`;
}

/**
 * Exact match, `*` for any origin, or `scheme://host:*` for any port of that host (dev servers pick ports freely).
 * The `:` after the host is required, so `http://localhost:*` never matches `http://localhost.evil.test`.
 */
export function isOriginAllowed(allowed: readonly string[], origin: string): boolean {
  const candidate = origin.toLowerCase();
  return allowed.some((pattern) => {
    if (pattern === '*') return true;
    if (pattern.endsWith(':*')) {
      const base = pattern.slice(0, -2);
      if (candidate === base) return true;
      return candidate.startsWith(`${base}:`) && /^\d{1,5}$/.test(candidate.slice(base.length + 1));
    }
    return candidate === pattern;
  });
}
