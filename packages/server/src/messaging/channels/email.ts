/**
 * The e-mail channel: nodemailer over SMTP, one pooled transport per process reused across sends (a connection per
 * message would cost a TCP + TLS + AUTH round trip each). A message is multipart text + HTML from the locale's
 * template, with the RFC 8058 one-click unsubscribe headers. The dispatcher has checked consent, preferences, quiet
 * hours and caps; this adapter only finds the address and delivers.
 *
 * Outcomes: an SMTP reply 4xx or a connection failure is transient (the queue retries with backoff); a 5xx reply is
 * permanent (dead-lettered with the server's reason).
 */
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { ChannelAdapter, OutgoingMessage, SendOutcome } from '../channel.ts';
import { readContact } from '../contacts.ts';
import { allowsOpenTracking, newestLedgerRow } from '../send-checks.ts';
import { openPixelUrl, trackedLink } from '../tracking.ts';
import { unsubscribeUrl } from '../unsubscribe.ts';
import { loadMailConfig, type MailConfig, publicBaseUrl } from './email-config.ts';
import { renderEmail } from './email-template.ts';

export interface EmailSettings {
  mail: MailConfig;
  /** Base of the unsubscribe link (`MB_PUBLIC_URL`). */
  publicUrl: string;
}

export interface EmailChannel extends ChannelAdapter {
  /** Closes the pooled connections (server shutdown, tests). The next send opens a new pool. */
  close(): void;
}

// Node's and nodemailer's names for a connection that failed or dropped: worth another try later.
const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ETLS',
]);

/** An SMTP failure as a send outcome: 4xx and connection trouble retry, 5xx does not. */
export function classifySmtpError(error: unknown): Extract<SendOutcome, { ok: false }> {
  const { responseCode, code, response, message } = (error ?? {}) as {
    responseCode?: number;
    code?: string;
    response?: string;
    message?: string;
  };
  const reason = (response ?? message ?? String(error)).slice(0, 500);
  if (typeof responseCode === 'number' && responseCode >= 400 && responseCode < 500) {
    return { ok: false, retry: true, reason: `smtp ${responseCode}: ${reason}` };
  }
  if (typeof responseCode === 'number' && responseCode >= 500) {
    return { ok: false, retry: false, reason: `smtp ${responseCode}: ${reason}` };
  }
  // No reply code: the server never answered (connection), or nodemailer refused the message itself.
  if (code !== undefined && CONNECTION_CODES.has(code)) return { ok: false, retry: true, reason: `${code}: ${reason}` };
  if (code === 'EENVELOPE' || code === 'EMESSAGE') return { ok: false, retry: false, reason: `${code}: ${reason}` };
  return { ok: false, retry: true, reason };
}

const domainOf = (from: string) => /@([^\s<>@]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';

function pooledTransport(mail: MailConfig): Transporter<SMTPPool.SentMessageInfo, SMTPPool.Options> {
  return createTransport({
    pool: true,
    host: mail.host,
    port: mail.port,
    secure: mail.secure,
    ...(mail.auth ? { auth: mail.auth } : {}),
    maxConnections: mail.maxConnections,
    // A pooled connection is replaced after this many messages: long enough to amortise the handshake.
    maxMessages: 1000,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}

/**
 * An e-mail adapter reading its settings on first use (`undefined`: no SMTP configured, so nobody is reachable and
 * a send is refused for good). Tests pass fixed settings; the registry's instance reads the environment.
 */
export function createEmailChannel(settings: () => EmailSettings | undefined): EmailChannel {
  let loaded: { settings: EmailSettings | undefined } | undefined;
  let transport: Transporter<SMTPPool.SentMessageInfo, SMTPPool.Options> | undefined;
  const current = () => {
    loaded ??= { settings: settings() };
    return loaded.settings;
  };

  return {
    id: 'email',
    async reachable(db, tenantId, recipient, known) {
      if (current() === undefined) return false;
      const contact = known ? known.contact : await readContact(db, tenantId, recipient);
      return contact?.email !== undefined;
    },
    async send(db, message: OutgoingMessage): Promise<SendOutcome> {
      const config = current();
      if (config === undefined) {
        return { ok: false, retry: false, reason: 'e-mail is not configured (MB_SMTP_URL or MB_SMTP_HOST)' };
      }
      const { tenant, recipient, topic } = message;
      const to = (message.known ? message.known.contact : await readContact(db, tenant.id, recipient))?.email;
      if (to === undefined) return { ok: false, retry: false, reason: 'the recipient has no e-mail address' };

      const unsubscribe = unsubscribeUrl(config.publicUrl, { tenantId: tenant.id, recipient, channel: 'email', topic });
      const { deliveryId } = message;
      const link = message.url ? trackedLink(config.publicUrl, tenant, deliveryId, message.url) : undefined;
      // The open pixel only with the consent it needs (send-checks.ts `allowsOpenTracking`); without it, none.
      const openTracking = message.known
        ? message.known.openTracking
        : allowsOpenTracking((await newestLedgerRow(db, tenant.id, recipient))?.choices);
      const rendered = renderEmail({
        locale: message.locale,
        topic,
        tenantName: tenant.name,
        title: message.title,
        body: message.body,
        ...(link ? { url: link } : {}),
        unsubscribeUrl: unsubscribe,
        ...(openTracking ? { pixelUrl: openPixelUrl(config.publicUrl, tenant, deliveryId) } : {}),
      });
      transport ??= pooledTransport(config.mail);
      try {
        const info = await transport.sendMail({
          from: config.mail.from,
          to,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          // One Message-ID per delivery: a retry after a lost reply is the same message to the receiving side.
          messageId: `<delivery-${message.deliveryId}.${tenant.id}@${domainOf(config.mail.from)}>`,
          headers: {
            'List-Unsubscribe': `<${unsubscribe}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        });
        return { ok: true, providerId: info.messageId };
      } catch (error) {
        return classifySmtpError(error);
      }
    },
    close() {
      transport?.close();
      transport = undefined;
    },
  };
}

/** The registry's e-mail channel: SMTP and the public URL from the environment (email-config.ts). */
export const emailChannel: EmailChannel = createEmailChannel(() => {
  const mail = loadMailConfig(process.env);
  return mail === undefined ? undefined : { mail, publicUrl: publicBaseUrl(process.env) };
});
