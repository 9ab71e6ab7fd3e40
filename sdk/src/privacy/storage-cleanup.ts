/**
 * Clears what the host's scripts of a revoked category left behind: cookies, localStorage and sessionStorage
 * keys named in the category's `storageKeys` (exact names, or prefixes ending in `*`).
 */
const EXPIRED = '=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=';

const matcher = (patterns: readonly string[]) => (name: string) =>
  patterns.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));

/** A cookie is deleted only with the path and domain it was set with: try every one it could have. */
function expireCookie(name: string) {
  const segments = location.pathname.split('/').filter(Boolean);
  const paths = ['/'];
  for (let i = 1; i <= segments.length; i++) {
    const path = `/${segments.slice(0, i).join('/')}`;
    paths.push(path, `${path}/`);
  }
  const labels = location.hostname.split('.');
  const domains = [''];
  for (let i = 0; i < labels.length - 1 || i === 0; i++) domains.push(`; domain=${labels.slice(i).join('.')}`);
  for (const path of paths) {
    for (const domain of domains) {
      // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing in Firefox and Safari < 18.4
      document.cookie = `${name}${EXPIRED}${path}${domain}`;
    }
  }
}

export function clearStorageKeys(patterns: readonly string[]) {
  if (!patterns.length) return;
  const matches = matcher(patterns);
  for (const part of document.cookie.split(';')) {
    const name = part.split('=')[0]!.trim();
    if (name && matches(name)) expireCookie(name);
  }
  for (const kind of ['localStorage', 'sessionStorage'] as const) {
    try {
      const storage = window[kind];
      for (const key of Object.keys(storage)) if (matches(key)) storage.removeItem(key);
    } catch {
      // storage disabled: nothing to clear
    }
  }
}
