/**
 * The `{field}` placeholders a campaign's title and body may use. The dispatcher fills them as plain text from the
 * job's fields at send time (server messaging/render.ts, also the admin preview's renderer); a field a recipient
 * lacks becomes empty. `alertTitle`, `alertBody` and `restaurant` come with an owner insight.
 */
export const MESSAGE_FIELDS = [
  'firstName',
  'restaurant',
  'dish',
  'city',
  'orders',
  'daysSinceLastOrder',
  'alertTitle',
  'alertBody',
] as const;
export type MessageField = (typeof MESSAGE_FIELDS)[number];
export type MessageFields = Partial<Record<MessageField, string | number>>;

/** `{name}`: letters, digits and `_`, starting with a letter (as the renderer reads them). */
export const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** The placeholder names a text uses, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] as string))];
}
