import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import type * as IORedis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ErrorCode } from '@tandem/shared';
import { AppError } from './errors.js';

export interface LimitSpec {
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  blockSeconds?: number;
}

const require = createRequire(import.meta.url);
const loadRedis = () => (require('ioredis') as typeof IORedis).Redis;

/** The limits we apply; counters live in memory, or in Redis when REDIS_URL is set (shared by every process). */
export const LIMITS = {
  /** Failed sign-ins from one address, any email (the address Express derives under TRUST_PROXY). */
  loginPerIp: { keyPrefix: 'login_ip', points: 30, durationSeconds: 60 * 60, blockSeconds: 60 * 60 },
  /** Invite redemptions (good or bad) from one address. */
  redeemPerIp: { keyPrefix: 'redeem_ip', points: 30, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
  /** Session records built for one therapist (each decodes the map's versions). */
  recordPerTherapist: { keyPrefix: 'record_t', points: 60, durationSeconds: 60 },
  /** Progress-note writes (save, sign, addendum) by one therapist; autosave sends one every few seconds at most. */
  notesPerTherapist: { keyPrefix: 'notes_t', points: 120, durationSeconds: 60 },
  /** Partner summaries a therapist prepares (each read assembles a preview; writes: save, release, withdraw). */
  summariesPerTherapist: { keyPrefix: 'summary_t', points: 120, durationSeconds: 60 },
  /** A partner's reads of their released summaries, all their devices together. */
  summaryReadsPerPartner: { keyPrefix: 'summary_p', points: 60, durationSeconds: 60 },
  /** PDFs of their released summaries built for one partner, all their devices together. */
  summaryPdfPerPartner: { keyPrefix: 'summary_pdf_p', points: 10, durationSeconds: 60 },
  /** PDFs built for one therapist (a record, a map, a comparison): each lays out and compresses a document. */
  pdfPerTherapist: { keyPrefix: 'pdf_t', points: 30, durationSeconds: 60 },
  /** The therapist's schedule and calendar files. */
  schedulePerTherapist: { keyPrefix: 'schedule_t', points: 120, durationSeconds: 60 },
  /** A therapist's session routes: booking, reading, renaming, links issued and revoked, ending. */
  sessionsPerTherapist: { keyPrefix: 'sessions_t', points: 240, durationSeconds: 60 },
  /** Series booked and sessions cancelled by one therapist: a series writes up to 26 sessions at once. */
  scheduleWritesPerTherapist: { keyPrefix: 'schedule_w', points: 30, durationSeconds: 60 },
  /** Account settings written by one therapist (the practice's name). */
  settingsPerTherapist: { keyPrefix: 'settings_t', points: 30, durationSeconds: 60 },
  /** Covert stop signals from one partner (socket and REST fallback together; one press may send both). */
  stopSignalPerPartner: { keyPrefix: 'stop_p', points: 10, durationSeconds: 60 },
  /** The therapist's safety actions (dismiss, protocol, labels). */
  safetyPerTherapist: { keyPrefix: 'safety_t', points: 60, durationSeconds: 60 },
  /** A partner's drafting (saving, deleting, answering a reveal), all their devices together; typing autosaves. */
  draftsPerPartner: { keyPrefix: 'drafts_p', points: 120, durationSeconds: 60 },
  /** The therapist's drafting actions (open, close, reveal requests). */
  draftsPerTherapist: { keyPrefix: 'drafts_t', points: 60, durationSeconds: 60 },
  /** Check-in and check-out answers (and changes to them) from one partner, any device. */
  measureAnswersPerPartner: { keyPrefix: 'measure_p', points: 30, durationSeconds: 60 },
  /** Opening and closing the check-in or check-out, and reading the measures' state, by one person. */
  measureActionsPerPerson: { keyPrefix: 'measure_a', points: 120, durationSeconds: 60 },
  /** Treatment plan and progress reads and writes by one therapist (each read computes every objective's status). */
  planPerTherapist: { keyPrefix: 'plan_t', points: 120, durationSeconds: 60 },
  /** Reads of the practice's instruments (the list, one version) by one therapist. */
  instrumentReadsPerTherapist: { keyPrefix: 'instr_r', points: 120, durationSeconds: 60 },
  /** Instrument definitions imported by one therapist. */
  instrumentImportsPerTherapist: { keyPrefix: 'instr_t', points: 30, durationSeconds: 60 * 60 },
  /** Issuing and revoking personal case links by one therapist. */
  caseLinksPerTherapist: { keyPrefix: 'case_link_t', points: 30, durationSeconds: 60 },
  /** The therapist's reads and writes of the between-session space (overview, tasks). */
  betweenPerTherapist: { keyPrefix: 'between_t', points: 120, durationSeconds: 60 },
  /** A partner's reads of their between-session page, all their devices together. */
  betweenReadsPerPartner: { keyPrefix: 'between_r', points: 60, durationSeconds: 60 },
  /** A partner's writes there (ticks, reflections, ratings, conflict log), all their devices together. */
  betweenWritesPerPartner: { keyPrefix: 'between_w', points: 30, durationSeconds: 60 },
  /** The couple's policy page read or changed by one therapist. */
  policyPerTherapist: { keyPrefix: 'policy_t', points: 60, durationSeconds: 60 },
  /** A partner's reads and acknowledgements of the policy, all their devices together. */
  policyPerPartner: { keyPrefix: 'policy_p', points: 30, durationSeconds: 60 },
  /** Exports of a partner's own data (each assembles everything they hold), all their devices together. */
  exportPerPartner: { keyPrefix: 'export_p', points: 5, durationSeconds: 60 },
  /** E-mails a therapist sends by hand (invitations, one per partner), and their reads of what was sent. */
  mailPerTherapist: { keyPrefix: 'mail_t', points: 60, durationSeconds: 60 },
  /** The practice's people, invites, roles, transfers and shares changed by one person. */
  practicePerTherapist: { keyPrefix: 'practice_t', points: 60, durationSeconds: 60 },
  /** Looking up or accepting a clinician's invite link from one address (good or bad). */
  staffInvitePerIp: { keyPrefix: 'staff_inv_ip', points: 20, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
  /** Reminders sent for one therapist's sessions (automatic; a cap on what a flood of bookings could send). */
  remindersPerTherapist: { keyPrefix: 'mail_r', points: 200, durationSeconds: 60 * 60 },
  /** Wrong second-factor codes for one account (sign-in, enrolment, disabling), from any address. */
  secondFactorPerAccount: { keyPrefix: '2fa_acct', points: 5, durationSeconds: 10 * 60, blockSeconds: 10 * 60 },
  /** Wrong second-factor codes from one address, any account. */
  secondFactorPerIp: { keyPrefix: '2fa_ip', points: 30, durationSeconds: 60 * 60, blockSeconds: 60 * 60 },
  /** Security settings by one therapist: starting enrolment, the device list, signing a device out, the rule. */
  securityPerTherapist: { keyPrefix: 'security_t', points: 60, durationSeconds: 60 },
  /** Activity beacons from one sign-in (the client sends at most one a minute). */
  activityPerSignIn: { keyPrefix: 'activity_s', points: 10, durationSeconds: 60 },
  /** Audit log pages read by the owner. */
  auditReadsPerTherapist: { keyPrefix: 'audit_r', points: 120, durationSeconds: 60 },
  /** Audit log CSV exports by the owner (each may hold tens of thousands of rows). */
  auditExportsPerTherapist: { keyPrefix: 'audit_csv', points: 10, durationSeconds: 60 },
  /** Partner exports and deletions (a couple, a partner's data) by one therapist: each reads or deletes a whole case. */
  clientDataPerTherapist: { keyPrefix: 'client_data_t', points: 20, durationSeconds: 60 },
  /** The retention setting and its list of couples due, read or set by the owner. */
  retentionPerTherapist: { keyPrefix: 'retention_t', points: 60, durationSeconds: 60 },
  /** "Forgot password" requests from one address (any e-mail typed). */
  resetRequestPerIp: { keyPrefix: 'reset_ip', points: 10, durationSeconds: 60 * 60 },
  /** "Forgot password" requests for one e-mail address (existing or not): no flood of e-mails to a person. */
  resetRequestPerAddress: { keyPrefix: 'reset_addr', points: 3, durationSeconds: 60 * 60 },
  /** Reset links used (good or bad) from one address. */
  resetUsePerIp: { keyPrefix: 'reset_use', points: 20, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
  /** Reset links issued by hand, and the list of accounts, by the owner. */
  resetLinksPerOwner: { keyPrefix: 'reset_owner', points: 30, durationSeconds: 60 },
} as const satisfies Record<string, LimitSpec>;

export type LimitName = keyof typeof LIMITS;

/**
 * Consecutive failed password checks for one account, from any address (rate-limiter-flexible's
 * "consecutive fails by username"): the first `freeFailures` cost nothing, then each further failure makes the
 * next attempt wait twice as long (1 s, 2 s, 4 s, ... up to `maxDelaySeconds`). Never a lockout: once the wait is
 * over the right password works, and a success clears the count.
 */
export const ACCOUNT_DELAY = {
  freeFailures: 5,
  baseDelaySeconds: 1,
  maxDelaySeconds: 15 * 60,
  /** Failures older than this are forgotten. */
  windowSeconds: 24 * 60 * 60,
} as const;

/** The wait after the n-th consecutive failure (0 while still free). */
export function accountDelaySeconds(failures: number): number {
  const over = failures - ACCOUNT_DELAY.freeFailures;
  if (over < 0) return 0;
  return Math.min(ACCOUNT_DELAY.maxDelaySeconds, ACCOUNT_DELAY.baseDelaySeconds * 2 ** Math.min(over, 30));
}

export class RateLimits {
  private readonly limiters: Record<LimitName, RateLimiterAbstract>;
  /** Counts an account's consecutive failures. */
  private readonly accountFailures: RateLimiterAbstract;
  /** Holds an account's current wait (a block of growing length). */
  private readonly accountWait: RateLimiterAbstract;

  private constructor(
    private readonly redis: Redis | null,
    prefix: string,
  ) {
    const make = (spec: LimitSpec): RateLimiterAbstract => {
      const opts = {
        keyPrefix: `${prefix}${spec.keyPrefix}`,
        points: spec.points,
        duration: spec.durationSeconds,
        blockDuration: spec.blockSeconds ?? 0,
      };
      // Redis away or stalled is a fault, not a reason to refuse everyone (or answer 500): each process then counts
      // in its own memory (the insurance limiter) until Redis answers again.
      return redis
        ? new RateLimiterRedis({
            ...opts,
            storeClient: redis,
            useRedisPackage: false,
            rejectIfRedisNotReady: true,
            insuranceLimiter: new RateLimiterMemory(opts),
          })
        : new RateLimiterMemory(opts);
    };
    // One limiter per entry of LIMITS: adding a limit there is all it takes.
    this.limiters = Object.fromEntries(Object.entries(LIMITS).map(([name, spec]) => [name, make(spec)])) as Record<
      LimitName,
      RateLimiterAbstract
    >;
    this.accountFailures = make({
      keyPrefix: 'account_fails',
      points: 1_000_000,
      durationSeconds: ACCOUNT_DELAY.windowSeconds,
    });
    this.accountWait = make({ keyPrefix: 'account_wait', points: 1, durationSeconds: ACCOUNT_DELAY.maxDelaySeconds });
  }

  static create(redisUrl: string | undefined, prefix = 'tandem:rl:'): RateLimits {
    // ioredis is loaded only when Redis is configured (it costs ~0.15 s of start-up).
    // A command Redis does not answer within a second fails (and is counted in memory instead): a stalled Redis
    // must not hold a sign-in or a note's autosave.
    const redis = redisUrl
      ? new (loadRedis())(redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true, commandTimeout: 1_000 })
      : null;
    redis?.on('error', () => undefined); // reconnection failures: the limits fall back to memory meanwhile
    return new RateLimits(redis, prefix);
  }

  /** Throws RATE_LIMITED when the key has no points left. */
  async assertAllowed(name: LimitName, key: string): Promise<void> {
    const res = await this.limiters[name].get(key);
    if (res && res.remainingPoints <= 0) throw limited(res);
  }

  /** Spends one point; throws RATE_LIMITED when that was over the limit. */
  async consume(name: LimitName, key: string): Promise<void> {
    try {
      await this.limiters[name].consume(key);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw limited(err);
      throw err;
    }
  }

  async reset(name: LimitName, key: string): Promise<void> {
    await this.limiters[name].delete(key);
  }

  /** Throws RATE_LIMITED (with the seconds left) while the account is in a wait after failed password checks. */
  async assertAccountAllowed(account: string): Promise<void> {
    const res = await this.accountWait.get(account);
    if (res && res.remainingPoints <= 0 && res.msBeforeNext > 0) throw limited(res);
  }

  /** Records a failed password check for the account; from the free ones on, starts a growing wait. */
  async accountFailed(account: string): Promise<void> {
    const res = await this.accountFailures.consume(account);
    const seconds = accountDelaySeconds(res.consumedPoints);
    if (seconds > 0) await this.accountWait.block(account, seconds);
  }

  /** A right password: the account's count and wait start over. */
  async accountSucceeded(account: string): Promise<void> {
    await Promise.all([this.accountFailures.delete(account), this.accountWait.delete(account)]);
  }

  /**
   * Resolves once the shared counters are reachable (at once without Redis), or after `waitMs`: until then each
   * process counts in its own memory.
   */
  async shared(waitMs = Infinity): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    let onReady = () => undefined as void;
    await new Promise<void>((resolve) => {
      onReady = resolve;
      redis.once('ready', onReady);
      if (Number.isFinite(waitMs)) timer = setTimeout(resolve, waitMs);
    });
    clearTimeout(timer);
    redis.off('ready', onReady);
  }

  async close(): Promise<void> {
    const redis = this.redis;
    if (!redis) return;
    // QUIT would wait in the offline queue while Redis is away.
    if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
    else redis.disconnect();
  }
}

function limited(res: RateLimiterRes): AppError {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new AppError(ErrorCode.RATE_LIMITED, 'Too many attempts. Try again later.', seconds);
}
