import path from 'node:path';
import { z } from 'zod';
import { COLLAB_MAX_MESSAGE_BYTES, DEFAULT_INVITE_TTL_HOURS } from '@tandem/shared';

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

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  PUBLIC_URL: z.url().optional(),
  COOKIE_SECURE: bool.optional(),
  INVITE_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(DEFAULT_INVITE_TTL_HOURS),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  BENCH_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  STUN_URLS: iceUrls(['stun', 'stuns']).optional(),
  TURN_URLS: iceUrls(['turn', 'turns']).optional(),
  TURN_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
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
  redisUrl: string | undefined;
  /** Public origin used in invite links and allowed for CSRF / upgrade Origin checks; derived from host:port if unset. */
  publicUrl: string | undefined;
  cookieSecure: boolean;
  inviteTtlHours: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  trustProxy: boolean;
  /** Largest Yjs message accepted; a bigger one closes that connection (MESSAGE_TOO_LARGE). */
  collabMaxMessageBytes: number;
  /** Enables `bench-*` docs and /__bench/mem for benchmarks; unset in production. */
  benchToken: string | undefined;
  /** ICE servers handed to admitted people; none by default (no public STUN is ever contacted). */
  ice: IceConfig;
  /** Where the built client lives; null serves no static files. */
  clientDir: string | null;
}

export interface IceConfig {
  stunUrls: string[];
  turnUrls: string[];
  /** Shared with coturn (`static-auth-secret`): credentials are derived from it per person, time-limited. */
  turnSecret: string | undefined;
  turnTtlSeconds: number;
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
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseSchema: undefined,
    redisUrl: e.REDIS_URL,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    cookieSecure: e.COOKIE_SECURE ?? e.PUBLIC_URL?.startsWith('https://') ?? false,
    inviteTtlHours: e.INVITE_TTL_HOURS,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    benchToken: e.BENCH_TOKEN,
    collabMaxMessageBytes: COLLAB_MAX_MESSAGE_BYTES,
    ice: {
      stunUrls: e.STUN_URLS ?? [],
      turnUrls: e.TURN_URLS ?? [],
      turnSecret: e.TURN_SECRET,
      turnTtlSeconds: e.TURN_TTL_SECONDS,
    },
    clientDir: null,
    ...overrides,
  };
}
