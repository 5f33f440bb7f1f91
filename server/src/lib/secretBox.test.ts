import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../config.js';
import { dataDirKey, SecretBox } from './secretBox.js';

describe('sealed secrets', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-key-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('opens what it sealed, only under the same key and context, and refuses an altered value', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'totp:a');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP', 'totp:a')).not.toBe(sealed); // a fresh IV each time
    expect(box.open(sealed, 'totp:a')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => box.open(sealed, 'totp:b')).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'totp:a')).toThrow();
    const altered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.open(altered, 'totp:a')).toThrow();
    expect(box.open('plain-before-sealing', 'totp:a')).toBe('plain-before-sealing');
  });

  it('makes the data directory key once, owner-readable, and every later start reads the same one', () => {
    const dir = path.join(tempDir(), 'data');
    const first = dataDirKey(dir);
    expect(first).toHaveLength(32);
    expect(dataDirKey(dir).equals(first)).toBe(true);
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['secret.key']);
    fs.writeFileSync(path.join(dir, 'secret.key'), 'short');
    expect(() => dataDirKey(dir)).toThrow(/32-byte key/);
  });

  it('takes SECRET_KEY as 64 hex digits or 44 base64 characters, and names a bad one', () => {
    const key = randomBytes(32);
    expect(loadConfig({ SECRET_KEY: key.toString('hex') }).secretKey?.equals(key)).toBe(true);
    expect(loadConfig({ SECRET_KEY: key.toString('base64') }).secretKey?.equals(key)).toBe(true);
    expect(loadConfig({}).secretKey).toBeUndefined();
    expect(() => loadConfig({ SECRET_KEY: 'too-short' })).toThrow(ConfigError);
    expect(() => loadConfig({ SECRET_KEY: 'too-short' })).toThrow(/SECRET_KEY/);
  });
});
