import { describe, expect, it } from 'vitest';
import { INVITE_TOKEN_PATTERN } from '@tandem/shared';
import { readInviteToken } from './inviteToken';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE';
const wellFormed = (hash: string) => INVITE_TOKEN_PATTERN.test(readInviteToken(hash));

describe('reading the invite code from a link', () => {
  it('accepts a whole code, as sent and as a mail program mangles it', () => {
    expect(TOKEN).toHaveLength(43);
    expect(readInviteToken(`#${TOKEN}`)).toBe(TOKEN);
    expect(readInviteToken(`#${TOKEN}.`)).toBe(TOKEN);
    expect(readInviteToken(`#${TOKEN})>`)).toBe(TOKEN);
    expect(readInviteToken(`#${TOKEN.slice(0, 20)}%0A${TOKEN.slice(20)}`)).toBe(TOKEN);
    expect(readInviteToken(`#${TOKEN.slice(0, 20)}%20%20${TOKEN.slice(20)}`)).toBe(TOKEN);
  });

  it('tells a cut-short, padded or garbled code from a whole one', () => {
    expect(wellFormed(`#${TOKEN}`)).toBe(true);
    expect(wellFormed(`#${TOKEN.slice(0, 30)}`)).toBe(false);
    expect(wellFormed(`#${TOKEN}x`)).toBe(false);
    expect(wellFormed(`#${TOKEN.slice(0, 42)}*`)).toBe(false);
    expect(wellFormed('')).toBe(false);
    expect(wellFormed('#')).toBe(false);
    // A link cut inside a %-escape does not throw.
    expect(wellFormed(`#${TOKEN.slice(0, 40)}%E0%A4%A`)).toBe(false);
  });
});
