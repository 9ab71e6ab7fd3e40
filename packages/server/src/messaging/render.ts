/**
 * A campaign's content for one recipient: the locale's texts (falling back to `de`, then to any locale present)
 * with `{field}` placeholders filled as plain text from the job's fields. Nothing from data becomes markup: the
 * adapters escape for their medium (e-mail HTML) or show text as text (in-app, push). A link's fields are
 * URL-encoded and the link must survive `safeUrl`, else it is dropped.
 */
import { DEFAULT_LOCALE, type Locale, type MessageContent, safeUrl } from '@matbakh/contract';

export interface RenderedContent {
  locale: Locale;
  title: string;
  body: string;
  url?: string;
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** `{name}` → the field's value; a field the recipient lacks becomes empty text rather than a visible `{name}`. */
export function fillText(template: string, fields: Readonly<Record<string, string>>, encode = false): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = Object.hasOwn(fields, name) ? (fields[name] ?? '') : '';
    return encode ? encodeURIComponent(value) : value;
  });
}

/** The content to use for `locale`: its own, else the default locale's, else the first present. */
export function pickContent(
  content: Partial<Record<Locale, MessageContent>>,
  locale: Locale,
): { locale: Locale; content: MessageContent } | undefined {
  for (const candidate of [locale, DEFAULT_LOCALE]) {
    const found = content[candidate];
    if (found) return { locale: candidate, content: found };
  }
  const [first] = Object.entries(content) as [Locale, MessageContent | undefined][];
  return first?.[1] ? { locale: first[0], content: first[1] } : undefined;
}

export function renderContent(
  content: Partial<Record<Locale, MessageContent>>,
  locale: Locale,
  fields: Readonly<Record<string, string>>,
): RenderedContent | undefined {
  const picked = pickContent(content, locale);
  if (!picked) return undefined;
  const url =
    picked.content.url === undefined ? undefined : safeUrl(fillText(picked.content.url, fields, true), undefined);
  return {
    locale: picked.locale,
    title: fillText(picked.content.title, fields),
    body: fillText(picked.content.body, fields),
    ...(url ? { url } : {}),
  };
}
