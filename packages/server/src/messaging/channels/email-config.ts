/**
 * The e-mail channel's settings from the environment, read like config.ts: a typo stops the start with the variable
 * named, never a silent fallback. No SMTP variable at all: the channel is off (nobody is reachable by e-mail).
 *
 * - `MB_SMTP_URL`: `smtp://user:pass@host:587` or `smtps://…:465` (credentials URL-encoded), or else
 * - `MB_SMTP_HOST`, `MB_SMTP_PORT` (default 587, 465 with `MB_SMTP_SECURE`), `MB_SMTP_USER` + `MB_SMTP_PASS`,
 *   `MB_SMTP_SECURE` (TLS from the first byte; otherwise STARTTLS when the server offers it);
 * - `MB_MAIL_FROM`: the sender, `Name <address>` or an address (required when SMTP is set);
 * - `MB_SMTP_POOL`: connections kept open to the server (default 5).
 */
import { type Env, httpUrl, trimmed, withoutTrailingSlash } from './env.ts';

export interface MailConfig {
  host: string;
  port: number;
  /** TLS from the first byte (`smtps`, usually 465); otherwise STARTTLS when offered. */
  secure: boolean;
  auth?: { user: string; pass: string };
  from: string;
  /** Pooled connections to the SMTP server, reused across sends. */
  maxConnections: number;
}

function port(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) {
    throw new Error(`${name} must be a port number (1–65535), got "${raw}"`);
  }
  return Number(raw);
}

function secureFlag(env: Env): boolean {
  const raw = trimmed(env, 'MB_SMTP_SECURE')?.toLowerCase();
  if (raw === undefined || ['0', 'false', 'no', 'off'].includes(raw)) return false;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  throw new Error(`MB_SMTP_SECURE must be one of 1/0, true/false, yes/no, on/off; got "${raw}"`);
}

// A bare address or `Display Name <address>`: enough to catch a forgotten or mistyped sender at start.
const FROM = /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/;

function fromUrl(raw: string): Omit<MailConfig, 'from' | 'maxConnections'> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('MB_SMTP_URL must be a URL such as smtp://user:pass@host:587 or smtps://host:465');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`MB_SMTP_URL must start with smtp:// or smtps://, got "${url.protocol}//"`);
  }
  if (url.hostname === '') throw new Error('MB_SMTP_URL has no host');
  const secure = url.protocol === 'smtps:';
  const user = decodeURIComponent(url.username);
  return {
    host: url.hostname,
    port: port(url.port || undefined, 'MB_SMTP_URL (port)', secure ? 465 : 587),
    secure,
    ...(user === '' ? {} : { auth: { user, pass: decodeURIComponent(url.password) } }),
  };
}

function fromParts(env: Env, host: string): Omit<MailConfig, 'from' | 'maxConnections'> {
  const secure = secureFlag(env);
  const user = trimmed(env, 'MB_SMTP_USER');
  const pass = env.MB_SMTP_PASS;
  if (user !== undefined && (pass === undefined || pass === '')) {
    throw new Error('MB_SMTP_PASS must be set when MB_SMTP_USER is');
  }
  if (user === undefined && pass !== undefined && pass !== '') {
    throw new Error('MB_SMTP_USER must be set when MB_SMTP_PASS is');
  }
  return {
    host,
    port: port(trimmed(env, 'MB_SMTP_PORT'), 'MB_SMTP_PORT', secure ? 465 : 587),
    secure,
    ...(user === undefined ? {} : { auth: { user, pass: pass! } }),
  };
}

/** `undefined`: no SMTP configured, the e-mail channel is off. */
export function loadMailConfig(env: Env): MailConfig | undefined {
  const url = trimmed(env, 'MB_SMTP_URL');
  const host = trimmed(env, 'MB_SMTP_HOST');
  if (url === undefined && host === undefined) return undefined;
  if (url !== undefined && host !== undefined) throw new Error('set MB_SMTP_URL or MB_SMTP_HOST, not both');
  const server = url === undefined ? fromParts(env, host!) : fromUrl(url);
  const from = trimmed(env, 'MB_MAIL_FROM');
  if (from === undefined) throw new Error('MB_MAIL_FROM must be set when SMTP is configured (the sender address)');
  if (!FROM.test(from)) throw new Error(`MB_MAIL_FROM must be an address or "Name <address>", got "${from}"`);
  const pool = trimmed(env, 'MB_SMTP_POOL');
  if (pool !== undefined && (!/^\d{1,3}$/.test(pool) || Number(pool) < 1 || Number(pool) > 100)) {
    throw new Error(`MB_SMTP_POOL must be a whole number between 1 and 100, got "${pool}"`);
  }
  return { ...server, from, maxConnections: pool === undefined ? 5 : Number(pool) };
}

/**
 * Where links in messages point (`MB_PUBLIC_URL`, e.g. `https://api.example.com`): the unsubscribe link must reach
 * this server from a mail client. Default: the address the server listens on (`HOST`/`PORT`), right for the demo.
 */
export function publicBaseUrl(env: Env): string {
  const raw = trimmed(env, 'MB_PUBLIC_URL');
  if (raw === undefined) {
    const host = trimmed(env, 'HOST') ?? '127.0.0.1';
    const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    return `http://${shown}:${trimmed(env, 'PORT') ?? '8787'}`;
  }
  const url = httpUrl('MB_PUBLIC_URL', raw);
  if (url.search !== '' || url.hash !== '') throw new Error('MB_PUBLIC_URL must not carry a query or fragment');
  return withoutTrailingSlash(url);
}
