/**
 * When publishing asks visitors again. A visitor's decision covers what they were asked about: which categories
 * exist (and which is required), which services use each, which cookies and storage keys those set, which
 * channels can be opted into, and how Consent Mode maps onto them. A change to any of those makes the old
 * decision cover something else, so the policy version is bumped and the SDK asks again. Wording (titles,
 * descriptions, purposes, banner texts), the privacy-policy link, the re-ask period and the banner layout are
 * presentation: the same decision still holds. When new wording changes the substance (a purpose described
 * differently in law, not in style), the admin publishes with `reask: true`.
 */
import type { ConsentPolicySettings } from '@matbakh/contract';

/** What a visitor's decision is about, in a form that compares with `===`. */
export function consentSubstance(policy: ConsentPolicySettings): string {
  const sorted = (list: readonly string[]) => [...list].sort();
  return JSON.stringify({
    categories: policy.categories
      .map((c) => ({
        id: c.id,
        required: c.required,
        services: sorted(c.services.map((s) => s.id)),
        storageKeys: sorted(c.storageKeys),
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    channels: sorted(policy.channels.map((c) => c.id)),
    consentMode: Object.entries(policy.consentMode ?? {})
      .map(([type, ids]) => [type, sorted(ids)] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  });
}

/**
 * The policy version a new published configuration gets: the current one when the substance is unchanged (and no
 * re-ask was asked for), else one above the highest the tenant ever published, so a number is never reused.
 */
export function nextPolicyVersion(options: {
  current: { policy: ConsentPolicySettings; policyVersion: number } | undefined;
  next: ConsentPolicySettings;
  highest: number;
  reask: boolean;
}): number {
  const { current, next, highest, reask } = options;
  if (!current) return Math.max(1, highest);
  if (!reask && consentSubstance(current.policy) === consentSubstance(next)) return current.policyVersion;
  return Math.max(highest, current.policyVersion) + 1;
}
