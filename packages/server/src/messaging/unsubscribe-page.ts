/**
 * The small page an unsubscribe link shows when opened in a browser (`GET /v1/unsubscribe`): a question and one
 * button that sends the RFC 8058 POST. Opening the link changes nothing — mail scanners follow every link in a
 * message, and a GET that unsubscribed would unsubscribe people who never clicked. In the browser's language.
 */
import type { ChannelId, Locale, NotificationTopic } from '@matbakh/contract';
import { escapeHtml, fillHtml, localeDir, topicLabel } from './channels/email-template.ts';

interface PageTexts {
  title: string;
  /** `{topic}`, `{channel}`, `{tenant}`. */
  question: string;
  button: string;
  done: string;
  channels: Record<ChannelId, string>;
}

const TEXTS: Record<Locale, PageTexts> = {
  de: {
    title: 'Abmelden',
    question: 'Keine Nachrichten zu „{topic}“ per {channel} mehr von {tenant}?',
    button: 'Abmelden',
    done: 'Erledigt: Sie erhalten von {tenant} keine Nachrichten zu „{topic}“ per {channel} mehr.',
    channels: { email: 'E-Mail', whatsapp: 'WhatsApp', push: 'Push', in_app: 'In-App' },
  },
  en: {
    title: 'Unsubscribe',
    question: 'Stop “{topic}” messages by {channel} from {tenant}?',
    button: 'Unsubscribe',
    done: 'Done: {tenant} will send you no more “{topic}” messages by {channel}.',
    channels: { email: 'e-mail', whatsapp: 'WhatsApp', push: 'push', in_app: 'in-app' },
  },
  ar: {
    title: 'إلغاء الاشتراك',
    question: 'إيقاف رسائل «{topic}» عبر {channel} من {tenant}؟',
    button: 'إلغاء الاشتراك',
    done: 'تم: لن تصلك رسائل «{topic}» عبر {channel} من {tenant} بعد الآن.',
    channels: { email: 'البريد الإلكتروني', whatsapp: 'واتساب', push: 'الإشعارات', in_app: 'التطبيق' },
  },
};

export interface PageInput {
  locale: Locale;
  tenantName: string;
  channel: ChannelId;
  topic: NotificationTopic;
}

function page(locale: Locale, heading: string, content: string): string {
  return `<!doctype html>
<html lang="${locale}" dir="${localeDir(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${heading}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:1px solid #1f5f8b;background:#1f5f8b;color:#fff;cursor:pointer}button:focus-visible{outline:3px solid #f0a000;outline-offset:2px}</style></head>
<body><main><h1>${heading}</h1>
${content}
</main></body>
</html>
`;
}

const values = (texts: PageTexts, input: PageInput) => ({
  topic: topicLabel(input.locale, input.topic),
  channel: texts.channels[input.channel],
  tenant: input.tenantName,
});

/** The confirmation form: posts `List-Unsubscribe=One-Click` to the same URL (token included). */
export function confirmPage(input: PageInput, action: string): string {
  const texts = TEXTS[input.locale] ?? TEXTS.de;
  return page(
    input.locale,
    escapeHtml(texts.title),
    `<p>${fillHtml(texts.question, values(texts, input))}</p>
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${escapeHtml(texts.button)}</button></form>`,
  );
}

/** What the button's POST answers a browser with. */
export function donePage(input: PageInput): string {
  const texts = TEXTS[input.locale] ?? TEXTS.de;
  return page(
    input.locale,
    escapeHtml(texts.title),
    `<p role="status">${fillHtml(texts.done, values(texts, input))}</p>`,
  );
}
