import { describe, expect, it } from 'vitest';
import { checkPassword } from './password.js';

// Loading the dictionaries takes a moment on a busy machine.
describe('the new-password check', { timeout: 60_000 }, () => {
  it('refuses passwords from the common and breached lists, whatever their length', () => {
    expect(checkPassword('password123')).toMatchObject({ acceptable: false, reason: 'common' });
    expect(checkPassword('qwertyuiop123')).toMatchObject({ acceptable: false });
    expect(checkPassword('1234567890')).toMatchObject({ acceptable: false });
  });

  it('refuses famous passphrases written with any case, spacing or punctuation', () => {
    for (const p of ['correcthorsebatterystaple', 'Correct Horse Battery Staple', 'correct-horse-battery-staple']) {
      expect(checkPassword(p)).toMatchObject({ acceptable: false, reason: 'common' });
    }
  });

  it('refuses a password built from the person’s own name or email', () => {
    const personal = ['Dr Rivera', 'rivera@example.org'];
    expect(checkPassword('rivera@example.org', personal)).toMatchObject({ acceptable: false, reason: 'personal' });
    expect(checkPassword('riveraexample', personal)).toMatchObject({ acceptable: false, reason: 'personal' });
  });

  it('refuses the wrong length before anything else', () => {
    expect(checkPassword('short')).toMatchObject({ acceptable: false, reason: 'tooShort' });
    expect(checkPassword('x'.repeat(201))).toMatchObject({ acceptable: false, reason: 'tooLong' });
  });

  it('accepts a long passphrase of unrelated words', () => {
    expect(checkPassword('correct horse battery')).toMatchObject({ acceptable: true, reason: null });
    expect(checkPassword('lantern orbit pickle meadow')).toMatchObject({ acceptable: true, reason: null });
  });

  it('judges only the first 64 characters, so a long pathological input stays cheap', () => {
    const weakStart = 'a1b2c3d4'.repeat(8);
    expect(checkPassword(weakStart + 'lantern orbit pickle meadow'.repeat(5))).toEqual(checkPassword(weakStart));
  });
});
