/**
 * The one URL sanitiser for everything that reaches the DOM as a link or an image (config, rules, tours,
 * recommendations, the privacy-policy link): only http(s) survives; `javascript:`, `data:`, `vbscript:` and
 * anything unparsable give `undefined`. A page-relative URL is resolved against `base` (in a browser, the page).
 */
export function safeUrl(url: unknown, base: string | undefined = pageUrl()): string | undefined {
  if (typeof url !== 'string' || !url.trim()) return undefined;
  try {
    const parsed = base === undefined ? new URL(url) : new URL(url, base);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** The page's URL in a browser; `undefined` on a server (where a relative URL then has nothing to resolve against). */
function pageUrl(): string | undefined {
  return (globalThis as { location?: { href?: string } }).location?.href;
}
