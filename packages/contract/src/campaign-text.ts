/**
 * A campaign's texts: `{field}` placeholders filled from the recipient's personalization fields, as plain text.
 * One implementation for the admin preview, the test-send and the dispatcher, so what an admin previews is what
 * a recipient gets. Nothing from data becomes markup: the result is text for `textContent`, a push payload or a
 * text/plain part, and the HTML e-mail template escapes it like any other text.
 */

/** The placeholders a campaign's title and body may use. */
export const MESSAGE_FIELDS = ['firstName', 'restaurant', 'dish', 'city', 'orders', 'daysSinceLastOrder'] as const;
export type MessageField = (typeof MESSAGE_FIELDS)[number];
export type MessageFields = Partial<Record<MessageField, string | number>>;

/** `{name}`: letters, digits and `_`, starting with a letter. */
export const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** The placeholder names a text uses, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] as string))];
}

/** A field's value as one line of text: control characters (line breaks too) become spaces, at most 100 characters. */
function fieldText(value: string | number): string {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 100);
}

/**
 * Fills each known `{field}` from `fields`; a field the recipient lacks becomes `fallback` (default: empty), and
 * doubled spaces from an empty field collapse. Unknown placeholders are left as written (validation refuses them).
 */
export function renderMessageText(template: string, fields: MessageFields, fallback = ''): string {
  const filled = template.replace(PLACEHOLDER, (whole, name: string) => {
    if (!(MESSAGE_FIELDS as readonly string[]).includes(name)) return whole;
    const value = fields[name as MessageField];
    return value === undefined ? fallback : fieldText(value);
  });
  return filled
    .replace(/ {2,}/g, ' ')
    .replace(/ ([,.!?;:،؟])/g, '$1')
    .trim();
}
