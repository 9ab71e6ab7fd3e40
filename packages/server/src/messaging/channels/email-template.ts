/**
 * The e-mail's text and HTML parts, per locale (de, en, ar; Arabic right to left). The message's title and body are
 * plain text already filled from the recipient's fields; everything from data — title, body, link, the tenant's
 * name — is HTML-escaped into the HTML part, so data always renders as text, never as markup.
 */
import type { Locale, NotificationTopic } from '@matbakh/contract';
import { fillPlaceholders } from '../../text-template.ts';

interface LocaleTexts {
  dir: 'ltr' | 'rtl';
  open: string;
  /** `{tenant}`, `{topic}`. */
  reason: string;
  /** The footer's link text. */
  unsubscribe: string;
  /** The text part's unsubscribe line, `{topic}` and `{link}`. */
  unsubscribeLine: string;
  topics: Record<NotificationTopic, string>;
}

// Topic names as the preference panel shows them (widgets/src/preference-panel/*.messages.*.ts).
const TEXTS: Record<Locale, LocaleTexts> = {
  de: {
    dir: 'ltr',
    open: 'Öffnen',
    reason: 'Sie erhalten diese E-Mail von {tenant}, weil Sie „{topic}“ per E-Mail erlaubt haben.',
    unsubscribe: 'Keine E-Mails mehr zu diesem Thema',
    unsubscribeLine: 'Keine E-Mails mehr zu „{topic}“: {link}',
    topics: {
      order_status: 'Bestellstatus',
      recommendations: 'Empfehlungen',
      reports: 'Berichte',
      health_alerts: 'Warnungen zum Betrieb',
      promotions: 'Angebote',
      seasonal: 'Saisonales',
    },
  },
  en: {
    dir: 'ltr',
    open: 'Open',
    reason: 'You get this e-mail from {tenant} because you allowed “{topic}” by e-mail.',
    unsubscribe: 'Unsubscribe from this topic',
    unsubscribeLine: 'Unsubscribe from “{topic}” e-mails: {link}',
    topics: {
      order_status: 'Order status',
      recommendations: 'Recommendations',
      reports: 'Reports',
      health_alerts: 'Health alerts',
      promotions: 'Promotions',
      seasonal: 'Seasonal',
    },
  },
  ar: {
    dir: 'rtl',
    open: 'فتح',
    reason: 'تصلك هذه الرسالة من {tenant} لأنك سمحت بـ«{topic}» عبر البريد الإلكتروني.',
    unsubscribe: 'إلغاء الاشتراك في هذا الموضوع',
    unsubscribeLine: 'لإلغاء الاشتراك في رسائل «{topic}»: {link}',
    topics: {
      order_status: 'حالة الطلب',
      recommendations: 'التوصيات',
      reports: 'التقارير',
      health_alerts: 'تنبيهات التشغيل',
      promotions: 'العروض',
      seasonal: 'موسمي',
    },
  },
};

/** A topic's name as the recipient's language has it (the unsubscribe page uses it too). */
export const topicLabel = (locale: Locale, topic: NotificationTopic): string =>
  (TEXTS[locale] ?? TEXTS.de).topics[topic];

export const localeDir = (locale: Locale): 'ltr' | 'rtl' => (TEXTS[locale] ?? TEXTS.de).dir;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text → HTML text or attribute value (quoted with `"`). */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);

export const fillHtml = (template: string, values: Record<string, string>): string =>
  fillPlaceholders(
    escapeHtml(template),
    Object.fromEntries(Object.entries(values).map(([key, value]) => [key, escapeHtml(value)])),
  );

export interface EmailContent {
  locale: Locale;
  topic: NotificationTopic;
  tenantName: string;
  title: string;
  body: string;
  /** Already sanitised (`safeUrl`). */
  url?: string;
  unsubscribeUrl: string;
  /** The open pixel (tracking.ts), only when the recipient's consent allows it; without it, no image at all. */
  pixelUrl?: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** One line: a header must not break (nodemailer encodes it, but a newline in a subject is never meant). */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Paragraphs at blank lines, line breaks within: the plain text's own shape. */
function paragraphs(body: string): string {
  return body
    .trim()
    .split(/\n\s*\n/)
    .map((part) => `<p style="margin:0 0 16px">${part.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('\n');
}

export function renderEmail(content: EmailContent): RenderedEmail {
  const texts = TEXTS[content.locale] ?? TEXTS.de;
  const values = { tenant: content.tenantName, topic: texts.topics[content.topic], link: content.unsubscribeUrl };
  const subject = oneLine(content.title);
  const text = [
    subject,
    '',
    content.body.trim(),
    ...(content.url ? ['', content.url] : []),
    '',
    '-- ',
    fillPlaceholders(texts.reason, values),
    fillPlaceholders(texts.unsubscribeLine, values),
    '',
  ].join('\n');

  const align = texts.dir === 'rtl' ? 'right' : 'left';
  const button = content.url
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.url)}" style="background:#1f5f8b;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(texts.open)}</a></p>`
    : '';
  const html = `<!doctype html>
<html lang="${content.locale}" dir="${texts.dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f6f6;color:#1a1a1a;font-family:system-ui,-apple-system,'Segoe UI',Tahoma,Arial,sans-serif;line-height:1.5">
<div dir="${texts.dir}" style="max-width:560px;margin:0 auto;padding:24px;background:#fff;border-radius:8px;text-align:${align}">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(subject)}</h1>
${paragraphs(content.body)}
${button}
<hr style="border:0;border-top:1px solid #ddd;margin:24px 0 12px">
<p style="font-size:12px;color:#555;margin:0">${fillHtml(texts.reason, values)}<br><a href="${escapeHtml(content.unsubscribeUrl)}" style="color:#555">${escapeHtml(texts.unsubscribe)}</a></p>
</div>
${content.pixelUrl ? `<img src="${escapeHtml(content.pixelUrl)}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px">` : ''}
</body>
</html>
`;
  return { subject, text, html };
}
