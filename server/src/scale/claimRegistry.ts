/**
 * Who uses which awareness client id of a doc, kept in Redis (`<prefix>y-claims:<docName>`, a hash of client id
 * -> person key) for the processes that load the doc later (collab/claims.ts). A process that holds a doc learns
 * the others' people from the awareness they relay; one that loads it afterwards would know nobody until their
 * next awareness message, and could grant their id to someone else meanwhile. So each process registers its
 * people's ids before it relays their awareness (on the same connection, so in that order), and a loading process
 * reads the registry after it has subscribed to the doc: every claim is then either in what it read or relayed to
 * it. Redis away, nothing is registered or read: each process goes on with what it has heard (degraded).
 */
import { MAX_OWNERS, type AwarenessKeys } from '../collab/claims.js';
import type { RedisLink } from './redisLink.js';

/** How long a doc's registry outlives its last refresh (a process that holds the doc refreshes it). */
const CLAIMS_TTL_MS = 60 * 60_000;
const CLAIMS_REFRESH_MS = 10 * 60_000;
/**
 * Client ids registered per doc at most (as many as a process remembers): past it, the others learn new ids from
 * the relayed awareness alone.
 */
const MAX_REGISTERED_CLAIMS = MAX_OWNERS;

/** First person wins (a race between two processes leaves the first); bounded; the TTL renewed. */
const REGISTER = `
if redis.call('HLEN', KEYS[1]) < tonumber(ARGV[3]) then redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 0`;

export class ClaimRegistry {
  /** Per loaded doc: the ids registered from here, and when its expiry was last renewed. */
  private readonly docs = new Map<string, { ids: Set<number>; renewedAt: number }>();
  private readonly keyPrefix: string;

  constructor(
    private readonly link: RedisLink,
    private readonly now: () => number = Date.now,
  ) {
    this.keyPrefix = `${link.prefix}y-claims:`;
  }

  /** Registers this process's people of an awareness update about to be published (call before publishing). */
  register(docName: string, keys: AwarenessKeys): void {
    const command = this.link.command;
    if (command.status !== 'ready') return;
    let doc = this.docs.get(docName);
    if (!doc) this.docs.set(docName, (doc = { ids: new Set(), renewedAt: 0 }));
    const key = this.keyPrefix + docName;
    const now = this.now();
    for (const [id, person] of keys) {
      if (doc.ids.has(id) || doc.ids.size >= MAX_REGISTERED_CLAIMS) continue;
      doc.ids.add(id);
      doc.renewedAt = now;
      command.eval(REGISTER, 1, key, id, person, MAX_REGISTERED_CLAIMS, CLAIMS_TTL_MS).catch(() => undefined);
    }
    if (now - doc.renewedAt > CLAIMS_REFRESH_MS) {
      doc.renewedAt = now;
      command.pexpire(key, CLAIMS_TTL_MS).catch(() => undefined);
    }
  }

  /** Everyone registered for a doc (empty when Redis is away or slower than `waitMs`). */
  async read(docName: string, waitMs: number): Promise<Map<number, string>> {
    const keys = new Map<number, string>();
    if (this.link.command.status !== 'ready' || waitMs <= 0) return keys;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
    const read = await Promise.race([this.link.command.hgetall(this.keyPrefix + docName), waited]).catch(() => null);
    clearTimeout(timer);
    for (const [id, person] of Object.entries(read ?? {})) {
      const n = Number(id);
      if (Number.isSafeInteger(n) && n >= 0) keys.set(n, person);
    }
    return keys;
  }

  /** The doc is no longer held here. */
  forget(docName: string): void {
    this.docs.delete(docName);
  }
}
