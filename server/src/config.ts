import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { COLLAB_MAX_MESSAGE_BYTES, DEFAULT_INVITE_TTL_HOURS } from '@tandem/shared';
import { DEFAULT_DB_TUNING, type DbTuning } from './db/tuning.js';
import { PASSWORD_HASH_COST } from './lib/tokens.js';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** A comma-separated list of ICE URLs with the given schemes (`stun:host:3478`, `turns:host:5349?transport=tcp`). */
const iceUrls = (schemes: string[]) =>
  z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(new RegExp(`^(${schemes.join('|')}):[^\\s,]+$`), `each URL must start with ${schemes.join(': or ')}:`),
      ),
    );

/** The public origin only: http(s), a host, maybe a port; no credentials, path, query or fragment. */
function isPublicOrigin(value: string): boolean {
  if (!/^https?:\/\/[^/?#@\\\s]+\/?$/i.test(value)) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}

/** Express's named ranges for `trust proxy`. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Which reverse proxies may tell us the client's address (Express's `trust proxy`): unset/`false`/`0` for none,
 * a hop count (`1`: one proxy in front), or a comma list of proxy addresses, CIDR ranges and `loopback`,
 * `linklocal`, `uniquelocal`. Never a blanket `true`: that takes the leftmost X-Forwarded-For entry, which any
 * client can write, so every rate limit keyed on the address could be dodged.
 */
export type TrustProxy = false | number | string[];

const trustProxy = z.string().transform((raw, ctx): TrustProxy => {
  const v = raw.trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true') {
    ctx.addIssue({
      code: 'custom',
      message:
        '"true" would trust any X-Forwarded-For a client sends (it defeats sign-in limits). Set the number of proxies in front of Tandem (e.g. 1) or their addresses (e.g. loopback or 10.0.0.0/8,192.168.1.10); false or unset means no proxy',
    });
    return z.NEVER;
  }
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > 10) {
      ctx.addIssue({ code: 'custom', message: 'a hop count must be between 0 and 10' });
      return z.NEVER;
    }
    return hops;
  }
  const entries = v.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !isProxyAddress(e));
  if (bad.length > 0 || entries.length > 50) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a hop count or a comma list of proxy addresses, CIDR ranges, loopback, linklocal or uniquelocal; not understood: ${bad.slice(0, 3).join(', ').slice(0, 120)}`,
    });
    return z.NEVER;
  }
  return entries;
});

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(DEFAULT_DB_TUNING.connectTimeoutMs),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_DB_TUNING.statementTimeoutMs),
  DB_STARTUP_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(DEFAULT_DB_TUNING.startupTimeoutMs),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:.-]{1,64}$/, 'must be 1-64 characters of A-Z, a-z, 0-9, _, :, . or -')
    .default('tandem:'),
  PUBLIC_URL: z
    .string()
    .refine(isPublicOrigin, 'must be an http(s) origin such as https://tandem.example.org (no path, query or user)')
    .transform((v) => new URL(v).origin)
    .optional(),
  COOKIE_SECURE: bool.optional(),
  INVITE_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(DEFAULT_INVITE_TTL_HOURS),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: trustProxy.optional(),
  SETUP_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,200}$/, 'must be 16-200 characters of A-Z, a-z, 0-9, _ or -')
    .optional(),
  BENCH_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  STUN_URLS: iceUrls(['stun', 'stuns']).optional(),
  TURN_URLS: iceUrls(['turn', 'turns']).optional(),
  TURN_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL (e.g. smtp://user:pass@mail.example.org:587)')
    .optional(),
  MAIL_FROM: z
    .string()
    .max(200)
    .regex(/^[^\r\n]*@[^\r\n]*$/, 'must be an address, e.g. "Tandem <no-reply@example.org>"')
    .optional(),
  SECRET_KEY: z
    .string()
    .transform((v) => v.trim())
    .pipe(
      z.union(
        [
          z
            .string()
            .regex(/^[0-9a-fA-F]{64}$/)
            .transform((v) => Buffer.from(v, 'hex')),
          z
            .string()
            .regex(/^[A-Za-z0-9+/]{43}=$/)
            .transform((v) => Buffer.from(v, 'base64')),
        ],
        { error: 'must be 32 random bytes as 64 hex digits or 44 base64 characters (e.g. `openssl rand -base64 32`)' },
      ),
    )
    .optional(),
  TURN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(6 * 3600),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Postgres schema to use (tests isolate themselves in one). */
  databaseSchema: string | undefined;
  /** PostgreSQL timeouts and names, and the health check's own timeout. */
  db: DbTuning;
  redisUrl: string | undefined;
  /**
   * Prefix of every Redis key and channel Tandem uses (REDIS_PREFIX, default `tandem:`): processes of one practice
   * share it; another practice or a test on the same Redis uses its own.
   */
  redisPrefix: string;
  /** Public origin used in invite links and allowed for CSRF / upgrade Origin checks; derived from host:port if unset. */
  publicUrl: string | undefined;
  cookieSecure: boolean;
  inviteTtlHours: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Express `trust proxy`: no proxy, a hop count, or the proxies' addresses/ranges (never a blanket `true`). */
  trustProxy: TrustProxy;
  /** First-run setup code (SETUP_TOKEN); unset: a random one is made at start when no account exists. */
  setupToken: string | undefined;
  /** Largest Yjs message accepted; a bigger one closes that connection (MESSAGE_TOO_LARGE). */
  collabMaxMessageBytes: number;
  /**
   * scrypt's cost (N) for new password hashes; the hash records it, so a change never locks anyone out. Not read
   * from the environment: only tests lower it, to sign up hundreds of therapists without paying for each.
   */
  passwordHashCost: number;
  /** Enables `bench-*` docs and /__bench/mem for benchmarks; unset in production. */
  benchToken: string | undefined;
  /** ICE servers handed to admitted people; none by default (no public STUN is ever contacted). */
  ice: IceConfig;
  /** Outgoing e-mail (SMTP_URL, MAIL_FROM); null: none, links are copied by hand. */
  mail: MailConfig | null;
  /** Where the built client lives; null serves no static files. */
  clientDir: string | null;
  /** SECRET_KEY: seals secrets kept at rest (lib/secretBox.ts); unset: a key made once in the data directory. */
  secretKey?: Buffer | undefined;
}

export interface IceConfig {
  stunUrls: string[];
  turnUrls: string[];
  /** Shared with coturn (`static-auth-secret`): credentials are derived from it per person, time-limited. */
  turnSecret: string | undefined;
  turnTtlSeconds: number;
}

export interface MailConfig {
  /** smtp:// or smtps:// with any credentials; never logged. */
  smtpUrl: string;
  from: string;
}

export class ConfigError extends Error {}

/** Reads and validates the environment. A bad value throws a ConfigError naming it. */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.TURN_URLS?.length && !e.TURN_SECRET) {
    throw new ConfigError('Invalid configuration:\n  TURN_SECRET: required when TURN_URLS is set');
  }
  if (e.SMTP_URL && !e.MAIL_FROM) {
    throw new ConfigError('Invalid configuration:\n  MAIL_FROM: required when SMTP_URL is set');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseSchema: undefined,
    db: {
      ...DEFAULT_DB_TUNING,
      connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
      // The client gives up only after the server had its chance to cancel the statement itself.
      queryTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS + 2_000,
      startupTimeoutMs: e.DB_STARTUP_TIMEOUT_MS,
    },
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    cookieSecure: e.COOKIE_SECURE ?? e.PUBLIC_URL?.startsWith('https://') ?? false,
    inviteTtlHours: e.INVITE_TTL_HOURS,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY ?? false,
    setupToken: e.SETUP_TOKEN,
    benchToken: e.BENCH_TOKEN,
    collabMaxMessageBytes: COLLAB_MAX_MESSAGE_BYTES,
    passwordHashCost: PASSWORD_HASH_COST,
    ice: {
      stunUrls: e.STUN_URLS ?? [],
      turnUrls: e.TURN_URLS ?? [],
      turnSecret: e.TURN_SECRET,
      turnTtlSeconds: e.TURN_TTL_SECONDS,
    },
    mail: e.SMTP_URL && e.MAIL_FROM ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM } : null,
    clientDir: null,
    secretKey: e.SECRET_KEY,
    ...overrides,
  };
}
