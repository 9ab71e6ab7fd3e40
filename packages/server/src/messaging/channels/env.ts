/**
 * Reading the channels' settings from the environment (email-config.ts, whatsapp-config.ts), like config.ts: a
 * typo stops the start with the variable named.
 */
/** The environment (config.ts's `Env`; not imported, so config.ts can import the channel configs). */
export type Env = Record<string, string | undefined>;

/** The variable's value without surrounding blanks; `undefined` when unset or blank. */
export const trimmed = (env: Env, name: string): string | undefined => {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
};

/** `raw` (the value of variable `name`) as an absolute http(s) URL, without a trailing slash. */
export function httpUrl(name: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${name} must be an http(s) URL, got "${raw}"`);
  }
  return url;
}

/** The URL's text without trailing slashes (a base other paths are appended to). */
export const withoutTrailingSlash = (url: URL): string => url.href.replace(/\/+$/, '');
