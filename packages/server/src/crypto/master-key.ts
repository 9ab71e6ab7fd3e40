/**
 * The server's master key: what keeps secrets the server must be able to read again (a tenant's HMAC secret, and
 * later the per-subject data keys of issue 14 item 7) encrypted at rest. AES-256-GCM from node:crypto.
 *
 * A sealed value names the key that sealed it (`mk1.<keyId>.<iv>.<tag>.<ciphertext>`, base64url parts), so a
 * keyring holding the current key and earlier ones opens old values while new ones use the current key: rotating the
 * master key is re-sealing row by row, without downtime. The caller binds each value to where it is stored with the
 * associated data (`aad`, e.g. `api_keys:<id>`), so a ciphertext copied into another row or tenant does not open.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const FORMAT = 'mk1';

export interface MasterKeyring {
  /** The id of the key new values are sealed with: the first 16 hex digits of SHA-256(key), never the key. */
  readonly currentId: string;
  /** Every key id this ring can open, current first. */
  readonly ids: readonly string[];
  seal(plain: Buffer | string, aad: string): string;
  /** Throws when the value was sealed by a key this ring lacks, was altered, or belongs to another `aad`. */
  open(sealed: string, aad: string): Buffer;
  /** The id of the key a sealed value needs (what a re-seal pass looks for). */
  keyIdOf(sealed: string): string;
}

const keyId = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 16);

/** A ring of raw 32-byte keys; the first seals, all of them open. */
export function createKeyring(keys: readonly Buffer[]): MasterKeyring {
  if (keys.length === 0) throw new Error('a master keyring needs at least one key');
  for (const key of keys) {
    if (key.length !== KEY_BYTES) throw new Error(`a master key is ${KEY_BYTES} bytes, got ${key.length}`);
  }
  const byId = new Map(keys.map((key) => [keyId(key), Buffer.from(key)]));
  const current = keys[0]!;
  const currentId = keyId(current);
  const parts = (sealed: string): string[] => {
    const split = sealed.split('.');
    if (split.length !== 5 || split[0] !== FORMAT)
      throw new Error('not a sealed value (mk1.<keyId>.<iv>.<tag>.<data>)');
    return split;
  };
  return {
    currentId,
    ids: [...byId.keys()],
    seal(plain, aad) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const data = Buffer.concat([
        cipher.update(typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain),
        cipher.final(),
      ]);
      const b64 = (b: Buffer) => b.toString('base64url');
      return [FORMAT, currentId, b64(iv), b64(cipher.getAuthTag()), b64(data)].join('.');
    },
    open(sealed, aad) {
      const [, id, iv, tag, data] = parts(sealed);
      const key = byId.get(id!);
      if (!key) throw new Error(`sealed with master key ${id}, which this server does not hold`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv!, 'base64url'));
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag!, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data!, 'base64url')), decipher.final()]);
    },
    keyIdOf: (sealed) => parts(sealed)[1]!,
  };
}

/** base64 (or base64url) of exactly 32 bytes; `name` is what an error message calls the value. */
export function parseMasterKey(text: string, name: string): Buffer {
  const trimmed = text.trim();
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
  if (key.length !== KEY_BYTES) {
    throw new Error(`${name} must be base64 of ${KEY_BYTES} random bytes (e.g. \`openssl rand -base64 32\`)`);
  }
  return key;
}

export const newMasterKey = (): string => randomBytes(KEY_BYTES).toString('base64');

export interface MasterKeySource {
  keyring: MasterKeyring;
  /** Where the current key came from (never the key): for the start-up log. */
  from: 'env' | 'file' | 'generated';
  file?: string;
}

export interface LoadOptions {
  /** The key file used when neither variable is set: read if present, created when `generate` allows. */
  defaultFile: string;
  /** Demo mode only: create `defaultFile` with a new key when there is none. */
  generate: boolean;
}

/**
 * `MATBAKH_MASTER_KEY` (base64, 32 bytes) or `MATBAKH_MASTER_KEY_FILE` (a file holding that), else `defaultFile`.
 * `MATBAKH_MASTER_KEY_PREVIOUS` (comma-separated) adds keys that still open values sealed before a rotation.
 */
export function loadMasterKey(env: Record<string, string | undefined>, options: LoadOptions): MasterKeySource {
  const previous = (env.MATBAKH_MASTER_KEY_PREVIOUS ?? '')
    .split(',')
    .filter((part) => part.trim() !== '')
    .map((part) => parseMasterKey(part, 'MATBAKH_MASTER_KEY_PREVIOUS'));
  const ring = (key: Buffer) => createKeyring([key, ...previous]);
  const inline = env.MATBAKH_MASTER_KEY?.trim();
  if (inline) return { keyring: ring(parseMasterKey(inline, 'MATBAKH_MASTER_KEY')), from: 'env' };
  const file = env.MATBAKH_MASTER_KEY_FILE?.trim() || options.defaultFile;
  if (existsSync(file)) {
    return {
      keyring: ring(parseMasterKey(readFileSync(file, 'utf8'), `the master key file ${file}`)),
      from: 'file',
      file,
    };
  }
  if (!options.generate || env.MATBAKH_MASTER_KEY_FILE?.trim()) {
    throw new Error(
      `MATBAKH_MASTER_KEY is not set and there is no key file at ${file}: set MATBAKH_MASTER_KEY to base64 of 32 random bytes (openssl rand -base64 32) or MATBAKH_MASTER_KEY_FILE to a file holding it`,
    );
  }
  mkdirSync(dirname(file), { recursive: true });
  // Owner-only: the key opens every tenant's secret.
  writeFileSync(file, `${newMasterKey()}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { keyring: ring(parseMasterKey(readFileSync(file, 'utf8'), file)), from: 'generated', file };
}

let processKeyring: MasterKeyring | undefined;

/** Sets the keyring this process seals and opens with (start-up, the CLI, tests). */
export function useMasterKeyring(keyring: MasterKeyring): void {
  processKeyring = keyring;
}

/**
 * The process's keyring: the one set with `useMasterKeyring`, else `MATBAKH_MASTER_KEY`/`MATBAKH_MASTER_KEY_FILE`
 * read on first use (no default file and no generation here: that is start-up's decision).
 */
export function masterKeyring(): MasterKeyring {
  if (!processKeyring) {
    processKeyring = loadMasterKey(process.env, { defaultFile: '', generate: false }).keyring;
  }
  return processKeyring;
}
