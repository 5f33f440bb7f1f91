import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir.endsWith('data')).toBe(true);
  });

  it('reads SMTP_URL with MAIL_FROM, refuses one without the other or a non-SMTP URL, and has no mail by default', () => {
    expect(loadConfig({}).mail).toBeNull();
    expect(
      loadConfig({ SMTP_URL: 'smtp://u:p@mail.example.org:587', MAIL_FROM: 'Tandem <t@example.org>' }).mail,
    ).toEqual({
      smtpUrl: 'smtp://u:p@mail.example.org:587',
      from: 'Tandem <t@example.org>',
    });
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.org' })).toThrow(/MAIL_FROM/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.org', MAIL_FROM: 'a@b.c' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://m', MAIL_FROM: 'a@b.c\r\nBcc: x@y.z' })).toThrow(/MAIL_FROM/);
  });

  it('stops with a message naming the bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ INVITE_TTL_HOURS: '-1' })).toThrow(/INVITE_TTL_HOURS/);
  });

  it('reads TRUST_PROXY as no proxy, a hop count or a list of proxy addresses and ranges', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,192.168.1.10,fd00::/8' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '192.168.1.10',
      'fd00::/8',
    ]);
  });

  it('refuses TRUST_PROXY=true with a message saying what to set instead', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: .*number of proxies.*\(e\.g\. 1\)/);
  });

  it('refuses TRUST_PROXY values that are neither a hop count nor proxy addresses', () => {
    for (const bad of ['yes', '10.0.0.0/33', '300.1.1.1', '-1', '11', 'loopback,evil.example', '10.0.0.0/8/1']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });

  it('takes SETUP_TOKEN for automation and refuses a short or odd one', () => {
    expect(loadConfig({}).setupToken).toBeUndefined();
    expect(loadConfig({ SETUP_TOKEN: 'a-long-enough_setup-code' }).setupToken).toBe('a-long-enough_setup-code');
    expect(() => loadConfig({ SETUP_TOKEN: 'short' })).toThrow(/SETUP_TOKEN/);
    expect(() => loadConfig({ SETUP_TOKEN: 'has spaces in it, sixteen+' })).toThrow(/SETUP_TOKEN/);
  });
});

describe('PUBLIC_URL', () => {
  it('refuses anything but an http(s) origin, naming the variable', () => {
    for (const bad of [
      'javascript:alert(1)',
      'JavaScript://example.org/%0Aalert(1)',
      'data:text/html,hi',
      'ftp://example.org',
      'https://user:secret@example.org',
      'https://example.org/tandem',
      'https://example.org?next=x',
      'https://example.org#x',
      'https://',
      'https:///example.org',
      'example.org',
    ]) {
      expect(() => loadConfig({ PUBLIC_URL: bad }), bad).toThrow(/PUBLIC_URL/);
    }
  });

  it('accepts an http(s) origin and keeps only the origin', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://Tandem.Example.org/' }).publicUrl).toBe('https://tandem.example.org');
    expect(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:3000' }).publicUrl).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ PUBLIC_URL: 'https://tandem.example.org' }).cookieSecure).toBe(true);
  });
});
