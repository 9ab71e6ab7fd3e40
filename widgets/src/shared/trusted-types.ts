/**
 * Pages with `require-trusted-types-for 'script'` in their CSP refuse plain strings in script sinks such as
 * `script.src`. Our only such sink is loading our own widget files (lazy.ts): they go through a policy named
 * `matbakh` that vouches for exactly the URLs we registered, and for nothing else. Without Trusted Types (or
 * when the page's `trusted-types` directive does not allow our policy name) the URL is used as it is.
 */
interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}

const ours = new Set<string>();
let policy: ScriptUrlPolicy | null | undefined;

function createPolicy(): ScriptUrlPolicy | null {
  const factory = (globalThis as { trustedTypes?: { createPolicy(name: string, rules: object): ScriptUrlPolicy } })
    .trustedTypes;
  if (!factory) return null;
  try {
    return factory.createPolicy('matbakh', {
      createScriptURL: (url: string) => {
        if (ours.has(url)) return url;
        throw new TypeError(`matbakh: ${url} is not one of our files`);
      },
    });
  } catch {
    // Another copy of matbakh made the policy first, or the page allows only other policy names.
    return null;
  }
}

/** `url` (one of our own files) in the form `script.src` accepts on this page. */
export function ownScriptUrl(url: string): string {
  ours.add(url);
  policy ??= createPolicy();
  return (policy ? policy.createScriptURL(url) : url) as string;
}
