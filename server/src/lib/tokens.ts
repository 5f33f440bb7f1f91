import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** 256 random bits, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as SHA-256 hashes: a database leak reveals no usable link or cookie. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** scrypt's N for new hashes (OWASP's minimum for scrypt with r=8, p=1: 2^17 would be ~4x slower per sign-in). */
export const PASSWORD_HASH_COST = 2 ** 15;
const SCRYPT = { r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
/** The largest N a stored hash may ask for (a tampered row must not make sign-in allocate without bound). */
const MAX_COST = 2 ** 17;
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Format: scrypt$N$r$p$salt$hash (base64url). */
export async function hashPassword(password: string, cost = PASSWORD_HASH_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize('NFKC'), salt, { ...SCRYPT, N: cost });
  return ['scrypt', cost, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  if (!(Number(n) <= MAX_COST)) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A valid hash to compare against when the email is unknown, so timing does not reveal it. */
const dummyHashes = new Map<number, Promise<string>>();
export function dummyPasswordHash(cost = PASSWORD_HASH_COST): Promise<string> {
  let hash = dummyHashes.get(cost);
  if (!hash) dummyHashes.set(cost, (hash = hashPassword(newToken(), cost)));
  return hash;
}
