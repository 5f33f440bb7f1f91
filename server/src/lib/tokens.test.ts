import { describe, expect, it } from 'vitest';
import { PASSWORD_HASH_COST, hashPassword, hashToken, newToken, verifyPassword } from './tokens.js';
import { inviteTokenSchema } from '@tandem/shared/schemas';

describe('tokens', () => {
  it('makes 256-bit url-safe tokens that the invite schema accepts', () => {
    const a = newToken();
    const b = newToken();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(inviteTokenSchema.safeParse(a).success).toBe(true);
  });

  it('hashes tokens deterministically without revealing them', () => {
    const t = newToken();
    expect(hashToken(t)).toBe(hashToken(t));
    expect(hashToken(t)).not.toContain(t);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterx', stored)).toBe(false);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
  });

  it('records the cost in the hash, verifies any cost it allows, and refuses a cost beyond its bound', async () => {
    expect((await hashPassword('pw')).split('$')[1]).toBe(String(PASSWORD_HASH_COST));
    const cheap = await hashPassword('pw', 2 ** 10);
    expect(cheap.split('$')[1]).toBe('1024');
    expect(await verifyPassword('pw', cheap)).toBe(true);
    const tampered = cheap.replace('$1024$', `$${2 ** 24}$`);
    expect(await verifyPassword('pw', tampered)).toBe(false);
  });
});
