/**
 * A real SMTP server on loopback (the `smtp-server` package) for the e-mail tests and the SMTP bench: it accepts
 * every message, except that a recipient's local part can ask for a refusal (`reply-452@…` answers 452, `reply-550@…`
 * 550), and keeps the raw messages so a test can parse what arrived with mailparser.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface SmtpSink {
  port: number;
  /** Raw RFC 5322 messages in arrival order (unless `keep` is false). */
  messages: Buffer[];
  /** Messages accepted so far, kept or not. */
  count(): number;
  /** Resolves once `n` messages have been accepted. */
  received(n: number): Promise<void>;
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** Keep the raw messages in `messages` (default true; the bench turns it off). */
  keep?: boolean;
  /** Hears each message as it is accepted (the e2e setup writes them where the specs read them). */
  onMessage?: (raw: Buffer) => void;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const keep = options.keep ?? true;
  const messages: Buffer[] = [];
  let accepted = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // The bench's pooled connections send many messages each.
    maxClients: 100,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const asked = /^reply-(\d{3})@/.exec(address.address)?.[1];
      if (asked === undefined) return callback();
      const error = new Error(`refused as asked (${asked})`) as Error & { responseCode: number };
      error.responseCode = Number(asked);
      return callback(error);
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      const collect = keep || options.onMessage !== undefined;
      stream.on('data', (chunk: Buffer) => {
        if (collect) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (collect) {
          const raw = Buffer.concat(chunks);
          if (keep) messages.push(raw);
          options.onMessage?.(raw);
        }
        accepted++;
        for (const waiter of waiters.filter((w) => accepted >= w.n)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    messages,
    count: () => accepted,
    received: (n) =>
      accepted >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve: () => resolve() })),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
