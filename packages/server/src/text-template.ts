/**
 * `{name}` placeholders in the server's own texts (the owner catalogs in insights-texts.ts, churn/texts.ts,
 * forecast/texts.ts) and in message templates (messaging/channels/email-template.ts): one rule for all of them.
 */
import type { Locale } from '@matbakh/contract';

/**
 * `{name}` → `params.name`, in one pass: a value that itself contains `{…}` is never filled again, and a placeholder
 * without an own value (also `{constructor}`, `{toString}`) stays as written.
 */
export function fillPlaceholders(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** A catalog's lookup: the text of `key` in `locale`, its placeholders filled. */
export function catalogText<Key extends string>(catalog: Readonly<Record<Locale, Readonly<Record<Key, string>>>>) {
  return (locale: Locale, key: Key, params: Readonly<Record<string, string | number>> = {}): string =>
    fillPlaceholders(catalog[locale][key], params);
}
