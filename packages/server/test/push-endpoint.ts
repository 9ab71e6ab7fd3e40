/**
 * A stand-in for a browser's push service, for the Web Push tests: a local HTTP server that records what the
 * application server POSTs and answers with the status a test sets, and the browser's half of the crypto — a
 * subscription's key pair and auth secret, the aes128gcm decryption (RFC 8291 over RFC 8188) and the VAPID check
 * (RFC 8292: an ES256 JWT whose `aud` is the endpoint's origin). Written from the RFCs with node:crypto, not with
 * the library under test.
 */
import { createDecipheriv, createECDH, createHmac, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface PushEndpoint {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  received: Received[];
  /** The status the next requests get (default 201). */
  answer(status: number, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

export async function startPushEndpoint(): Promise<PushEndpoint> {
  const received: Received[] = [];
  let status = 201;
  let extra: Record<string, string> = {};
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(status, status === 201 ? { location: `/messages/${received.length}`, ...extra } : extra);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    answer(next, headers = {}) {
      status = next;
      extra = headers;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What a browser keeps for one subscription: its ECDH key pair and the auth secret, and what it hands out. */
export interface BrowserSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  privateKey: Buffer;
}

export function browserSubscription(endpoint: string): BrowserSubscription {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    endpoint,
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
    privateKey: ecdh.getPrivateKey(),
  };
}

const hkdf = (ikm: Buffer, salt: Buffer, info: Buffer, length: number): Buffer =>
  Buffer.from(hkdfSync('sha256', ikm, salt, info, length));

/** RFC 8291 §3.4 + RFC 8188 §2: one aes128gcm message (a single record) decrypted with the subscription's keys. */
export function decryptAes128gcm(body: Buffer, subscription: BrowserSubscription): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const asPublic = body.subarray(21, 21 + idLength);
  const records = body.subarray(21 + idLength);
  if (records.length > recordSize) throw new Error('more than one record: not what a push message is');

  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(subscription.privateKey);
  const uaPublic = Buffer.from(subscription.keys.p256dh, 'base64url');
  const sharedSecret = ecdh.computeSecret(asPublic);
  const authSecret = Buffer.from(subscription.keys.auth, 'base64url');
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]);
  // HKDF-Extract(auth_secret, ecdh_secret), then Expand with key_info || 0x01: the input keying material.
  const prkKey = createHmac('sha256', authSecret).update(sharedSecret).digest();
  const ikm = createHmac('sha256', prkKey)
    .update(Buffer.concat([keyInfo, Buffer.from([1])]))
    .digest();
  const cek = hkdf(ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonce = hkdf(ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12);

  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(records.subarray(records.length - 16));
  const padded = Buffer.concat([decipher.update(records.subarray(0, records.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02 followed by zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('no last-record delimiter (0x02) after the plaintext');
  return padded.subarray(0, end).toString('utf8');
}

export interface VapidClaims {
  aud: string;
  exp: number;
  sub: string;
  /** The `k=` public key of the header (base64url, 65 bytes). */
  publicKey: string;
}

/** Checks `Authorization: vapid t=<JWT>, k=<key>` (RFC 8292 §3): an ES256 JWT signed by `k`; returns its claims. */
export function verifyVapid(authorization: string | undefined): VapidClaims {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(authorization ?? '');
  if (!match) throw new Error(`not a VAPID Authorization header: ${authorization}`);
  const [header, claims, signature] = match[1]!.split('.') as [string, string, string];
  const point = Buffer.from(match[2]!, 'base64url');
  if (point.length !== 65 || point[0] !== 4) throw new Error('k is not an uncompressed P-256 point');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  const ok = verify(
    'sha256',
    Buffer.from(`${header}.${claims}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!ok) throw new Error('the VAPID JWT signature does not verify with k');
  const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
  if (head.alg !== 'ES256') throw new Error(`VAPID JWT alg is ${head.alg}, not ES256`);
  const body = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Omit<VapidClaims, 'publicKey'>;
  return { ...body, publicKey: match[2]! };
}
