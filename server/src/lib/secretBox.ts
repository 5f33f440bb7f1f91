/**
 * Secrets kept at rest (a TOTP secret, which must be read back to check codes, unlike a password) are sealed with
 * AES-256-GCM under the instance's key: a copy of the database alone does not give them away. The key is
 * SECRET_KEY when set (several machines on one PostgreSQL must share it), else a random key made once in the data
 * directory (`secret.key`, readable by its owner only) and reused by every later start.
 *
 * A sealed value is `v1.<iv>.<tag>.<ciphertext>` (base64url), bound to what it belongs to (`context`, e.g. the
 * account's id) so a value copied to another row does not open there. A value without the prefix is one stored
 * before sealing existed: `open` returns it as it is and `isSealed` tells the caller to seal it.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const PREFIX = 'v1.';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const KEY_FILE = 'secret.key';

export class SecretBox {
  private key: Buffer | null = null;

  /** `key`: 32 bytes, or a function that finds them (called once, on first use). */
  constructor(private readonly source: Buffer | (() => Buffer)) {}

  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyBytes(), iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
  }

  /** The plain value; throws if it was sealed under another key or context, or was altered. */
  open(value: string, context: string): string {
    if (!SecretBox.isSealed(value)) return value;
    const [iv, tag, body] = value
      .slice(PREFIX.length)
      .split('.')
      .map((part) => Buffer.from(part, 'base64url'));
    if (!iv || !tag || !body) throw new Error('secretBox: malformed value');
    const decipher = createDecipheriv('aes-256-gcm', this.keyBytes(), iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }

  static isSealed(value: string): boolean {
    return value.startsWith(PREFIX);
  }

  private keyBytes(): Buffer {
    this.key ??= typeof this.source === 'function' ? this.source() : this.source;
    if (this.key.length !== KEY_BYTES) throw new Error(`secretBox: the key must be ${KEY_BYTES} bytes`);
    return this.key;
  }
}

/**
 * The data directory's key: read, or made once. It is written to a file of its own and then linked into place,
 * so two processes starting together never see half a key: the one whose link fails (EEXIST) reads the other's.
 */
export function dataDirKey(dataDir: string): Buffer {
  const file = path.join(dataDir, KEY_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) {
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(temp, randomBytes(KEY_BYTES).toString('base64'), { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(temp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${file} does not hold a ${KEY_BYTES}-byte key (base64)`);
  return key;
}
